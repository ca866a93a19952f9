// A String sent on a channel of Ints.
use seq::seq;

seq! {
    : f ( Channel<Int> -- Bool ) "x" swap chan.send ;
}

fn main() {}
