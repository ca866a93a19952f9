// A quotation value called on a stack it does not fit.
use seq::seq;

seq! {
    : f ( Int [ Int Int -- Int ] -- Int ) call ;
}

fn main() {}
