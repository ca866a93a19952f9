// A word that clashes with one a union generates.
use seq::seq;

seq! {
    union Shape { Circle { r: Float } }
    : Make-Circle ( Float -- Float ) ;
}

fn main() {}
