// Two neighbouring letters swapped: one edit away.
use seq::seq;

seq! {
    : f ( Int Int -- Int Int ) sawp ;
}

fn main() {}
