// `len` and `size` are `length` here.
use seq::seq;

seq! {
    : f ( String -- Int ) string.len ;
}

fn main() {}
