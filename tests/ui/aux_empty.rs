// `aux>` with nothing on the aux stack.
use seq::seq;

seq! {
    : f ( -- Int ) aux> ;
}

fn main() {}
