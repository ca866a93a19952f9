// The quotation of list.map must leave the new element on top.
use seq::seq;

seq! {
    : f ( List<Int> -- List<Int> ) [ drop ] list.map ;
}

fn main() {}
