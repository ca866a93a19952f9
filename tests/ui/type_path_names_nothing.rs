// A `type` whose Rust path names nothing: rustc's error points at the path in the
// declaration, whether or not a word uses the type.
seq::seq! {
    type Reading = crate::Readng ;
    type Unused = crate::Nowhere ;
    : keep-reading ( Reading -- Reading ) ;
}

pub struct Reading;

fn main() {}
