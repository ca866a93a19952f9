//! Shared pieces of seq's examples, benchmarks and integration tests.
//!
//! `compute` holds the compute benchmarks written in Seq; `hand` holds the same
//! algorithms written by hand in Rust, the baseline every `seq!` version is measured
//! against.

pub mod compute;
pub mod hand;
