//! `fanout` written in Seq (see `benches/programs/strands.rs`): `cargo run --release --example fanout -- [size]`.
//! Prints one line, `BENCH:fanout:messages-<size>:<check>:<ms>`; the size defaults to 1,000,000.

use seq_suite::{bench, strands};

fn main() {
    let size = bench::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let check = strands::fanout(size);
    bench::report("fanout", "messages", size, check, start);
    bench::report_carriers();
}
