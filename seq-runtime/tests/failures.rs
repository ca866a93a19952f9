//! Failures that speak: a strand's panic, a deadlock and a stack overflow each end with a
//! message on standard error instead of a hang. Each runs in a child process (this test
//! binary again, running only the `child` test with `SEQ_FAILURE` set), whose exit
//! status and standard error are checked. Cases that must *not* be taken for a deadlock
//! run in this process.

use std::process::{Command, ExitStatus};

use seq_runtime::strand::{self, ExternalWaker};
use seq_runtime::{sleep_ms, sleep_ms_async, spawn, spawn_async, Channel};

const CHILD_ENV: &str = "SEQ_FAILURE";

/// The child side: does nothing unless `SEQ_FAILURE` names a failure to produce.
#[test]
fn child() {
    let Ok(kind) = std::env::var(CHILD_ENV) else {
        return;
    };
    match kind.as_str() {
        "panic" => panic_in_a_strand(),
        "cycle" => receive_cycle(),
        "orphan" => root_waits_for_nothing(),
        "overflow" => overflow_in_a_strand(),
        "async-cycle" => waiting_cycle(),
        "full" => root_sends_to_a_full_channel(),
        other => panic!("unknown failure {other:?}"),
    }
}

/// Runs the `child` test of this binary with `SEQ_FAILURE=kind` and `envs`.
fn run_child(kind: &str, envs: &[(&str, &str)]) -> (ExitStatus, String) {
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, kind)
        .envs(envs.iter().copied())
        .output()
        .expect("child process");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    eprintln!(
        "--- child {kind}: {}\n{stderr}--- end of child {kind}",
        out.status
    );
    (out.status, stderr)
}

/// Prints "child: strand <id>" in one write (a plain `eprintln!` may be split by the
/// runtime's own message written at the same moment).
fn name_strand(id: i64) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(format!("child: strand {id}\n").as_bytes());
}

/// The strand id the child printed as "child: strand <id>".
fn child_strand_id(stderr: &str) -> i64 {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("child: strand "))
        .and_then(|id| id.trim().parse().ok())
        .expect("the child names its strand")
}

fn panic_in_a_strand() {
    let (out, blocked) = (Channel::<i64>::new(), Channel::<i64>::new());
    // A strand blocked on a channel only the panicking strand would feed.
    let (rx, tx) = (blocked.clone(), out.clone());
    spawn(move || {
        tx.send(rx.receive().0);
    });
    let gate = Channel::<i64>::new();
    let go = gate.clone();
    let id = spawn(move || {
        if go.receive().1 {
            panic!("the strand fails on purpose");
        }
        blocked.send(1);
    });
    name_strand(id);
    gate.send(1);
    out.receive();
    unreachable!("the process ends with the panic");
}

#[test]
fn a_strand_panic_ends_the_process_naming_the_strand() {
    let (status, stderr) = run_child("panic", &[]);
    let id = child_strand_id(&stderr);
    assert_eq!(status.code(), Some(strand::PANIC_EXIT_CODE), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "seq: strand {id} panicked: the strand fails on purpose\n"
        )),
        "{stderr}"
    );
}

fn receive_cycle() {
    let (a, b, result) = (Channel::<i64>::new(), Channel::<i64>::new(), Channel::new());
    for (from, to) in [(a.clone(), b.clone()), (b, a)] {
        let result = result.clone();
        spawn(move || {
            let (v, _) = from.receive();
            to.send(v);
            result.send(v);
        });
    }
    result.receive();
    unreachable!("the root's receive fails");
}

const CYCLE: &str = "2 strands and 1 thread are blocked on channels, and no strand or \
                     thread is left that could send, receive or close";

#[test]
fn a_receive_cycle_is_reported_and_the_root_receive_fails() {
    let (status, stderr) = run_child("cycle", &[]);
    assert!(!status.success(), "{stderr}");
    let report = format!("seq: deadlock: {CYCLE}\n");
    assert_eq!(stderr.matches(&report).count(), 1, "{stderr}");
    let failure = format!("seq: deadlock: this receive can never complete: {CYCLE}");
    assert!(stderr.contains(&failure), "{stderr}");
    // The panic points at the caller's receive, not into the runtime.
    assert!(stderr.contains("tests/failures.rs"), "{stderr}");
}

fn root_waits_for_nothing() {
    let done = Channel::<i64>::new();
    let tx = done.clone();
    spawn(move || {
        tx.send(1);
    });
    assert_eq!(done.receive(), (1, true));
    // Every strand has ended; nobody else holds this channel.
    Channel::<i64>::new().receive();
    unreachable!("the root's receive fails");
}

#[test]
fn a_root_waiting_on_a_channel_nobody_feeds_fails() {
    let (status, stderr) = run_child("orphan", &[]);
    assert!(!status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "seq: deadlock: 1 thread is blocked on channels, and no strand or thread is \
             left that could send, receive or close\n"
        ),
        "{stderr}"
    );
}

fn overflow_in_a_strand() {
    fn depth(n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            1 + depth(std::hint::black_box(n - 1))
        }
    }
    let (out, gate) = (Channel::new(), Channel::<i64>::new());
    let (tx, go) = (out.clone(), gate.clone());
    let id = spawn(move || {
        go.receive();
        tx.send(depth(u64::MAX) as i64);
    });
    name_strand(id);
    gate.send(1);
    out.receive();
    unreachable!("the process ends with the overflow");
}

#[test]
fn a_stack_overflow_in_a_strand_names_the_stack_setting() {
    let (status, stderr) = run_child("overflow", &[("SEQ_STACK_SIZE", "64K")]);
    let id = child_strand_id(&stderr);
    assert!(!status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "seq: strand {id} overflowed its stack (SEQ_STACK_SIZE is 65536 bytes): deep \
             non-tail recursion needs a bigger SEQ_STACK_SIZE, e.g. SEQ_STACK_SIZE=256K\n"
        )),
        "{stderr}"
    );
}

/// A strand asleep in `sleep_ms` will wake by itself: a root waiting for it is no
/// deadlock, even while every other strand is blocked.
#[test]
fn a_sleeping_strand_is_not_a_deadlock() {
    let (out, never) = (Channel::<i64>::new(), Channel::<i64>::new());
    let rx = never.clone();
    spawn(move || {
        rx.receive();
    });
    let tx = out.clone();
    spawn(move || {
        sleep_ms(30);
        tx.send(5);
    });
    assert_eq!(out.receive(), (5, true));
    never.close();
}

/// A helper thread that has not used the runtime yet is invisible to it; an
/// `ExternalWaker` made before the handle is handed over covers it.
#[test]
fn an_external_waker_covers_a_helper_thread() {
    let (ch, out) = (Channel::<i64>::new(), Channel::<i64>::new());
    let (rx, tx) = (ch.clone(), out.clone());
    spawn(move || {
        tx.send(rx.receive().0 * 2);
    });
    let waker = ExternalWaker::new();
    let helper = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(30));
        ch.send(21);
        drop(waker);
    });
    assert_eq!(out.receive(), (42, true));
    helper.join().unwrap();
}

/// The cycle of [`receive_cycle`], one strand waiting without a stack (as a future), the
/// other blocking its carrier.
fn waiting_cycle() {
    let (a, b, result) = (Channel::<i64>::new(), Channel::<i64>::new(), Channel::new());
    let (from, to, res) = (a.clone(), b.clone(), result.clone());
    spawn_async(async move {
        let (v, _) = from.receive_async().await;
        to.send_async(v).await;
        res.send_async(v).await;
    });
    spawn(move || {
        let (v, _) = b.receive();
        a.send(v);
        result.send(v);
    });
    Channel::<i64>::new().receive();
    unreachable!("the root's receive fails");
}

#[test]
fn a_cycle_of_strands_waiting_without_a_stack_is_reported() {
    let (status, stderr) = run_child("async-cycle", &[]);
    assert!(!status.success(), "{stderr}");
    let report = format!("seq: deadlock: {CYCLE}\n");
    assert_eq!(stderr.matches(&report).count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "seq: deadlock: this receive can never complete: {CYCLE}"
        )),
        "{stderr}"
    );
}

fn root_sends_to_a_full_channel() {
    let (full, filled) = (Channel::bounded(1), Channel::<i64>::new());
    let (tx, done) = (full.clone(), filled.clone());
    spawn_async(async move {
        tx.send_async(1).await;
        done.send_async(1).await;
    });
    filled.receive();
    // Nobody else holds the channel: this send can only wait forever.
    full.send(2);
    unreachable!("the root's send fails");
}

#[test]
fn a_root_sending_to_a_full_channel_nobody_reads_fails() {
    let (status, stderr) = run_child("full", &[]);
    assert!(!status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "seq: deadlock: this send can never complete: 1 thread is blocked on channels, \
             and no strand or thread is left that could send, receive or close"
        ),
        "{stderr}"
    );
}

/// A strand asleep without a stack counts as awake, as one in `sleep_ms` does.
#[test]
fn a_strand_sleeping_as_a_future_is_not_a_deadlock() {
    let (out, never) = (Channel::<i64>::new(), Channel::<i64>::new());
    let rx = never.clone();
    spawn_async(async move {
        rx.receive_async().await;
    });
    let tx = out.clone();
    spawn_async(async move {
        sleep_ms_async(30).await;
        tx.send_async(5).await;
    });
    assert_eq!(out.receive(), (5, true));
    never.close();
}

/// A future woken by a thread the runtime does not know (another runtime's I/O, say).
struct WokenByAStranger {
    started: bool,
    done: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl std::future::Future for WokenByAStranger {
    type Output = ();
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<()> {
        use std::sync::atomic::Ordering::SeqCst;
        if self.done.load(SeqCst) {
            return std::task::Poll::Ready(());
        }
        if !self.started {
            self.started = true;
            let (done, waker) = (self.done.clone(), cx.waker().clone());
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(30));
                done.store(true, SeqCst);
                waker.wake();
            });
        }
        std::task::Poll::Pending
    }
}

/// A strand awaiting something the runtime does not count counts as awake: the root
/// waiting for it is no deadlock.
#[test]
fn a_strand_awaiting_another_runtime_is_not_a_deadlock() {
    let out = Channel::<i64>::new();
    let tx = out.clone();
    spawn_async(async move {
        WokenByAStranger {
            started: false,
            done: Default::default(),
        }
        .await;
        tx.send_async(9).await;
    });
    assert_eq!(out.receive(), (9, true));
}
