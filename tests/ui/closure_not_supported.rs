// A quotation that would capture a value (a closure) is reported as not supported.
use seq::seq;

seq! {
    : make-adder ( Int -- [ Int -- Int ] ) [ i.+ ] ;
}

fn main() {}
