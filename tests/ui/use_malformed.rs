// A `use` without `from` before the file: the error is at the token found instead, with
// the shape of the declaration.
seq::seq! {
    use crate::words::{ square } "seq/blocks-words.seq" ;
    : f ( Int -- Int ) square ;
}

fn main() {}
