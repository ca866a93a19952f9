// Two definitions of one word.
use seq::seq;

seq! {
    : f ( -- ) ;
    : f ( -- ) ;
}

fn main() {}
