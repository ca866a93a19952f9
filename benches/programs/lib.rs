//! Shared pieces of seq's examples, benchmarks and integration tests.
//!
//! `compute`, `collections` and `strands` hold the benchmark programs written in Seq;
//! `hand`, `hand_collections` and `hand_strands` the same programs written by hand in Rust (on seq-runtime for the
//! strands), the baseline every `seq!` version is measured against; `bare_may` the strand
//! programs on bare May coroutines; `bench` is the examples' command line.

pub mod bare_may;
pub mod bench;
pub mod collections;
pub mod compute;
pub mod hand;
pub mod hand_collections;
pub mod hand_strands;
pub mod strands;
