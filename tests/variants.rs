//! Symbols and Variants: symbol literals, comparison and conversion, symbols and Bools as
//! map keys; every variant word, the value semantics of `append` / `init`, and the runtime
//! errors of reads at the wrong type or index, which name the word and both types.

use seq::runtime::{List, Map, Symbol, Value, Variant};
use seq::seq;

seq! {
    : ok ( -- Symbol ) :ok ;
    : same ( Symbol Symbol -- Bool ) symbol.= ;
    : name ( Symbol -- String ) symbol->string ;
    : named ( String -- Symbol ) string->symbol ;
    : round-trip ( -- Bool ) "with-dash?" string->symbol :with-dash? symbol.= ;
    : status ( Int -- Symbol ) dup 0 i.< if drop :negative else 0 i.= if :zero else :positive then then ;
    : tally ( List<Int> -- Map<Symbol, Int> )
      map.make swap [ status over over map.get drop 1 i.+ map.set ] list.each ;
    : flags ( -- Map<Bool, String> ) map.make true "yes" map.set false "no" map.set ;

    : point ( Int Int -- Variant ) :point variant.make-2 ;
    : px ( Variant -- Int ) 0 variant.field-at ;
    : py ( Variant -- Int ) 1 variant.field-at ;
    : tag ( Variant -- Symbol ) variant.tag ;
    : count ( Variant -- Int ) variant.field-count ;
    : empty ( -- Variant ) :none variant.make-0 ;
    : record ( -- Variant ) "ada" 36 true 2.5 :person wrap-4 ;
    : first-name ( Variant -- String ) variant.first ;
    : last-score ( Variant -- Float ) variant.last ;
    : grow ( Variant -- Variant Variant ) dup :extra variant.append ;
    : shrink ( Variant -- Variant Variant ) dup variant.init ;
    : one ( -- Variant ) 7 :one variant.make-1 ;
    : three ( -- Variant ) "two" :three 3 :triple variant.make-3 ;
    // Fields may hold lists, maps, variants and quotations.
    : nested ( -- Variant ) list.make 1 list.push 2 list.push 0 0 point :wrapped variant.make-2 ;
    : nested-list ( Variant -- List<Int> ) 0 variant.field-at ;
    : nested-point ( Variant -- Variant ) 1 variant.field-at ;
    : with-quote ( -- Variant ) [ 10 i.* ] :f variant.make-1 ;
    : run-quote ( Variant Int -- Int ) swap 0 variant.field-at apply ;
    : apply ( Int [ Int -- Int ] -- Int ) call ;
    // A generic word storing a value of a type its caller picks.
    : box ( T -- Variant ) :box variant.make-1 ;
    : unbox-string ( Variant -- String ) variant.first ;
    : wrong-type ( Variant -- Float ) 0 variant.field-at ;
    : wrong-index ( Variant -- Int ) 5 variant.field-at ;
    // A read nothing types stays dynamic.
    : read-and-drop ( Variant -- ) 0 variant.field-at drop ;
    : field-any ( Variant Int -- Variant ) variant.field-at ;
}

#[test]
fn symbols() {
    assert_eq!(ok(), Symbol::new("ok"));
    assert!(same(ok(), Symbol::new("ok")) && !same(ok(), Symbol::new("ko")));
    assert_eq!(name(ok()), "ok");
    assert_eq!(
        named("made-at-run-time".into()),
        Symbol::new("made-at-run-time")
    );
    assert!(round_trip());
    assert_eq!(Symbol::default().name(), "");
}

#[test]
fn symbol_and_bool_keys() {
    let t = tally(List::from(vec![-3, 0, 4, 5, -1, 9]));
    let expected: Map<Symbol, i64> = [
        (Symbol::new("negative"), 2),
        (Symbol::new("zero"), 1),
        (Symbol::new("positive"), 3),
    ]
    .into_iter()
    .collect();
    assert_eq!(t, expected);
    let f = flags();
    assert_eq!(f.get(&true), ("yes".to_string(), true));
    assert_eq!(f.get(&false), ("no".to_string(), true));
}

#[test]
fn variant_words() {
    let p = point(3, 4);
    assert_eq!((px(p.clone()), py(p.clone())), (3, 4));
    assert_eq!(
        (tag(p.clone()), count(p.clone())),
        (Symbol::new("point"), 2)
    );
    assert_eq!((tag(empty()), count(empty())), (Symbol::new("none"), 0));
    let r = record();
    assert_eq!(count(r.clone()), 4);
    assert_eq!(first_name(r.clone()), "ada");
    assert_eq!(last_score(r), 2.5);
    assert_eq!((tag(one()), px(one())), (Symbol::new("one"), 7));
    let t = three();
    assert_eq!(count(t.clone()), 3);
    assert_eq!(t.record("t").field_at::<Symbol>(1), Symbol::new("three"));
}

#[test]
fn append_and_init_leave_the_original_alone() {
    let (original, longer) = grow(point(1, 2));
    assert_eq!((count(original.clone()), count(longer.clone())), (2, 3));
    assert_eq!(longer.record("t").last::<Symbol>(), Symbol::new("extra"));
    let (original, shorter) = shrink(original);
    assert_eq!((count(original), count(shorter.clone())), (2, 1));
    assert_eq!(px(shorter), 1);
}

#[test]
fn fields_hold_any_value() {
    let n = nested();
    assert_eq!(nested_list(n.clone()), List::from(vec![1, 2]));
    assert_eq!(px(nested_point(n)), 0);
    assert_eq!(run_quote(with_quote(), 4), 40);
    assert_eq!(unbox_string(r#box("inside".to_string())), "inside");
    assert_eq!(r#box(5i64).record("t").first::<i64>(), 5);
    assert_eq!(
        r#box(5i64),
        Value::Variant(Variant::new(Symbol::new("box"), vec![Value::Int(5)]))
    );
}

#[test]
fn reads_nothing_types_stay_dynamic() {
    read_and_drop(point(1, 2));
    assert_eq!(field_any(three(), 1), Value::Symbol(Symbol::new("three")));
    assert_eq!(field_any(nested(), 0).to_string(), "[1, 2]");
}

fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let err = std::panic::catch_unwind(f).unwrap_err();
    err.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn wrong_reads_are_runtime_errors_naming_the_word_and_both_types() {
    assert_eq!(
        panic_message(|| {
            wrong_type(point(1, 2));
        }),
        "variant.field-at: field 0 of :point(Int, Int) is an Int, not a Float"
    );
    assert_eq!(
        panic_message(|| {
            wrong_index(point(1, 2));
        }),
        "variant.field-at: index 5 is out of range for :point(Int, Int), which has 2 fields"
    );
    assert_eq!(
        panic_message(|| {
            first_name(empty());
        }),
        "variant.first: :none() has no fields"
    );
    assert_eq!(
        panic_message(|| {
            Variant::default().init();
        }),
        "variant.init: :() has no fields"
    );
}
