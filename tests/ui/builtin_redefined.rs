// Builtins cannot be redefined.
use seq::seq;

seq! {
    : dup ( Int -- Int Int ) 1 ;
}

fn main() {}
