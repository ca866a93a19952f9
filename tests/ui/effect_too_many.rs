// The body leaves one value more than declared.
use seq::seq;

seq! {
    : f ( Int -- Int ) dup ;
}

fn main() {}
