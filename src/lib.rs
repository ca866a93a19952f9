//! Shared pieces of seq's examples, benchmarks and integration tests.
//!
//! `hand` holds the hand-written Rust versions of the benchmark programs, the baseline
//! every `seq!` version is measured against.

pub mod hand;
