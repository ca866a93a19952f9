// A word that yields another type than it declares.
use seq::seq;

seq! {
    : greet ( Ctx<String> String -- | Yield Int ) yield drop drop ;
}

fn main() {}
