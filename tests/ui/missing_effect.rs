// A definition needs a stack effect.
use seq::seq;

seq! {
    : f dup ;
}

fn main() {}
