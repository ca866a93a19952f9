// `if` with one quotation: `when` is the word.
use seq::seq;

seq! {
    : f ( Bool -- ) [ 1 drop ] if ;
}

fn main() {}
