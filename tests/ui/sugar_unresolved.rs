// `+` on values whose types are not visible.
use seq::seq;

seq! {
    : add ( T T -- T ) + ;
}

fn main() {}
