//! `pingpong` written as a `.seq` program (`examples/seq/pingpong.seq`) and run by `program!`:
//! `cargo run --release --example pingpong_seq -- [size]`.

seq::program!("examples/seq/pingpong.seq");
