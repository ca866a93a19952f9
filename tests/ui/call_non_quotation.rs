// `call` on an Int.
use seq::seq;

seq! {
    : f ( Int -- Int ) 1 call ;
}

fn main() {}
