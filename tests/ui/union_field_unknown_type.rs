// A field of a type nobody defined.
use seq::seq;

seq! {
    union Shape { Circle { r: Flaot } Empty }
}

fn main() {}
