// A quotation that must capture, where a plain quotation type is declared.
use seq::seq;

seq! {
    : apply ( Int [ Int -- Int ] -- Int ) call ;
    : f ( -- Int ) 10 5 [ i.+ ] apply ;
}

fn main() {}
