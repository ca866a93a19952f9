//! `blocked` written by hand on seq-runtime (`benches/programs/hand_strands.rs`), the baseline for
//! `examples/blocked.rs`: `cargo run --release --example hand_blocked -- [size]`.
//! Prints one line, `BENCH:blocked:strands-<size>:<check>:<ms>`; the size defaults to
//! 1,000,000; on standard error, the carriers the runtime needed.

use seq_suite::{bench, hand_strands};

fn main() {
    let size = bench::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let check = hand_strands::blocked(size);
    bench::report("blocked", "strands", size, check, start);
    bench::report_carriers();
}
