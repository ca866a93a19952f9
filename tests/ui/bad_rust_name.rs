// A name Rust cannot take.
use seq::seq;

seq! {
    : a+b ( Int Int -- Int ) i.+ ;
}

fn main() {}
