//! Quotation literals becoming values where the rules say they must: in loop-carried
//! slots, where branches leave different literals, inside lists and maps, across strands,
//! and when one literal is both run in place and passed on as a value.

use seq::seq;

seq! {
    // ( value count -- value*2^count ): a literal carried through a loop is a value on
    // every iteration.
    : apply-n ( Int Int -- Int ) [ 2 i.* ] rot rot [ over call ] times nip ;
    // Branches leave different literals: the slot becomes a function pointer.
    : pick-op ( Bool -- [ Int Int -- Int ] ) [ [ i.+ ] ] [ [ i.* ] ] if ;
    : use-op ( Int Int Bool -- Int ) pick-op call ;
    // The same literal run in place and passed on.
    : both ( Int -- Int [ Int -- Int ] ) [ 3 i.+ ] dup [ call ] dip ;
    // Lists and maps of quotations.
    : pipeline ( -- List<[ Int -- Int ]> ) list.make [ 1 i.+ ] list.push [ 10 i.* ] list.push [ negate ] list.push ;
    : run-pipeline ( Int List<[ Int -- Int ]> -- Int ) [ call ] list.each ;
    : ops ( -- Map<String, [ Int Int -- Int ]> ) map.make "add" [ i.+ ] map.set "sub" [ i.- ] map.set ;
    : run-op ( Int Int String -- Int ) ops swap map.get drop call ;
    // A missing quotation reads as one that returns defaults.
    : missing-op ( Int Int -- Int Bool ) ops "nope" map.get >aux call aux> ;
    : closed-channel ( -- [ Int -- String ] Bool ) chan.make dup chan.close chan.receive ;
    // A quotation sent to another strand and run there.
    : remote ( Int -- Int )
        chan.make dup rot [ 5 i.+ ] [ call swap chan.send drop ] strand.spawn drop drop drop drop
        chan.receive drop ;
    // A literal that is a loop body and also a value left on the stack.
    : twice-kept ( Int -- Int [ Int -- Int ] ) [ 1 i.+ ] swap 2 [ over call ] times swap ;
    // Quotations of quotations.
    : maker ( -- [ -- [ Int -- Int ] ] ) [ [ 7 i.* ] ] ;
    : use-maker ( Int -- Int ) maker call call ;
}

#[test]
fn literals_become_values_where_they_must() {
    assert_eq!(apply_n(3, 1), 6);
    assert_eq!(apply_n(1, 3), 8);
    assert_eq!(apply_n(5, 0), 5);
    assert_eq!(use_op(3, 4, true), 7);
    assert_eq!(use_op(3, 4, false), 12);
    let (n, f) = both(1);
    assert_eq!((n, f(10)), (4, 13));
    assert_eq!(run_pipeline(4, pipeline()), -50);
    assert_eq!(run_op(9, 4, "add".into()), 13);
    assert_eq!(run_op(9, 4, "sub".into()), 5);
    assert_eq!(remote(1), 6);
    assert_eq!(missing_op(2, 3), (0, false));
    let (f, ok) = closed_channel();
    assert_eq!((f(5), ok), (String::new(), false));
    let (n, f) = twice_kept(0);
    assert_eq!((n, f(100)), (2, 101));
    assert_eq!(use_maker(3), 21);
}
