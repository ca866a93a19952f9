// A union field of a type a variant cannot hold.
use seq::seq;

seq! {
    union Bag { Items { items: List } }
}

fn main() {}
