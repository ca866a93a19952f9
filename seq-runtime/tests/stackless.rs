//! The carrier count while strands wait without a stack: alone in its test binary, so
//! that no other test blocks a carrier meanwhile. A hundred thousand strands waiting on
//! channels, then two thousand asleep, never need more carriers than worker threads.

use std::time::{Duration, Instant};

use seq_runtime::strand;
use seq_runtime::{sleep_ms_async, spawn_async, Channel};

fn workers() -> usize {
    seq_runtime::config::current().get_workers()
}

#[test]
fn waiting_strands_need_no_more_carriers_than_workers() {
    waiting_on_channels();
    sleeping();
    let stats = strand::stats();
    assert!(stats.peak_carriers <= workers(), "{stats:?}");
}

fn waiting_on_channels() {
    const N: usize = 100_000;
    let (ready, done) = (Channel::new(), Channel::new());
    let gates: Vec<Channel<i64>> = (0..N).map(|_| Channel::new()).collect();
    for gate in &gates {
        let (gate, ready, done) = (gate.clone(), ready.clone(), done.clone());
        spawn_async(async move {
            ready.send_async(()).await;
            let (v, ok) = gate.receive_async().await;
            assert!(ok);
            done.send_async(v).await;
        });
    }
    for _ in 0..N {
        ready.receive();
    }
    // Every strand is parked on its gate: none holds a carrier.
    let waiting = gates.iter().filter(|g| g.receivers_waiting() == 1).count();
    let stats = strand::stats();
    assert_eq!(waiting, N);
    assert_eq!(stats.blocked, N, "{stats:?}");
    assert!(stats.carriers <= workers(), "{stats:?}");
    for (i, gate) in gates.iter().enumerate() {
        gate.send(i as i64);
    }
    let sum: i64 = (0..N).map(|_| done.receive().0).sum();
    assert_eq!(sum, (N * (N - 1) / 2) as i64);
}

fn sleeping() {
    const N: usize = 2_000;
    let done = Channel::new();
    let start = Instant::now();
    for i in 0..N {
        let done = done.clone();
        spawn_async(async move {
            sleep_ms_async(50).await;
            done.send_async(i as i64).await;
        });
    }
    std::thread::sleep(Duration::from_millis(20));
    let stats = strand::stats();
    assert!(stats.carriers <= workers(), "{stats:?}");
    let sum: i64 = (0..N).map(|_| done.receive().0).sum();
    assert_eq!(sum, (N * (N - 1) / 2) as i64);
    assert!(start.elapsed() >= Duration::from_millis(50));
}
