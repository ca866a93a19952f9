//! The collections benchmark in Seq: build a list of 0..n with `list.push`, double every
//! element with `list.map`, keep the even ones with `list.filter`, sum with `list.fold`,
//! and the whole chain. `hand_collections` has the same steps on `Vec`.

use seq::seq;

seq! {
    : build ( Int -- List<Int> ) list.make swap [ list.push ] each-integer ;
    : doubled ( List<Int> -- List<Int> ) [ 2 i.* ] list.map ;
    : evens ( List<Int> -- List<Int> ) [ 2 i.% drop 0 i.= ] list.filter ;
    : sum ( List<Int> -- Int ) 0 [ i.+ ] list.fold ;
    : chain ( Int -- Int ) build doubled doubled evens sum ;
}
