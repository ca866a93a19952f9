// A union every variant of which contains itself.
use seq::seq;

seq! {
    union Stream { Cons { head: Int, tail: Stream } }
}

fn main() {}
