//! Randomized stress: thousands of random spawn/channel graphs (trees, pipelines, rings,
//! fan-in/fan-out), strands that yield or sleep at random points, spawns and sends from
//! plain threads; each graph checks an exact result. Every wait in a strand takes one of
//! the two ways at random: blocking the strand's carrier, or awaiting (the strand is put
//! aside without a stack); some strands run their future under `block_on`; about a third
//! of the channels are bounded, so sends wait as well.
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

use std::future::Future;
use std::pin::Pin;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use seq_runtime::strand::{self, ExternalWaker};
use seq_runtime::{
    block_on, sleep_ms, sleep_ms_async, spawn, spawn_async, yield_now, yield_now_async, Channel,
};

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
    /// A new channel: mostly unbounded, sometimes bounded (0 to 3 values), so that sends
    /// wait too.
    fn channel<T: Send + 'static>(&mut self) -> Channel<T> {
        match self.chance(30) {
            true => Channel::bounded(self.range(0, 3)),
            false => Channel::new(),
        }
    }
}

/// A strand's operations, each waiting one of two ways at random: blocking its carrier
/// (the blocking methods, called from inside the strand's future) or as a future (the
/// strand is put aside without its carrier).
struct Ops(Rng);

impl Ops {
    async fn receive(&mut self, ch: &Channel<i64>) -> (i64, bool) {
        match self.0.chance(50) {
            true => ch.receive_async().await,
            false => ch.receive(),
        }
    }
    async fn send(&mut self, ch: &Channel<i64>, v: i64) -> bool {
        match self.0.chance(50) {
            true => ch.send_async(v).await,
            false => ch.send(v),
        }
    }
    /// Maybe lets others run: a yield, a zero sleep, or (rarely) a 1 ms sleep, either way.
    async fn pause(&mut self) {
        let waits = self.0.chance(50);
        match (self.0.next() % 100, waits) {
            (0..=9, true) => yield_now_async().await,
            (0..=9, false) => yield_now(),
            (10..=14, true) => sleep_ms_async(0).await,
            (10..=14, false) => sleep_ms(0),
            (15, true) => sleep_ms_async(1).await,
            (15, false) => sleep_ms(1),
            _ => {}
        }
    }
}

type Body = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Starts a strand: as a future, or (sometimes) as a closure that blocks on the future.
fn start(rng: &mut Rng, body: Body) {
    match rng.chance(85) {
        true => spawn_async(body),
        false => spawn(move || block_on(body)),
    };
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
    fn node(out: Channel<i64>, depth: u32, fanout: i64, first: i64, rng: Rng) -> Body {
        Box::pin(async move {
            let mut ops = Ops(rng);
            ops.pause().await;
            if depth == 0 {
                ops.send(&out, first).await;
                return;
            }
            let children = ops.0.channel();
            let width = fanout.pow(depth - 1);
            for i in 0..fanout {
                let child = node(
                    children.clone(),
                    depth - 1,
                    fanout,
                    first + i * width,
                    Rng::new(ops.0.next()),
                );
                start(&mut ops.0, child);
                ops.pause().await;
            }
            let mut sum = 0;
            for _ in 0..fanout {
                sum += ops.receive(&children).await.0;
            }
            ops.send(&out, sum).await;
        })
    }
    let out = rng.channel();
    let root = node(out.clone(), depth, fanout, 0, Rng::new(rng.next()));
    let mut start_rng = Rng::new(rng.next());
    on_helper_thread(rng, move || start(&mut start_rng, root));
    let leaves = fanout.pow(depth);
    let desc = format!("tree depth {depth} fanout {fanout}");
    (desc, out.receive().0, leaves * (leaves - 1) / 2)
}

/// A pipeline of `stages` strands, each adding its number; closing flows down it.
fn pipeline(rng: &mut Rng) -> (String, i64, i64) {
    let (stages, n) = (rng.range(1, 8), rng.range(0, 200));
    let source: Channel<i64> = rng.channel();
    let mut bounded = source.capacity().is_some();
    let mut input = source.clone();
    for stage in 0..stages {
        let (rx, tx, stage_rng) = (input, rng.channel::<i64>(), Rng::new(rng.next()));
        bounded |= tx.capacity().is_some();
        input = tx.clone();
        start(
            rng,
            Box::pin(async move {
                let mut ops = Ops(stage_rng);
                while let (v, true) = ops.receive(&rx).await {
                    ops.pause().await;
                    assert!(ops.send(&tx, v + stage).await);
                }
                tx.close();
            }),
        );
    }
    let mut feed_rng = Rng::new(rng.next());
    let mut feed = move || {
        for v in 0..n {
            if feed_rng.chance(5) {
                std::thread::yield_now();
            }
            match feed_rng.chance(20) {
                true => block_on(source.send_async(v)),
                false => source.send(v),
            };
        }
        source.close();
    };
    if bounded {
        // The root reads the output only after feeding: with a bounded channel in the
        // pipeline, feeding must not be the root's own job (that would be a deadlock,
        // and the runtime would say so).
        let waker = ExternalWaker::new();
        std::thread::spawn(move || {
            feed();
            drop(waker);
        });
    } else {
        on_helper_thread(rng, feed);
    }
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
    // Room for the one token in every link: a bounded link never makes the ring wait on
    // itself.
    let links: Vec<Channel<i64>> = (0..k)
        .map(|_| match rng.chance(30) {
            true => Channel::bounded(1),
            false => Channel::new(),
        })
        .collect();
    let out = Channel::new();
    for j in 0..k {
        let (rx, tx, out) = (links[j].clone(), links[(j + 1) % k].clone(), out.clone());
        let strand_rng = Rng::new(rng.next());
        start(
            rng,
            Box::pin(async move {
                let mut ops = Ops(strand_rng);
                let mut round = 0;
                while let (v, true) = ops.receive(&rx).await {
                    round += 1;
                    ops.pause().await;
                    if j == 0 && round == m {
                        ops.send(&out, v).await;
                        return;
                    }
                    ops.send(&tx, v + 1).await;
                }
            }),
        );
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
    let (work, done, results) = (rng.channel(), Channel::new(), rng.channel());
    for _ in 0..consumers {
        let (work, results, strand_rng) = (work.clone(), results.clone(), Rng::new(rng.next()));
        start(
            rng,
            Box::pin(async move {
                let mut ops = Ops(strand_rng);
                let mut sum = 0;
                while let (v, true) = ops.receive(&work).await {
                    sum += v;
                    ops.pause().await;
                }
                ops.send(&results, sum).await;
            }),
        );
    }
    let mut expected = 0;
    for p in 0..producers {
        let n = rng.range(0, 100);
        expected += (0..n).map(|i| p * 1000 + i).sum::<i64>();
        let (work, done, prng) = (work.clone(), done.clone(), Rng::new(rng.next()));
        if rng.chance(70) {
            start(
                rng,
                Box::pin(async move {
                    let mut ops = Ops(prng);
                    for i in 0..n {
                        assert!(ops.send(&work, p * 1000 + i).await);
                        if ops.0.chance(10) {
                            ops.pause().await;
                        }
                    }
                    done.send_async(()).await;
                }),
            );
        } else {
            let mut prng = prng;
            on_helper_thread(rng, move || {
                for i in 0..n {
                    assert!(work.send(p * 1000 + i));
                    if prng.chance(10) {
                        std::thread::yield_now();
                    }
                }
                done.send(());
            });
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
