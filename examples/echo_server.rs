//! `examples/seq/echo-server.seq`: a TCP echo server, one strand per connection.
//! `cargo run --release --example echo_server -- 7000`; `benches/compare.sh echo` loads it.

seq::program!("examples/seq/echo-server.seq");
