// The block form needs a Bool too.
use seq::seq;

seq! {
    : f ( String -- Int ) if 1 else 2 then ;
}

fn main() {}
