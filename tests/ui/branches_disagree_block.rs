// The block form: the arms leave different depths.
use seq::seq;

seq! {
    : f ( Bool -- Int ) if 1 else 1 2 then ;
}

fn main() {}
