// A `times` body must keep the stack's shape.
use seq::seq;

seq! {
    : f ( Int -- Int ) 3 [ dup ] times ;
}

fn main() {}
