// An Int literal that does not fit in 64 bits.
use seq::seq;

seq! {
    : f ( -- Int ) 9223372036854775808 ;
}

fn main() {}
