//! Randomized stress: thousands of random spawn/channel graphs (trees, pipelines, rings,
//! fan-in/fan-out), strands that yield or sleep at random points, spawns and sends from
//! plain threads; each graph checks an exact result.
//!
//! The runtime is a process-wide singleton, so each worker setting runs in a child
//! process (this test binary again, running only `child`, with `SEQ_WORKERS` set). The
//! child has a watchdog: if no graph completes for [`STALL_SECS`] seconds it prints the
//! graph in flight and `strand::stats()` and exits with status 3, so a hang fails the
//! test instead of CI's time limit. A deadlock the runtime detects fails the child with
//! its message.
//!
//! `SEQ_STRESS=N` sets the number of graphs per worker setting (default
//! [`DEFAULT_GRAPHS`]); `SEQ_STRESS_SEED` the seed (printed by every run).

use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use seq_runtime::strand::{self, ExternalWaker};
use seq_runtime::{sleep_ms, spawn, yield_now, Channel};

const DEFAULT_GRAPHS: usize = 1500;
const STALL_SECS: u64 = 30;
const CHILD_ENV: &str = "SEQ_STRESS_CHILD";

/// xorshift64*: small, seeded, good enough to pick shapes.
#[derive(Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    /// Maybe lets others run: a yield, a zero sleep, or (rarely) a 1 ms sleep.
    fn pause(&mut self) {
        match self.next() % 100 {
            0..=9 => yield_now(),
            10..=14 => sleep_ms(0),
            15 => sleep_ms(1),
            _ => {}
        }
    }
}

/// Runs on a plain helper thread (covered by an external waker, which the runtime needs
/// for a thread handed channels before it used the runtime), or inline.
fn on_helper_thread(rng: &mut Rng, f: impl FnOnce() + Send + 'static) {
    if rng.chance(20) {
        let waker = ExternalWaker::new();
        std::thread::spawn(move || {
            f();
            drop(waker);
        });
    } else {
        f();
    }
}

/// A tree of strands: each node spawns `fanout` children and sends the sum of theirs;
/// leaf `i` sends `i`.
fn tree(rng: &mut Rng) -> (String, i64, i64) {
    let (depth, fanout) = (rng.range(0, 4) as u32, rng.range(1, 5));
    fn node(out: Channel<i64>, depth: u32, fanout: i64, first: i64, mut rng: Rng) {
        rng.pause();
        if depth == 0 {
            out.send(first);
            return;
        }
        let children = Channel::new();
        let width = fanout.pow(depth - 1);
        for i in 0..fanout {
            let (children, child_rng) = (children.clone(), Rng::new(rng.next()));
            spawn(move || node(children, depth - 1, fanout, first + i * width, child_rng));
            rng.pause();
        }
        let sum = (0..fanout).map(|_| children.receive().0).sum();
        out.send(sum);
    }
    let out = Channel::new();
    let (tx, node_rng) = (out.clone(), Rng::new(rng.next()));
    on_helper_thread(rng, move || {
        spawn(move || node(tx, depth, fanout, 0, node_rng));
    });
    let leaves = fanout.pow(depth);
    let desc = format!("tree depth {depth} fanout {fanout}");
    (desc, out.receive().0, leaves * (leaves - 1) / 2)
}

/// A pipeline of `stages` strands, each adding its number; closing flows down it.
fn pipeline(rng: &mut Rng) -> (String, i64, i64) {
    let (stages, n) = (rng.range(1, 8), rng.range(0, 200));
    let source = Channel::new();
    let mut input = source.clone();
    for stage in 0..stages {
        let (rx, tx, mut rng) = (input, Channel::new(), Rng::new(rng.next()));
        input = tx.clone();
        spawn(move || {
            while let (v, true) = rx.receive() {
                rng.pause();
                assert!(tx.send(v + stage));
            }
            tx.close();
        });
    }
    let mut feed_rng = Rng::new(rng.next());
    on_helper_thread(rng, move || {
        for v in 0..n {
            if feed_rng.chance(5) {
                std::thread::yield_now();
            }
            source.send(v);
        }
        source.close();
    });
    let mut sum = 0;
    while let (v, true) = input.receive() {
        sum += v;
    }
    let desc = format!("pipeline of {stages} stages, {n} values");
    (desc, sum, n * (n - 1) / 2 + n * stages * (stages - 1) / 2)
}

/// A ring of `k` strands passing a token around; each hop adds one. Strand 0 takes it
/// `m` times and then hands it to the root, which closes the ring.
fn ring(rng: &mut Rng) -> (String, i64, i64) {
    let (k, m) = (rng.range(1, 8) as usize, rng.range(1, 40));
    let links: Vec<Channel<i64>> = (0..k).map(|_| Channel::new()).collect();
    let out = Channel::new();
    for j in 0..k {
        let (rx, tx, out) = (links[j].clone(), links[(j + 1) % k].clone(), out.clone());
        let mut rng = Rng::new(rng.next());
        spawn(move || {
            let mut round = 0;
            while let (v, true) = rx.receive() {
                round += 1;
                rng.pause();
                if j == 0 && round == m {
                    out.send(v);
                    return;
                }
                tx.send(v + 1);
            }
        });
    }
    links[0].send(0);
    let got = out.receive().0;
    links.iter().for_each(Channel::close);
    (
        format!("ring of {k} strands, {m} rounds"),
        got,
        (m - 1) * k as i64,
    )
}

/// Producers (strands and plain threads) feed one channel read by consumer strands; the
/// root closes it once every producer is done.
fn fan(rng: &mut Rng) -> (String, i64, i64) {
    let (producers, consumers) = (rng.range(1, 6), rng.range(1, 6));
    let (work, done, results) = (Channel::new(), Channel::new(), Channel::new());
    for _ in 0..consumers {
        let (work, results, mut rng) = (work.clone(), results.clone(), Rng::new(rng.next()));
        spawn(move || {
            let mut sum = 0;
            while let (v, true) = work.receive() {
                sum += v;
                rng.pause();
            }
            results.send(sum);
        });
    }
    let mut expected = 0;
    for p in 0..producers {
        let n = rng.range(0, 100);
        expected += (0..n).map(|i| p * 1000 + i).sum::<i64>();
        let (work, done, mut prng) = (work.clone(), done.clone(), Rng::new(rng.next()));
        let produce = move || {
            for i in 0..n {
                assert!(work.send(p * 1000 + i));
                if prng.chance(10) {
                    yield_now(); // a strand lets others run; a thread yields the CPU
                }
            }
            done.send(());
        };
        if rng.chance(70) {
            spawn(produce);
        } else {
            on_helper_thread(rng, produce);
        }
    }
    for _ in 0..producers {
        done.receive();
    }
    work.close();
    let sum = (0..consumers).map(|_| results.receive().0).sum();
    let desc = format!("fan of {producers} producers, {consumers} consumers");
    (desc, sum, expected)
}

/// The child: runs the graphs on two driver threads, under a watchdog.
fn run_graphs() {
    let graphs: usize = std::env::var("SEQ_STRESS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_GRAPHS);
    let seed: u64 = std::env::var("SEQ_STRESS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED);
    let workers = seq_runtime::config::current().get_workers();
    let (next, completed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let in_flight: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(vec![String::new(); 2]));
    {
        let (completed, in_flight) = (completed.clone(), in_flight.clone());
        std::thread::spawn(move || watchdog(completed, in_flight));
    }
    let start = Instant::now();
    let counts: Vec<[usize; 4]> = (0..2)
        .map(|d| {
            let (next, completed, in_flight) = (next.clone(), completed.clone(), in_flight.clone());
            std::thread::spawn(move || {
                let mut kinds = [0; 4];
                loop {
                    let i = next.fetch_add(1, Relaxed);
                    if i >= graphs {
                        return kinds;
                    }
                    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
                    let kind = (rng.next() % 4) as usize;
                    in_flight.lock().unwrap()[d] = format!("graph {i} (kind {kind})");
                    let (desc, got, want) = match kind {
                        0 => tree(&mut rng),
                        1 => pipeline(&mut rng),
                        2 => ring(&mut rng),
                        _ => fan(&mut rng),
                    };
                    assert_eq!(got, want, "graph {i}, seed {seed}: {desc}");
                    kinds[kind] += 1;
                    completed.fetch_add(1, Relaxed);
                }
            })
        })
        .map(|h| h.join().expect("a driver failed"))
        .collect();
    let kinds: Vec<usize> = (0..4).map(|k| counts.iter().map(|c| c[k]).sum()).collect();
    // Every graph's strands ended or are ending: none is left blocked in a receive.
    assert_eq!(strand::stats().blocked, 0, "{:?}", strand::stats());
    eprintln!(
        "stress: {workers} workers, seed {seed}: {graphs} graphs ({} trees, {} pipelines, \
         {} rings, {} fans) in {:.2?}; {:?}",
        kinds[0],
        kinds[1],
        kinds[2],
        kinds[3],
        start.elapsed(),
        strand::stats()
    );
}

/// Exits the child with status 3 and a description if no graph completes for a while.
fn watchdog(completed: Arc<AtomicUsize>, in_flight: Arc<Mutex<Vec<String>>>) {
    let (mut last, mut since) = (0, Instant::now());
    loop {
        std::thread::sleep(Duration::from_millis(200));
        let now = completed.load(Relaxed);
        if now != last {
            (last, since) = (now, Instant::now());
        } else if since.elapsed() > Duration::from_secs(STALL_SECS) {
            eprintln!(
                "stress: no graph completed for {STALL_SECS} s after {now}; in flight: {:?}; \
                 stats: {:?}",
                in_flight.lock().unwrap(),
                strand::stats()
            );
            std::process::exit(3);
        }
    }
}

#[test]
fn child() {
    if std::env::var(CHILD_ENV).is_ok() {
        run_graphs();
    }
}

fn run_child(workers: usize) {
    let start = Instant::now();
    let out = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1")
        .env("SEQ_WORKERS", workers.to_string())
        .stdin(Stdio::null())
        .output()
        .expect("child process");
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprintln!("{stderr}");
    assert!(
        out.status.success(),
        "child with {workers} workers: {}",
        out.status
    );
    assert!(
        stderr.contains(&format!("stress: {workers} workers")),
        "no summary from the child"
    );
    eprintln!("{workers} workers: child took {:.2?}", start.elapsed());
}

#[test]
fn random_graphs_with_one_worker() {
    run_child(1);
}

#[test]
fn random_graphs_with_two_workers() {
    run_child(2);
}
