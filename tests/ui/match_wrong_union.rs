// A match on a value of another type.
use seq::seq;

seq! {
    union Shape { Circle { r: Float } Empty }
    : f ( Int -- Float ) match Circle -> Empty -> 0.0 end ;
}

fn main() {}
