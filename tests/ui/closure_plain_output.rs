// A quotation that captures, returned as a plain quotation type.
use seq::seq;

seq! {
    : make-adder ( Int -- [ Int -- Int ] ) [ i.+ ] ;
}

fn main() {}
