// A doc comment documents the item after it; this one has none after it.
use seq::seq;

seq! {
    : f ( -- ) ;
    /// Nothing follows this.
}

fn main() {}
