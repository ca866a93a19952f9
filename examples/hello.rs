//! The smallest Seq program: `cargo run --release --example hello`.

use seq::seq;

seq! {
    : main ( -- )
        "Hello from Seq!" io.write-line ;
}
