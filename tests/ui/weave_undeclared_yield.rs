// A word that yields without saying so in its effect.
use seq::seq;

seq! {
    : counter ( Ctx<Int> Int -- ) tuck yield rot i.+ counter ;
}

fn main() {}
