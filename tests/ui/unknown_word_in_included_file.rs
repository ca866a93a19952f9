// An unknown word that a `.seq` file of the crate defines: the hint names the file and
// the `use` that brings the word in.
mod words {
    seq::include_seq!("seq/blocks-words.seq");
}

seq::seq! {
    : f ( Int -- Int ) cube ;
}

fn main() {}
