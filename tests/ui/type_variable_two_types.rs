// A type variable the body fixes is one type: here Int (`i.+`) and String at once.
use seq::seq;

seq! {
    : f ( T -- T ) 1 i.+ drop "text" ;
}

fn main() {}
