//! Lists: every list word with its edge cases, the list loops (which may also use the
//! stack below their inputs), string.split / string.join, and list values shared by
//! `dup` staying unchanged when a copy is modified.

use seq::runtime::List;
use seq::seq;

seq! {
    : range ( Int -- List<Int> ) list.make swap [ list.push ] each-integer ;
    : get ( List<Int> Int -- Int Bool ) list.get ;
    : set ( List<Int> Int Int -- List<Int> Bool ) list.set ;
    : length ( List<Int> -- Int ) list.length ;
    : empty ( List<Int> -- Bool ) list.empty? ;
    : reverse ( List<Int> -- List<Int> ) list.reverse ;
    : first ( List<Int> -- Int Bool ) list.first ;
    : last ( List<String> -- String Bool ) list.last ;
    : squares ( List<Int> -- List<Int> ) [ dup i.* ] list.map ;
    : lengths ( List<String> -- List<Int> ) [ string.length ] list.map ;
    : evens ( List<Int> -- List<Int> ) [ 2 i.% drop 0 i.= ] list.filter ;
    : total ( List<Int> -- Int ) 0 [ i.+ ] list.fold ;
    : join-all ( List<String> -- String ) "" [ string.concat ] list.fold ;
    // Loops may use the stack below their inputs.
    : count-above ( List<Int> Int -- Int ) 0 rot [ 2 pick i.> [ 1 i.+ ] when ] list.each nip ;
    : scale ( List<Int> Int -- List<Int> Int ) swap [ over i.* ] list.map swap ;
    : longer-than ( List<String> Int -- List<String> Int ) swap [ string.length over i.> ] list.filter swap ;
    // A shared list is copied before it changes.
    : push-copy ( List<Int> -- List<Int> List<Int> ) dup 99 list.push ;
    : set-copy ( List<Int> -- List<Int> List<Int> ) dup 0 -1 list.set drop ;
    : words ( String -- List<String> ) " " string.split ;
    : csv ( List<String> -- String ) "," string.join ;
    : nested ( -- List<List<Int>> ) list.make 2 range list.push 3 range list.push ;
    : generic-length ( List -- Int ) list.length ;
    : sum-in-strand ( List<Int> -- Int )
        chan.make dup rot [ 0 [ i.+ ] list.fold swap chan.send drop ] strand.spawn drop drop drop
        chan.receive drop ;
}

fn ints(v: &[i64]) -> List<i64> {
    List::from(v.to_vec())
}

fn strings(v: &[&str]) -> List<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn list_words() {
    assert_eq!(range(4), ints(&[0, 1, 2, 3]));
    assert_eq!(get(ints(&[5, 6]), 1), (6, true));
    assert_eq!(get(ints(&[5, 6]), 2), (0, false));
    assert_eq!(get(ints(&[5, 6]), -1), (0, false));
    assert_eq!(set(ints(&[5, 6]), 0, 9), (ints(&[9, 6]), true));
    assert_eq!(set(ints(&[5, 6]), 7, 9), (ints(&[5, 6]), false));
    assert_eq!((length(range(3)), length(range(0))), (3, 0));
    assert!(empty(range(0)) && !empty(range(1)));
    assert_eq!(reverse(range(3)), ints(&[2, 1, 0]));
    assert_eq!((first(range(3)), first(range(0))), ((0, true), (0, false)));
    assert_eq!(last(strings(&["a", "b"])), ("b".to_string(), true));
    assert_eq!(last(strings(&[])), (String::new(), false));
    assert_eq!(nested(), List::from(vec![range(2), range(3)]));
    assert_eq!(generic_length(strings(&["x"])), 1);
}

#[test]
fn list_loops() {
    assert_eq!(squares(range(4)), ints(&[0, 1, 4, 9]));
    assert_eq!(lengths(strings(&["", "ab"])), ints(&[0, 2]));
    assert_eq!(evens(range(7)), ints(&[0, 2, 4, 6]));
    assert_eq!(total(range(101)), 5050);
    assert_eq!(total(range(0)), 0);
    assert_eq!(join_all(strings(&["a", "b", "c"])), "abc");
    assert_eq!(count_above(ints(&[1, 5, 9, 3]), 2), 3);
    assert_eq!(count_above(ints(&[10, 10, 10]), 50), 0);
    assert_eq!(count_above(ints(&[60, 10, 70]), 50), 2);
    assert_eq!(scale(range(3), 10), (ints(&[0, 10, 20]), 10));
    assert_eq!(
        longer_than(strings(&["a", "abc", "ab"]), 1),
        (strings(&["abc", "ab"]), 1)
    );
}

#[test]
fn shared_lists_do_not_change() {
    assert_eq!(push_copy(range(2)), (range(2), ints(&[0, 1, 99])));
    assert_eq!(set_copy(range(2)), (range(2), ints(&[-1, 1])));
}

#[test]
fn split_and_join() {
    assert_eq!(words("a b  c".into()), strings(&["a", "b", "", "c"]));
    assert_eq!(csv(strings(&["x", "y"])), "x,y");
    assert_eq!(csv(strings(&[])), "");
}

#[test]
fn lists_cross_strands() {
    assert_eq!(sum_in_strand(range(1000)), 499_500);
}
