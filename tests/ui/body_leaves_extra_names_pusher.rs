// The extra value is named with the word that pushed it.
use seq::seq;

seq! {
    : ratio ( Int Int -- Int ) i./ ;
}

fn main() {}
