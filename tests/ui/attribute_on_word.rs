// Rust attributes other than doc comments are not Seq.
use seq::seq;

seq! {
    #[inline]
    : f ( -- ) ;
}

fn main() {}
