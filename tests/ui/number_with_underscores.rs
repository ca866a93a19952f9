// Rust's digit separators are not Seq's.
use seq::seq;

seq! {
    : f ( Int -- Int ) 1_000_000 i.+ ;
}

fn main() {}
