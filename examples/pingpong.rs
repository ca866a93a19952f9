//! `pingpong` written in Seq (see `benches/programs/strands.rs`): `cargo run --release --example pingpong -- [size]`.
//! Prints one line, `BENCH:pingpong:roundtrips-<size>:<check>:<ms>`; the size defaults to 1,000,000.

use seq_suite::{bench, strands};

fn main() {
    let size = bench::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let check = strands::pingpong(size);
    bench::report("pingpong", "roundtrips", size, check, start);
    bench::report_carriers();
}
