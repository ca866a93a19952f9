// `if` needs a Bool under its quotations.
use seq::seq;

seq! {
    : f ( Int -- ) [ ] [ ] if ;
}

fn main() {}
