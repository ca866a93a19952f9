// The two quotations of `if` leave different types.
use seq::seq;

seq! {
    : f ( Bool -- Int ) [ 1 ] [ "x" ] if ;
}

fn main() {}
