// A `when` body must keep the stack's shape.
use seq::seq;

seq! {
    : f ( Int Bool -- Int ) [ drop ] when ;
}

fn main() {}
