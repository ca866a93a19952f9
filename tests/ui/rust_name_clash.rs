// Two words that map to one Rust name.
use seq::seq;

seq! {
    : fib-naive ( -- ) ;
    : fib_naive ( -- ) ;
}

fn main() {}
