// A Rust function whose signature does not match the declared effect: rustc rejects it.
use seq::seq;

fn halve(x: i64) -> i64 {
    x / 2
}

seq! {
    : halve-float ( Float -- Float ) extern halve ;
}

fn main() {}
