//! Skynet on seq-runtime: a tree of strands, each spawning ten children, down to
//! `size` leaves; each leaf sends its number, each inner strand sums its children.
//! Prints `BENCH:skynet:spawn-<size>:<sum>:<ms>` (size: first argument, default 1m).

use seq_runtime::{spawn, Channel};

mod common;

fn skynet(out: Channel<i64>, num: i64, size: i64) {
    if size == 1 {
        out.send(num);
        return;
    }
    let children = Channel::new();
    let sub = size / 10;
    for i in 0..10 {
        let children = children.clone();
        spawn(move || skynet(children, num + i * sub, sub));
    }
    let sum: i64 = (0..10).map(|_| children.receive().0).sum();
    out.send(sum);
}

fn main() {
    let size = common::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let out = Channel::new();
    let root = out.clone();
    spawn(move || skynet(root, 0, size));
    let (sum, _) = out.receive();
    common::report("skynet", "spawn", size, sum, start);
    if std::env::var_os("SEQ_STATS").is_some() {
        eprintln!("{:?}", seq_runtime::strand::stats());
    }
}
