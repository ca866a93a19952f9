// A misspelt type.
use seq::seq;

seq! {
    : f ( Intt -- ) drop ;
}

fn main() {}
