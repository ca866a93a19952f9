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
