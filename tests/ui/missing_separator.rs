// An effect without `--`.
use seq::seq;

seq! {
    : f ( Int Int ) drop ;
}

fn main() {}
