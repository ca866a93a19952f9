// The body leaves one value less than declared.
use seq::seq;

seq! {
    : f ( Int Int -- Int Int ) drop ;
}

fn main() {}
