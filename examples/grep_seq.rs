//! `examples/seq/grep.seq`: prints the lines of a file that match a regular expression.
//! `cargo run --example grep_seq -- PATTERN FILE`.

seq::program!("examples/seq/grep.seq");
