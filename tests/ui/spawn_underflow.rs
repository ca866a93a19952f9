// The quotation given to strand.spawn needs more than the stack has.
use seq::seq;

seq! {
    : f ( -- ) [ i.+ drop ] strand.spawn drop ;
}

fn main() {}
