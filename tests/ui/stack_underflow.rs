// Adding needs two Ints; the word has one.
use seq::seq;

seq! {
    : add-one ( Int -- Int ) i.+ ;
}

fn main() {}
