// The `;` is missing before the next definition.
use seq::seq;

seq! {
    : f ( Int -- Int ) 1 i.+
    : g ( -- ) ;
}

fn main() {}
