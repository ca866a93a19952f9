//! Weaves (reference 3.14): generators resumed with values, `yield` through the context,
//! `| Yield T` effects, finishing, cancelling, and weaves dropped unfinished.

use seq::runtime::Weave;
use seq::seq;

seq! {
    // A running total: yields what it has so far, adds what the next resume sends.
    : counter ( Ctx<Int> Int -- | Yield Int ) tuck yield rot i.+ counter ;
    : make-counter ( -- Weave<Int> ) [ counter ] strand.weave ;
    // Yields the squares 1, 4, 9 and then finishes.
    : squares-from ( Ctx<Int> Int -- | Yield Int )
        dup 4 i.< if dup dup i.* rot swap yield drop swap 1 i.+ squares-from else drop drop then ;
    : squares ( -- Weave<Int> ) [ drop 1 squares-from ] strand.weave ;
    : next ( Weave<Int> -- Weave<Int> Int Bool ) 0 strand.resume ;
    : three ( Weave<Int> -- Int Int Int Bool ) next drop swap next drop swap next drop swap next rot drop nip ;
    : echo-strings ( -- Weave<String> ) [ [ "!" string.concat yield ] forever ] strand.weave ;
    : forever ( Ctx<String> String [ Ctx<String> String -- Ctx<String> String ] -- | Yield String ) dup >aux call aux> forever ;
    : shout ( Weave<String> String -- Weave<String> String Bool ) strand.resume ;
    : cancel ( Weave<Int> -- ) strand.weave-cancel ;
    : abandon ( Int -- Int ) 0 swap [ make-counter 5 strand.resume drop nip i.+ ] times ;
}

#[test]
fn resume_sends_values_in_and_gets_yields_out() {
    let w = make_counter();
    let (w, a, ok) = w.clone().resume(1, || 0).let_with(w);
    assert_eq!((a, ok), (1, true));
    let (value, ok) = w.resume(10, || 0);
    assert_eq!((value, ok), (11, true));
    assert_eq!(w.resume(100, || 0), (111, true));
}

#[test]
fn finished_weaves_report_false_with_the_default() {
    let (a, b, c, more) = three(squares());
    assert_eq!((a, b, c), (1, 4, 9));
    assert!(!more);
}

#[test]
fn weaves_of_strings_and_quotations_in_yielding_words() {
    let w = echo_strings();
    let (w, first, ok) = shout(w, "hi".into());
    assert_eq!((first.as_str(), ok), ("hi!", true));
    let (_, second, ok) = shout(w, "ho".into());
    assert_eq!((second.as_str(), ok), ("ho!", true));
}

#[test]
fn cancelled_weaves_stop() {
    let w = make_counter();
    assert_eq!(w.resume(1, || 0), (1, true));
    cancel(w.clone());
    assert_eq!(w.resume(1, || -1), (-1, false));
}

#[test]
fn unfinished_weaves_are_freed_when_dropped() {
    // Each weave holds a coroutine stack (two memory maps); 40,000 leaked ones would
    // exceed the default limit of 65,530 maps and fail.
    assert_eq!(abandon(40_000), 5 * 40_000);
}

trait LetWith {
    fn let_with(self, w: Weave<i64>) -> (Weave<i64>, i64, bool);
}

impl LetWith for (i64, bool) {
    fn let_with(self, w: Weave<i64>) -> (Weave<i64>, i64, bool) {
        (w, self.0, self.1)
    }
}
