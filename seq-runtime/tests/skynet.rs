//! Skynet at 100k strands: a tree of strands, ten children each, exact sum.

use seq_runtime::{spawn, Channel};

fn skynet(out: Channel<i64>, num: i64, size: i64) {
    if size == 1 {
        out.send(num);
        return;
    }
    let children = Channel::new();
    for i in 0..10 {
        let children = children.clone();
        let sub = size / 10;
        spawn(move || skynet(children, num + i * sub, sub));
    }
    let sum = (0..10).map(|_| children.receive().0).sum();
    out.send(sum);
}

#[test]
fn skynet_100k_sums_exactly() {
    let out = Channel::new();
    let root = out.clone();
    spawn(move || skynet(root, 0, 100_000));
    assert_eq!(out.receive(), (4_999_950_000, true));
    // Depth first: a handful of carriers, not one per strand.
    let stats = seq_runtime::strand::stats();
    assert!(stats.peak_carriers < 1_000, "{stats:?}");
}
