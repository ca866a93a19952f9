// An arm that pushes a field the variant does not have.
use seq::seq;

seq! {
    union Shape { Circle { r: Float } Empty }
    : area ( Shape -- Float ) match Circle { >radius } -> Empty -> 0.0 end ;
}

fn main() {}
