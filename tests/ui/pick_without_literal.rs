// `pick` needs a literal depth.
use seq::seq;

seq! {
    : f ( Int Int Int -- Int Int Int Int ) 1 1 i.+ pick ;
}

fn main() {}
