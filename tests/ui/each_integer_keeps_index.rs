// The body of each-integer must take the iteration number.
use seq::seq;

seq! {
    : f ( Int -- Int ) 3 [ dup drop ] each-integer ;
}

fn main() {}
