// A Rust type lacking a trait a builtin needs: rustc's error points at the word that
// needs it (here `map.set`, which orders its keys), not at the whole block.
seq::seq! {
    type Point = crate::Point ;
    : keyed ( Point -- Int ) map.make swap 1 map.set map.size ;
}

#[derive(Clone, Default)]
pub struct Point;

fn main() {}
