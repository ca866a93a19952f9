// A `use` naming a module where the file is not compiled: rustc rejects the call, at the
// declaration.
mod words {
    seq::include_seq!("seq/blocks-words.seq");
}

mod other {}

seq::seq! {
    use crate::other::{ square } from "seq/blocks-words.seq" ;
    : f ( Int -- Int ) square ;
}

fn main() {}
