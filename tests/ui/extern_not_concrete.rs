// A Rust function's effect must name concrete types.
use seq::seq;

seq! {
    : ident ( T -- T ) extern std::convert::identity ;
}

fn main() {}
