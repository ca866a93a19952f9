//! `skynet` written as a `.seq` program (`examples/seq/skynet.seq`) and run by `program!`:
//! `cargo run --release --example skynet_seq -- [size]`.

seq::program!("examples/seq/skynet.seq");
