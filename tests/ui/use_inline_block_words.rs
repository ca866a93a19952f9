// `use` of an inline block's words (`from` a Rust file): a generic word has no one Rust
// function to call; a word the file's blocks do not define is named with the nearest one.
seq::seq! {
    use crate::thermo::{ pair } from "rs/thermo.rs" ;
    : f ( Int -- Int ) ;
}

seq::seq! {
    use crate::thermo::{ to-kelvn } from "rs/thermo.rs" ;
    : g ( Int -- Int ) ;
}

fn main() {}
