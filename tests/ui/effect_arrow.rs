// An arrow where the effect separator `--` belongs.
use seq::seq;

seq! {
    : f ( Int -> Int ) ;
}

fn main() {}
