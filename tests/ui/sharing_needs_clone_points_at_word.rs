// A Rust type without `Clone` where the program needs two of a value: rustc's error
// points at the word that shares it (`dup`, `over`, `pick`, `keep`, `bi`, the copy a
// `strand.spawn` gives its strand), not at the whole block. A type that is not `Send`
// meeting `strand.spawn` is reported at the `strand.spawn`.
seq::seq! {
    type Token = crate::Token ;
    type Local = crate::Local ;
    : twice ( Token -- Token Token ) dup ;
    : under ( Token Int -- Token Int Token ) over ;
    : reach ( Token Int -- Token Int Token ) 1 pick ;
    : kept ( Token -- Token Token ) [ ] keep ;
    : both ( Token -- Token Token ) [ ] [ ] bi ;
    : give ( Token -- Token Int ) [ drop ] strand.spawn ;
    : keep-local ( Local -- ) extern crate::keep_local ;
    : away ( Local -- Int ) [ keep-local ] strand.spawn swap drop ;
    : away-waiting ( Local -- Int )
      [ keep-local chan.make 1 swap chan.send drop ] strand.spawn swap drop ;
}

pub struct Token;

#[derive(Clone)]
pub struct Local(std::rc::Rc<i64>);

pub fn keep_local(_: Local) {}

fn main() {}
