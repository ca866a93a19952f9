// Upstream's capture of values pushed between a collection and a combinator's quotation.
use seq::seq;

seq! {
    : scaled-sum ( List<Int> -- Int ) 0 10 [ i.* i.+ ] list.fold ;
}

fn main() {}
