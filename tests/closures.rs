//! Closures (reference section 5): quotations that capture the values below them where
//! they become `Closure[ .. ]` values, by copy; combinators accept them as they accept
//! quotations; closures cross strands and sit in collections.

use seq::runtime::{Channel, List};
use seq::seq;

seq! {
    : make-adder ( Int -- Closure[ Int -- Int ] ) [ i.+ ] ;
    : make-greeter ( String -- Closure[ String -- String ] ) [ string.concat ] ;
    : make-affine ( Int Int -- Closure[ Int -- Int ] ) [ >aux i.* aux> i.+ ] ;
    : make-subtractor ( Int -- Closure[ Int -- Int ] ) [ i.- ] ;
    : apply ( Int Closure[ Int -- Int ] -- Int ) call ;
    : apply-twice ( Int Closure[ Int -- Int ] -- Int ) dup rot swap call swap call ;
    // A literal passed where a closure is expected captures right there.
    : direct ( Int -- Int ) 10 swap [ i.* ] apply ;
    // Combinators accept closures.
    : with-dip ( Int Int Closure[ Int -- Int ] -- Int Int ) dip ;
    : with-keep ( Int Closure[ Int -- Int ] -- Int Int ) keep ;
    : with-if ( Bool Int Closure[ Int -- Int ] -- Int ) rot [ call ] [ drop ] if ;
    : with-times ( Int Closure[ Int -- Int ] -- Int ) 3 [ dup >aux call aux> ] times drop ;
    : mapped ( List<Int> Closure[ Int -- Int ] -- List<Int> ) swap [ over call ] list.map nip ;
    : filtered ( List<Int> Int -- List<Int> ) make-adder swap [ over call 10 i.> ] list.filter nip ;
    // Captured values are copies: changing the original later does not reach them.
    : make-counter ( List<Int> -- Closure[ Int -- Int ] ) [ list.length i.+ ] ;
    : snapshot ( -- Int Int ) list.make 1 list.push dup make-counter swap 5 list.push list.length swap 0 swap call ;
    : adders ( -- List<Closure[ Int -- Int ]> ) list.make 1 make-adder list.push 10 make-adder list.push ;
    : sum-applied ( List<Closure[ Int -- Int ]> Int -- Int ) 0 rot [ >aux over aux> call i.+ ] list.each nip ;
    : on-strand ( Int -- Int )
        make-adder chan.make dup rot [ 100 swap call swap chan.send drop ] strand.spawn drop drop
        chan.receive drop nip ;
    : send-closure ( Channel<Closure[ Int -- Int ]> Int -- ) make-adder swap chan.send drop ;
}

#[test]
fn closures_capture_below_them() {
    assert_eq!(apply(10, make_adder(5)), 15);
    assert_eq!(apply_twice(1, make_adder(5)), 11);
    assert_eq!(
        apply(10, make_subtractor(3)),
        7,
        "the input below what was captured"
    );
    assert_eq!(make_greeter("!".into())("hi".into()), "hi!");
    assert_eq!(
        apply(4, make_affine(3, 2)),
        3 * 4 + 2,
        "captures in order: 3 below 2"
    );
    assert_eq!(direct(7), 70);
    let add = make_adder(100);
    assert_eq!(
        (add(1), add(2)),
        (101, 102),
        "a closure is called any number of times"
    );
}

#[test]
fn combinators_accept_closures() {
    assert_eq!(with_dip(1, 2, make_adder(10)), (11, 2));
    assert_eq!(with_keep(1, make_adder(10)), (11, 1));
    assert_eq!(with_if(true, 1, make_adder(10)), 11);
    assert_eq!(with_if(false, 1, make_adder(10)), 1);
    assert_eq!(with_times(1, make_adder(10)), 31);
    assert_eq!(
        mapped(List::from(vec![1, 2]), make_adder(3)),
        List::from(vec![4, 5])
    );
    assert_eq!(
        filtered(List::from(vec![1, 8, 20]), 5),
        List::from(vec![8, 20])
    );
}

#[test]
fn closures_are_values() {
    assert_eq!(snapshot(), (2, 1));
    assert_eq!(sum_applied(adders(), 1), (1 + 1) + (1 + 10));
    assert_eq!(on_strand(5), 105);
    let chan = Channel::new();
    send_closure(chan.clone(), 7);
    let (f, ok) = chan.receive_or(|| std::sync::Arc::new(|x| x));
    assert!(ok);
    assert_eq!(f(1), 8);
}

// `cond` (reference 3.11) with quotation literals and with closure values.
seq! {
    : classify ( Int -- String )
        [ dup 0 i.< ] [ drop "negative" ] [ dup 0 i.= ] [ drop "zero" ] [ true ] [ int->string ] 3 cond ;
    : first-match ( Int -- Int ) [ dup 10 i.> ] [ 10 i.* ] 1 cond ;
    : with-closures ( Int Closure[ Int -- Int Bool ] Closure[ Int -- Int ] -- Int )
        [ true ] [ drop 0 ] 2 cond ;
    : above ( Int -- Closure[ Int -- Int Bool ] ) [ over i.< ] ;
    : add-n ( Int -- Closure[ Int -- Int ] ) [ i.+ ] ;
    : pick-closures ( Int -- Int ) 5 above 7 add-n with-closures ;
}

#[test]
fn cond_picks_the_first_true_predicate() {
    assert_eq!(classify(-3), "negative");
    assert_eq!(classify(0), "zero");
    assert_eq!(classify(42), "42");
    assert_eq!(first_match(11), 110);
    let missing = std::panic::catch_unwind(|| first_match(1)).unwrap_err();
    assert_eq!(
        missing.downcast_ref::<&str>().copied(),
        Some("cond: no predicate matched")
    );
    assert_eq!(pick_closures(6), 13, "6 > 5: add 7");
    assert_eq!(pick_closures(200), 207);
    assert_eq!(pick_closures(3), 0, "not above 5: the literal pair");
}
