// An arm for a variant the union does not have.
use seq::seq;

seq! {
    union Shape { Circle { r: Float } Empty }
    : area ( Shape -- Float ) match Circle -> Empty -> 0.0 Square -> 1.0 end ;
}

fn main() {}
