// An effect has exactly one `--`.
use seq::seq;

seq! {
    : f ( Int -- -- Int ) ;
}

fn main() {}
