// A match without an arm for every variant.
use seq::seq;

seq! {
    union Shape { Circle { r: Float } Rect { w: Float, h: Float } Empty }
    : area ( Shape -- Float ) match Circle -> dup f.* end ;
}

fn main() {}
