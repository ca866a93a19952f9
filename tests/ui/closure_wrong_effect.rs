// A closure whose captured value does not fit its body.
use seq::seq;

seq! {
    : make-adder ( String -- Closure[ Int -- Int ] ) [ i.+ ] ;
}

fn main() {}
