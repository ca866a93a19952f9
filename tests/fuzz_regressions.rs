//! Programs the compiler fuzzers found breaking the compiler, compiled by `seq!` and run,
//! so each fix is checked to generate code that does the right thing, not only code that
//! parses (the inputs themselves are in `seq-compiler/tests/regressions/`).

use seq::runtime::List;
use seq::seq;

seq! {
    // The quotation leaves each element as it is.
    : keep-true ( List<Bool> -- List<Bool> ) [ ] list.filter ;
    : same ( List<Int> -- List<Int> ) [ ] list.map ;
    : same-below ( Int List<String> -- Int List<String> ) [ ] list.map ;

    // A quotation literal passes through a conditional whose arm changes the slot below it.
    : literal-through ( Int Bool -- Int ) [ 10 i.+ ] swap if >aux negate aux> then call ;
    : literal-kept ( Int Bool -- [ Int -- Int ] Int ) [ 3 i.* ] swap [ >aux negate aux> ] when swap ;

    // `cond` on a quotation literal.
    : cond-literal ( Int -- Int ) [ 10 i.* ] [ true ] [ ] 1 cond call ;

    // Two closures made for one body's outputs.
    : two-closures ( Int Int -- Closure[ Int -- Int ] Closure[ Int -- Int ] ) [ i.+ ] swap [ i.* ] ;
    : two-plain ( -- Closure[ Int -- Int ] Closure[ Int -- Int ] ) [ 1 i.+ ] [ 2 i.* ] ;
}

#[test]
fn list_loops_with_identity_quotations() {
    assert_eq!(
        keep_true(List::from(vec![true, false, true])),
        List::from(vec![true, true])
    );
    assert_eq!(same(List::from(vec![1, 2, 3])), List::from(vec![1, 2, 3]));
    let strings = List::from(vec!["a".to_string(), "b".to_string()]);
    assert_eq!(same_below(7, strings.clone()), (7, strings));
}

#[test]
fn quotation_literals_pass_through_conditionals() {
    assert_eq!(literal_through(5, true), 5);
    assert_eq!(literal_through(5, false), 15);
    let (q, n) = literal_kept(4, true);
    assert_eq!((q(2), n), (6, -4));
    let (q, n) = literal_kept(4, false);
    assert_eq!((q(2), n), (6, 4));
}

#[test]
fn cond_on_a_quotation_literal() {
    assert_eq!(cond_literal(4), 40);
}

#[test]
fn two_closures_for_one_body() {
    let (add, mul) = two_closures(3, 5);
    assert_eq!((add(10), mul(10)), (13, 50));
    let (inc, double) = two_plain();
    assert_eq!((inc(10), double(10)), (11, 20));
}
