// A variant with more than 12 fields.
use seq::seq;

seq! {
    union Big { Wide { a: Int, b: Int, c: Int, d: Int, e: Int, f: Int, g: Int, h: Int, i: Int, j: Int, k: Int, l: Int, m: Int } }
}

fn main() {}
