// The quotation of map.each gets the key and the value.
use seq::seq;

seq! {
    : f ( Map<Int, Int> -- ) [ drop ] map.each ;
}

fn main() {}
