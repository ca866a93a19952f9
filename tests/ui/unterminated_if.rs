// A block-form `if` with `else` but no `then`.
use seq::seq;

seq! {
    : f ( Bool -- Int ) if 1 else 2 ;
}

fn main() {}
