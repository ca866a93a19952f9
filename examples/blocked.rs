//! Many strands blocked at once: `n` strands each report ready and then wait on their
//! own channel; once all are ready (all blocked at once) the main thread releases them
//! and collects their replies. Every blocked strand holds a carrier, i.e. a May
//! coroutine stack (two memory maps), so this measures the runtime at its widest.
//! Prints `BENCH:blocked:strands-<n>:<sum>:<ms>` and, on standard error, the peak
//! number of carriers and memory maps. If the strands stop becoming ready (the carrier
//! limit derived from `vm.max_map_count` was reached), says how far it got and exits 2.

use std::time::{Duration, Instant};

use seq::runtime::{spawn, Channel};
use seq_suite::bench;

fn maps() -> usize {
    std::fs::read_to_string("/proc/self/maps").map_or(0, |m| m.lines().count())
}

fn main() {
    let n = bench::size_arg(1_000_000);
    let start = Instant::now();
    let (ready, done) = (Channel::new(), Channel::new());
    let gates: Vec<Channel<i64>> = (0..n).map(|_| Channel::new()).collect();
    for gate in &gates {
        let (gate, ready, done) = (gate.clone(), ready.clone(), done.clone());
        spawn(move || {
            ready.send(());
            let (v, _) = gate.receive();
            done.send(v);
        });
    }
    // Wait for every strand to be ready, watching for a stall.
    let (watch, progress) = (Channel::<i64>::new(), ready.clone());
    let got_all = {
        let watch = watch.clone();
        std::thread::spawn(move || {
            let mut got = 0;
            while got < n {
                progress.receive();
                got += 1;
                if got % 10_000 == 0 || got == n {
                    watch.send(got);
                }
            }
        })
    };
    let mut seen = 0;
    let mut last = Instant::now();
    while seen < n {
        if !watch.is_empty() {
            seen = watch.receive().0;
            last = Instant::now();
        } else if last.elapsed() > Duration::from_secs(5) {
            let s = seq::runtime::strand::stats();
            eprintln!(
                "stalled: {seen}+ of {n} strands ready after {:?}; {} carriers, {} memory maps",
                start.elapsed(),
                s.carriers,
                maps()
            );
            std::process::exit(2);
        } else {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
    got_all.join().unwrap();
    let (stats, peak_maps) = (seq::runtime::strand::stats(), maps());
    let blocked_ms = start.elapsed().as_millis();
    for (i, gate) in gates.iter().enumerate() {
        gate.send(i as i64);
    }
    let sum: i64 = (0..n).map(|_| done.receive().0).sum();
    bench::report("blocked", "strands", n, sum, start);
    eprintln!(
        "all {n} blocked after {blocked_ms} ms: {} carriers, {} memory maps",
        stats.carriers, peak_maps
    );
}
