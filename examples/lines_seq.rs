//! A `.seq` program that reads its input (`examples/seq/lines.seq`): numbers the lines of
//! standard input and exits with their count. `cargo run --example lines_seq < file`.

seq::program!("examples/seq/lines.seq");
