// The body leaves an Int where a String is declared.
use seq::seq;

seq! {
    : f ( Int -- String ) 1 i.+ ;
}

fn main() {}
