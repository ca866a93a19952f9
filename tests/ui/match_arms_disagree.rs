// Arms that leave different stacks.
use seq::seq;

seq! {
    union Shape { Circle { r: Float } Rect { w: Float, h: Float } }
    : size ( Shape -- Float ) match Circle -> Rect -> end ;
}

fn main() {}
