// A `use` naming a file that does not exist: the error is at the path.
seq::seq! {
    use crate::words::{ square } from "seq/no-such-file.seq" ;
    : f ( Int -- Int ) square ;
}

fn main() {}
