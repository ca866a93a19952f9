// `>aux` without `aux>`.
use seq::seq;

seq! {
    : f ( Int Int -- Int ) >aux ;
}

fn main() {}
