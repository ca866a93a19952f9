//! `blocked` written in Seq (see `benches/programs/strands.rs`): `cargo run --release --example blocked --
//! [size]`. A million strands wait at once, each on a channel of its own, then all are
//! released. Prints one line, `BENCH:blocked:strands-<size>:<check>:<ms>`; the size
//! defaults to 1,000,000; on standard error, the carriers the runtime needed (strands
//! that wait without a stack need none of their own).

use seq_suite::{bench, strands};

fn main() {
    let size = bench::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let check = strands::blocked(size);
    bench::report("blocked", "strands", size, check, start);
    bench::report_carriers();
}
