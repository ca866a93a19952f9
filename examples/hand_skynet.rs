//! `skynet` written by hand on seq-runtime (`benches/programs/hand_strands.rs`), the baseline for
//! `examples/skynet.rs`: `cargo run --release --example hand_skynet -- [size]`.
//! Prints one line, `BENCH:skynet:spawn-<size>:<check>:<ms>`; the size defaults to 1,000,000.

use seq_suite::{bench, hand_strands};

fn main() {
    let size = bench::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let check = hand_strands::skynet_sum(size);
    bench::report("skynet", "spawn", size, check, start);
}
