// `;` glued to a word is part of the word.
use seq::seq;

seq! {
    : f ( Int -- Int Int ) dup;
}

fn main() {}
