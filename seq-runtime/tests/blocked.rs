//! Many strands blocked at once: each waits on its own channel, then all are released.
//! Every blocked strand holds a carrier (a stack), so this is the runtime at its widest.
//! 20k here; the 1M case is measured by the repository's `examples/blocked.rs` (see the crate docs for
//! the memory-map limit).

use seq_runtime::{spawn, Channel};

#[test]
fn twenty_thousand_strands_block_at_once_then_all_finish() {
    const N: usize = 20_000;
    let (ready, done) = (Channel::new(), Channel::new());
    let gates: Vec<Channel<i64>> = (0..N).map(|_| Channel::new()).collect();
    for gate in &gates {
        let (gate, ready, done) = (gate.clone(), ready.clone(), done.clone());
        spawn(move || {
            ready.send(());
            let (v, ok) = gate.receive();
            assert!(ok);
            done.send(v);
        });
    }
    for _ in 0..N {
        ready.receive();
    }
    let stats = seq_runtime::strand::stats();
    for (i, gate) in gates.iter().enumerate() {
        gate.send(i as i64);
    }
    let sum: i64 = (0..N).map(|_| done.receive().0).sum();
    assert_eq!(sum, (N * (N - 1) / 2) as i64);
    // All of them were blocked at once, each on its own carrier.
    assert!(stats.carriers >= N - 2 * 8, "{stats:?}");
}
