// A `use` naming a word the file does not define: the error is at the word, with the
// nearest name the file has.
mod words {
    seq::include_seq!("seq/blocks-words.seq");
}

seq::seq! {
    use crate::words::{ cube sqare } from "seq/blocks-words.seq" ;
    : f ( Int -- Int ) cube ;
}

fn main() {}
