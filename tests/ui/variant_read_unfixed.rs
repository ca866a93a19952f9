// A Variant field read at a type nothing fixes.
use seq::seq;

seq! {
    : f ( Variant -- ) 0 variant.field-at drop ;
}

fn main() {}
