//! `examples/seq/http-server.seq`: a small HTTP/1.1 router on `std:http`, one strand per
//! connection. `cargo run --release --example http_server_seq -- 8080`.

seq::program!("examples/seq/http-server.seq");
