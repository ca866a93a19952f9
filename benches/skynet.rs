//! Strands and channels: skynet, pingpong and fanout written in Seq (`seq!`, see
//! `src/strands.rs`), the same programs by hand on seq-runtime, and by hand on bare May
//! (one May coroutine per task, `may::sync::mpsc`), at a size bare May survives (10k;
//! bare May cannot run skynet much past 30k live coroutines under the default
//! `vm.max_map_count`).
//!
//! The seq runtime is started first, so both sides run on the May scheduler it
//! configures (its workers, its stack size).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use may::sync::mpsc;
use seq_runtime::{spawn, Channel};
use seq_suite::strands;

const SIZE: i64 = 10_000;
const FANOUT_WORKERS: usize = 100;

fn skynet_seq(out: Channel<i64>, num: i64, size: i64) {
    if size == 1 {
        out.send(num);
        return;
    }
    let children = Channel::new();
    for i in 0..10 {
        let (children, sub) = (children.clone(), size / 10);
        spawn(move || skynet_seq(children, num + i * sub, sub));
    }
    let sum = (0..10).map(|_| children.receive().0).sum();
    out.send(sum);
}

fn skynet_may(out: mpsc::Sender<i64>, num: i64, size: i64) {
    if size == 1 {
        out.send(num).unwrap();
        return;
    }
    let (tx, rx) = mpsc::channel();
    for i in 0..10 {
        let (tx, sub) = (tx.clone(), size / 10);
        // SAFETY: no thread-locals are used in the coroutine.
        unsafe { may::coroutine::spawn(move || skynet_may(tx, num + i * sub, sub)) };
    }
    let sum = (0..10).map(|_| rx.recv().unwrap()).sum();
    out.send(sum).unwrap();
}

fn run_skynet_seq(size: i64) -> i64 {
    let out = Channel::new();
    let root = out.clone();
    spawn(move || skynet_seq(root, 0, size));
    out.receive().0
}

fn run_skynet_may(size: i64) -> i64 {
    let (tx, rx) = mpsc::channel();
    // SAFETY: as above.
    unsafe { may::coroutine::spawn(move || skynet_may(tx, 0, size)) };
    rx.recv().unwrap()
}

fn run_pingpong_seq(n: i64) -> i64 {
    let (ping, pong, done) = (Channel::<i64>::new(), Channel::<i64>::new(), Channel::new());
    let (p2, q2) = (ping.clone(), pong.clone());
    spawn(move || {
        for _ in 0..n {
            q2.send(p2.receive().0);
        }
    });
    let d2 = done.clone();
    spawn(move || {
        let sum = (0..n).map(|i| {
            ping.send(i);
            pong.receive().0
        });
        d2.send(sum.sum());
    });
    done.receive().0
}

fn run_pingpong_may(n: i64) -> i64 {
    let (ping_tx, ping_rx) = mpsc::channel::<i64>();
    let (pong_tx, pong_rx) = mpsc::channel::<i64>();
    // SAFETY: as above.
    let echo = unsafe {
        may::coroutine::spawn(move || {
            for _ in 0..n {
                pong_tx.send(ping_rx.recv().unwrap()).unwrap();
            }
        })
    };
    let sum = unsafe {
        may::coroutine::spawn(move || {
            (0..n)
                .map(|i| {
                    ping_tx.send(i).unwrap();
                    pong_rx.recv().unwrap()
                })
                .sum::<i64>()
        })
    };
    echo.join().unwrap();
    sum.join().unwrap()
}

fn run_fanout_seq(n: i64) -> i64 {
    let (work, results) = (Channel::<i64>::new(), Channel::<i64>::new());
    for _ in 0..FANOUT_WORKERS {
        let (work, results) = (work.clone(), results.clone());
        spawn(move || {
            let mut sum = 0;
            while let (v, true) = work.receive() {
                sum += v;
            }
            results.send(sum);
        });
    }
    spawn(move || {
        (0..n).for_each(|i| {
            work.send(i);
        });
        work.close();
    });
    (0..FANOUT_WORKERS).map(|_| results.receive().0).sum()
}

fn run_fanout_may(n: i64) -> i64 {
    // May's mpsc has one receiver: the workers share it behind May's mutex.
    let (tx, rx) = mpsc::channel::<i64>();
    let rx = std::sync::Arc::new(may::sync::Mutex::new(rx));
    let (res_tx, res_rx) = mpsc::channel::<i64>();
    for _ in 0..FANOUT_WORKERS {
        let (rx, res_tx) = (rx.clone(), res_tx.clone());
        // SAFETY: as above.
        unsafe {
            may::coroutine::spawn(move || {
                let mut sum = 0;
                while let Ok(v) = { rx.lock().unwrap().recv() } {
                    sum += v;
                }
                res_tx.send(sum).unwrap();
            })
        };
    }
    // SAFETY: as above.
    unsafe {
        may::coroutine::spawn(move || {
            (0..n).for_each(|i| tx.send(i).unwrap());
        })
    };
    (0..FANOUT_WORKERS).map(|_| res_rx.recv().unwrap()).sum()
}

fn benches(c: &mut Criterion) {
    // Start the seq runtime (and with it May's scheduler, configured by seq) first.
    assert_eq!(run_skynet_seq(10), 45);
    let sum = SIZE * (SIZE - 1) / 2;
    let mut g = c.benchmark_group("skynet-10k");
    g.sample_size(20);
    g.bench_function("seq!", |b| {
        b.iter(|| assert_eq!(strands::skynet_sum(black_box(SIZE)), sum))
    });
    g.bench_function("seq-runtime", |b| {
        b.iter(|| assert_eq!(run_skynet_seq(black_box(SIZE)), sum))
    });
    g.bench_function("bare-may", |b| {
        b.iter(|| assert_eq!(run_skynet_may(black_box(SIZE)), sum))
    });
    g.finish();
    let mut g = c.benchmark_group("pingpong-10k");
    g.sample_size(20);
    g.bench_function("seq!", |b| {
        b.iter(|| assert_eq!(strands::pingpong(black_box(SIZE)), sum))
    });
    g.bench_function("seq-runtime", |b| {
        b.iter(|| assert_eq!(run_pingpong_seq(black_box(SIZE)), sum))
    });
    g.bench_function("bare-may", |b| {
        b.iter(|| assert_eq!(run_pingpong_may(black_box(SIZE)), sum))
    });
    g.finish();
    let mut g = c.benchmark_group("fanout-10k");
    g.sample_size(20);
    g.bench_function("seq!", |b| {
        b.iter(|| assert_eq!(strands::fanout(black_box(SIZE)), sum))
    });
    g.bench_function("seq-runtime", |b| {
        b.iter(|| assert_eq!(run_fanout_seq(black_box(SIZE)), sum))
    });
    g.bench_function("bare-may", |b| {
        b.iter(|| assert_eq!(run_fanout_may(black_box(SIZE)), sum))
    });
    g.finish();
}

criterion_group!(strand_benches, benches);
criterion_main!(strand_benches);
