// A declared type that is not a Rust type.
use seq::seq;

seq! {
    type Point = 1 + 2 ;
}

fn main() {}
