//! Skynet by hand on bare May (`benches/programs/bare_may.rs`): one coroutine, so one stack and two
//! memory maps, per live task. Under the default `vm.max_map_count` it fails near 32k
//! live coroutines, so the size defaults to 10,000. `SEQ_WORKERS` sets May's workers.
//! Prints `BENCH:skynet-may:spawn-<size>:<sum>:<ms>`.

use seq_suite::{bare_may, bench};

fn main() {
    let size = bench::size_arg(10_000);
    if let Ok(w) = std::env::var("SEQ_WORKERS") {
        may::config().set_workers(w.parse().expect("SEQ_WORKERS is a number"));
    }
    may::config().set_stack_size(0x2000);
    let start = std::time::Instant::now();
    let sum = bare_may::skynet_sum(size);
    bench::report("skynet-may", "spawn", size, sum, start);
}
