// A word with row variables is expanded, so it cannot call itself.
use seq::seq;

seq! {
    : forever ( ..a -- ..b ) forever ;
}

fn main() {}
