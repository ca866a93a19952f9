// Nothing fixes what this channel carries.
use seq::seq;

seq! {
    : f ( -- ) chan.make drop ;
}

fn main() {}
