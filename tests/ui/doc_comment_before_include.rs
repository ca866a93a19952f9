// An `include` generates no item of its own to document.
use seq::seq;

seq! {
    /// The integer words.
    include std:imath
}

fn main() {}
