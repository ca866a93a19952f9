//! `pingpong` written by hand on seq-runtime (`benches/programs/hand_strands.rs`), the baseline for
//! `examples/pingpong.rs`: `cargo run --release --example hand_pingpong -- [size]`.
//! Prints one line, `BENCH:pingpong:roundtrips-<size>:<check>:<ms>`; the size defaults to 1,000,000.

use seq_suite::{bench, hand_strands};

fn main() {
    let size = bench::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let check = hand_strands::pingpong(size);
    bench::report("pingpong", "roundtrips", size, check, start);
}
