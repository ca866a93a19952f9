//! Shared pieces of seq's examples, benchmarks and integration tests.
//!
//! `compute` and `strands` hold the benchmark programs written in Seq; `hand` holds the
//! compute algorithms written by hand in Rust, the baseline every `seq!` version is
//! measured against; `bench` is the examples' command line.

pub mod bench;
pub mod compute;
pub mod hand;
pub mod strands;
