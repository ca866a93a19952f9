//! `fanout` written by hand on seq-runtime (`benches/programs/hand_strands.rs`), the baseline for
//! `examples/fanout.rs`: `cargo run --release --example hand_fanout -- [size]`.
//! Prints one line, `BENCH:fanout:messages-<size>:<check>:<ms>`; the size defaults to 1,000,000.

use seq_suite::{bench, hand_strands};

fn main() {
    let size = bench::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let check = hand_strands::fanout(size);
    bench::report("fanout", "messages", size, check, start);
}
