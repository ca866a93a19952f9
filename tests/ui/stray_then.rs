// `then` without an `if`.
use seq::seq;

seq! {
    : f ( Int -- Int ) then ;
}

fn main() {}
