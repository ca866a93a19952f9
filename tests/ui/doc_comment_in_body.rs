// Inside a body a doc comment documents nothing: a `//` comment is meant.
use seq::seq;

seq! {
    : sign ( Int -- Int )
        0 i.< if -1
        /// the other case
        else 1 then ;
}

fn main() {}
