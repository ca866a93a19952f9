//! `fanout` written as a `.seq` program (`examples/seq/fanout.seq`) and run by `program!`:
//! `cargo run --release --example fanout_seq -- [size]`.

seq::program!("examples/seq/fanout.seq");
