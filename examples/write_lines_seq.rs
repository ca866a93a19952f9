//! A `.seq` program that writes many lines (`examples/seq/write-lines.seq`): the measure
//! of buffered standard output. `cargo run --release --example write_lines_seq -- 2000000 | wc -l`.

seq::program!("examples/seq/write-lines.seq");
