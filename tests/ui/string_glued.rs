// A string literal glued to a word.
use seq::seq;

seq! {
    : f ( -- ) 1"a" drop ;
}

fn main() {}
