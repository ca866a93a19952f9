//! Strand panics an embedding contains: with a panic handler
//! (`Config::on_strand_panic`) a panicking strand ends alone and the rest keeps running;
//! a joined strand's panic comes back to the joiner as an `Err`, with or without a
//! handler. Tests in this process share one configuration (two workers and a handler
//! that records every panic) and run one at a time; the cases that end a process, or
//! need the default policy or a deadlock report, run in a child process (this binary
//! again, running only `child` with `SEQ_PANIC_CASE` set), as in `failures.rs`.

use std::collections::HashSet;
use std::future::Future;
use std::process::{Command, ExitStatus};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use seq_runtime::config::Config;
use seq_runtime::strand::{self, spawn_joinable, spawn_joinable_async, StrandPanic};
use seq_runtime::{sleep_ms_async, spawn, spawn_async, Channel};

const CHILD_ENV: &str = "SEQ_PANIC_CASE";

/// Every panic the handler of this process was given.
static HANDLED: Mutex<Vec<StrandPanic>> = Mutex::new(Vec::new());

/// Installs this process's configuration once, and serialises the tests (they check the
/// carrier counters, which other tests would move).
fn setup() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    static INIT: OnceLock<()> = OnceLock::new();
    INIT.get_or_init(|| {
        let config = Config::from_env().workers(2).on_strand_panic(|p| {
            HANDLED
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(p)
        });
        config.init().expect("configured before the first strand");
    });
    SERIAL.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The handled panics whose message starts with `prefix`.
fn handled(prefix: &str) -> Vec<StrandPanic> {
    HANDLED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
        .filter(|p| p.message().starts_with(prefix))
        .cloned()
        .collect()
}

/// Waits (up to 10 s) until every carrier is parked idle and no strand is blocked.
fn wait_for_quiet() -> strand::Stats {
    let start = Instant::now();
    loop {
        let stats = strand::stats();
        if stats.active == 0 && stats.blocked == 0 && stats.carriers == stats.idle {
            return stats;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the carriers never settled: {stats:?}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn panicking_strands_end_alone_and_the_rest_keep_working() {
    let _serial = setup();
    const STRANDS: i64 = 400;
    let results = Channel::<i64>::new();
    let mut panicked = HashSet::new();
    for k in 0..STRANDS {
        let tx = results.clone();
        let fails = k % 7 == 3;
        let id = if k % 2 == 0 {
            spawn(move || {
                if fails {
                    panic!("many: strand {k} fails");
                }
                tx.send(k);
            })
        } else {
            spawn_async(async move {
                sleep_ms_async(1).await;
                if fails {
                    panic!("many: strand {k} fails");
                }
                tx.send_async(k).await;
            })
        };
        if fails {
            panicked.insert((id, format!("many: strand {k} fails")));
        }
    }
    let expected: i64 = (0..STRANDS).filter(|k| k % 7 != 3).sum();
    let count = (0..STRANDS).filter(|k| k % 7 != 3).count();
    let got: i64 = (0..count).map(|_| results.receive().0).sum();
    assert_eq!(got, expected);
    assert!(results.is_empty());
    let stats = wait_for_quiet();
    let reported: HashSet<(i64, String)> = handled("many: ")
        .into_iter()
        .map(|p| (p.id(), p.message().to_string()))
        .collect();
    assert_eq!(
        reported, panicked,
        "each panic is reported once, with its id"
    );
    assert!(stats.carriers <= 64, "{stats:?}");
}

#[test]
fn a_panic_drops_what_the_strand_held_and_its_waits() {
    let _serial = setup();
    // A strand that panics while another wait of its own is registered (a receive in a
    // `select`-like poll): the wait is withdrawn with its future.
    let never = Channel::<i64>::new();
    let done = Channel::<i64>::new();
    let (rx, tx) = (never.clone(), done.clone());
    spawn_async(async move {
        let receive = std::pin::pin!(rx.receive_async());
        let mut receive = Some(receive);
        std::future::poll_fn(|cx| {
            // Registers the receive, then panics in the same poll.
            if let Some(r) = receive.as_mut() {
                let _ = r.as_mut().poll(cx);
            }
            std::task::Poll::Ready(())
        })
        .await;
        drop(tx);
        assert_eq!(rx.receivers_waiting(), 1, "the receive waits");
        panic!("held: after registering a receive");
    });
    let stats = wait_for_quiet();
    assert_eq!(stats.blocked, 0, "the panicked strand's wait was withdrawn");
    assert_eq!(never.receivers_waiting(), 0);
    assert_eq!(handled("held: ").len(), 1);
    // The channel still works for the living.
    never.send(5);
    assert_eq!(never.receive(), (5, true));
}

#[test]
fn join_returns_the_value_or_the_panic() {
    let _serial = setup();
    assert_eq!(spawn_joinable(|| 6 * 7).join(), Ok(42));
    let handle = spawn_joinable(|| -> i64 { panic!("join: closure fails") });
    let id = handle.id();
    let failed = handle.join().expect_err("the strand panicked");
    assert_eq!((failed.id(), failed.message()), (id, "join: closure fails"));
    assert_eq!(
        failed.to_string(),
        format!("strand {id} panicked: join: closure fails")
    );

    // Futures: a value after a wait, a panic after a wait.
    let ok = spawn_joinable_async(async {
        sleep_ms_async(2).await;
        String::from("done")
    });
    assert_eq!(ok.join().as_deref(), Ok("done"));
    let bad = spawn_joinable_async(async {
        sleep_ms_async(2).await;
        if true {
            panic!("join: future fails after a wait");
        }
        1
    });
    let id = bad.id();
    let err = bad.join().expect_err("the future panicked");
    assert_eq!(
        (err.id(), err.message()),
        (id, "join: future fails after a wait")
    );

    // Joined from strands: blocking in a closure strand, awaiting in a future.
    let outer = spawn_joinable(|| {
        let inner = spawn_joinable(|| -> i64 { panic!("join: inner fails") });
        inner.join().map_err(|p| p.message().to_string())
    });
    assert_eq!(outer.join(), Ok(Err("join: inner fails".to_string())));
    let outer = spawn_joinable_async(async {
        let a = spawn_joinable_async(async { 20 }).join_async().await;
        let b = spawn_joinable(|| -> i64 { panic!("join: async joiner sees it") })
            .join_async()
            .await;
        (a, b.map_err(|p| p.message().to_string()))
    });
    assert_eq!(
        outer.join(),
        Ok((Ok(20), Err("join: async joiner sees it".to_string())))
    );
    // Joined panics went to their joiners only.
    assert!(handled("join: ").is_empty(), "{:?}", handled("join: "));
    wait_for_quiet();
}

#[test]
fn an_unjoined_handle_gives_the_panic_to_the_handler() {
    let _serial = setup();
    // Dropped before the panic.
    let gate = Channel::<i64>::new();
    let go = gate.clone();
    let handle = spawn_joinable(move || -> i64 {
        go.receive();
        panic!("unjoined: after the drop");
    });
    let first = handle.id();
    drop(handle);
    gate.send(1);
    // Dropped after the panic, unjoined.
    let handle = spawn_joinable(|| -> i64 { panic!("unjoined: before the drop") });
    let second = handle.id();
    while !handle.is_finished() {
        std::thread::sleep(Duration::from_millis(1));
    }
    drop(handle);
    wait_for_quiet();
    let mut ids: Vec<i64> = handled("unjoined: ").iter().map(StrandPanic::id).collect();
    ids.sort_unstable();
    assert_eq!(ids, vec![first, second]);
}

/// The child side: does nothing unless `SEQ_PANIC_CASE` names a case.
#[test]
fn child() {
    let Ok(case) = std::env::var(CHILD_ENV) else {
        return;
    };
    match case.as_str() {
        "orphaned-receiver" => orphaned_receiver(),
        "joined-default" => joined_under_the_default_policy(),
        "dropped-default" => dropped_handle_under_the_default_policy(),
        other => panic!("unknown case {other:?}"),
    }
}

/// Runs the `child` test of this binary with `SEQ_PANIC_CASE=case`.
fn run_child(case: &str) -> (ExitStatus, String) {
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, case)
        .output()
        .expect("child process");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    eprintln!(
        "--- child {case}: {}\n{stderr}--- end of child {case}",
        out.status
    );
    (out.status, stderr)
}

/// Writes one line to standard error in one write.
fn say(line: String) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(format!("{line}\n").as_bytes());
}

/// With a handler: a strand that would have sent on a channel panics. Channels are not
/// closed when a handle is dropped, so a strand and the root waiting on it are left to
/// the deadlock detector, which fails the root's receive.
fn orphaned_receiver() {
    Config::from_env()
        .workers(2)
        .on_strand_panic(|p| say(format!("handled: {p}")))
        .init()
        .expect("first configuration");
    let (feed, out) = (Channel::<i64>::new(), Channel::<i64>::new());
    let (rx, tx) = (feed.clone(), out.clone());
    spawn(move || {
        tx.send(rx.receive().0);
    });
    let id = spawn(move || {
        let _only_sender = feed;
        panic!("the feeder fails");
    });
    say(format!("child: strand {id}"));
    out.receive();
    unreachable!("the receive fails with the deadlock");
}

#[test]
fn a_receiver_orphaned_by_a_panic_gets_the_deadlock_report() {
    let (status, stderr) = run_child("orphaned-receiver");
    let id = child_strand_id(&stderr);
    assert!(
        stderr.contains(&format!(
            "handled: strand {id} panicked: the feeder fails\n"
        )),
        "{stderr}"
    );
    assert!(
        !stderr.contains("seq: strand"),
        "the process did not end with the panic"
    );
    let cycle = "1 strand and 1 thread are blocked on channels";
    assert!(
        stderr.contains(&format!("seq: deadlock: {cycle}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("seq: deadlock: this receive can never complete"),
        "{stderr}"
    );
    assert!(!status.success(), "{stderr}");
}

/// Without a handler, a joined panic is the joiner's: the process goes on.
fn joined_under_the_default_policy() {
    let err = spawn_joinable(|| -> i64 { panic!("observed by the joiner") })
        .join()
        .expect_err("it panicked");
    say(format!("joined: {err}"));
    let ok = spawn_joinable(|| 1).join();
    say(format!("then: {ok:?}"));
}

#[test]
fn a_joined_panic_does_not_end_the_process_by_default() {
    let (status, stderr) = run_child("joined-default");
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("panicked: observed by the joiner\n"),
        "{stderr}"
    );
    assert!(stderr.contains("then: Ok(1)\n"), "{stderr}");
    assert!(!stderr.contains("seq: strand"), "{stderr}");
}

/// Without a handler, the panic of a strand whose handle was dropped ends the process.
fn dropped_handle_under_the_default_policy() {
    let gate = Channel::<i64>::new();
    let go = gate.clone();
    let handle = spawn_joinable(move || -> i64 {
        go.receive();
        panic!("nobody joins this");
    });
    say(format!("child: strand {}", handle.id()));
    drop(handle);
    gate.send(1);
    std::thread::sleep(Duration::from_secs(10));
    unreachable!("the process ends with the panic");
}

#[test]
fn an_unjoined_panic_ends_the_process_by_default() {
    let (status, stderr) = run_child("dropped-default");
    assert_eq!(status.code(), Some(strand::PANIC_EXIT_CODE), "{stderr}");
    let id = child_strand_id(&stderr);
    assert!(
        stderr.contains(&format!("seq: strand {id} panicked: nobody joins this\n")),
        "{stderr}"
    );
}

/// The strand id the child printed as "child: strand <id>".
fn child_strand_id(stderr: &str) -> i64 {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("child: strand "))
        .and_then(|id| id.trim().parse().ok())
        .expect("the child names its strand")
}
