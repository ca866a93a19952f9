//! The collections benchmark in Seq: build a list of 0..n with `list.push`, double every
//! element with `list.map`, keep the even ones with `list.filter`, sum with `list.fold`,
//! and the whole chain; and adding n to each element with a quotation literal and with a
//! closure. `hand_collections` has the same steps on `Vec`.

use seq::seq;

seq! {
    : build ( Int -- List<Int> ) list.make swap [ list.push ] each-integer ;
    : doubled ( List<Int> -- List<Int> ) [ 2 i.* ] list.map ;
    : evens ( List<Int> -- List<Int> ) [ 2 i.% drop 0 i.= ] list.filter ;
    : sum ( List<Int> -- Int ) 0 [ i.+ ] list.fold ;
    : chain ( Int -- Int ) build doubled doubled evens sum ;
    // Adding n to each element: a quotation literal (compiled inline) next to a closure
    // value that captured n (called through its `Arc` for every element).
    : add-inline ( List<Int> Int -- List<Int> ) swap [ over i.+ ] list.map nip ;
    : make-adder ( Int -- Closure[ Int -- Int ] ) [ i.+ ] ;
    : add-closure ( List<Int> Int -- List<Int> ) make-adder swap [ over call ] list.map nip ;
}
