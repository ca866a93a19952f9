// `//!` documents the enclosing module, which `seq!` cannot do from inside it.
use seq::seq;

seq! {
    //! Words for counting.
    : f ( -- ) ;
}

fn main() {}
