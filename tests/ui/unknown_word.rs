// A typo gets a suggestion.
use seq::seq;

seq! {
    : f ( Int -- Int Int ) dupp ;
}

fn main() {}
