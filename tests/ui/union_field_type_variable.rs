// A field holds one type of value, not a type variable.
use seq::seq;

seq! {
    union Slot { Full { item: T } Empty }
}

fn main() {}
