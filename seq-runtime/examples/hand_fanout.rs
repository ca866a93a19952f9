//! Fan-out on seq-runtime: one producer strand sends `n` numbers into one channel and
//! closes it; 100 worker strands receive until it is closed and each sends its sum.
//! Prints `BENCH:fanout:messages-<n>:<total>:<ms>` (n: first argument, default 1m).

use seq_runtime::{spawn, Channel};

mod common;

const WORKERS: usize = 100;

fn main() {
    let n = common::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let (work, results) = (Channel::<i64>::new(), Channel::<i64>::new());
    for _ in 0..WORKERS {
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
        for i in 0..n {
            work.send(i);
        }
        work.close();
    });
    let total: i64 = (0..WORKERS).map(|_| results.receive().0).sum();
    common::report("fanout", "messages", n, total, start);
}
