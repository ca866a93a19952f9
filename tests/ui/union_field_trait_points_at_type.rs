// A union's field of a Rust type that lacks a trait the union's enum derives (`Clone`):
// rustc's error points at the field's type in the `union`, not at the whole block.
seq::seq! {
    type Token = crate::Token ;
    union Shape { Circle { r: Token } Square { side: Int } }
}

pub struct Token;

fn main() {}
