// A `;` inside a quotation: the `]` is missing.
use seq::seq;

seq! {
    : f ( -- ) [ 1 drop ; ]
}

fn main() {}
