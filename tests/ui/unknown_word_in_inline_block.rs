// An unknown word that a `seq!` block of a Rust file of the crate defines: the hint names
// the file, and the `use` that brings the word in with the block's module path.
mod readings {
    seq::seq! {
        : celsius->kelvin ( Float -- Float ) 273.15 f.+ ;
    }
}

seq::seq! {
    : boiling ( -- Float ) 100.0 celsius->kelvin ;
}

fn main() {}
