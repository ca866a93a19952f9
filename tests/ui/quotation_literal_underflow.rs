// A quotation literal called on too short a stack.
use seq::seq;

seq! {
    : f ( Int -- Int ) [ i.+ ] call ;
}

fn main() {}
