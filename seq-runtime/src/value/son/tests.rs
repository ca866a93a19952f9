//! SON text as Seq's reference implementation (seqc 7.7.3) prints it, value by value.

use super::*;
use crate::{Channel, List, Map, Symbol, Variant};

fn list(values: Vec<Value>) -> Value {
    Value::list(List::from(values))
}

fn variant(tag: &'static str, fields: Vec<Value>) -> Value {
    Value::Variant(Variant::new(Symbol::new(tag), fields))
}

fn map(entries: Vec<(Value, Value)>) -> Value {
    Value::Map(entries.into_iter().collect::<Map<Value, Value>>())
}

fn s(text: &str) -> Value {
    Value::String(text.to_string())
}

#[test]
fn scalars() {
    assert_eq!(dump(&Value::Int(42)), "42");
    assert_eq!(dump(&Value::Int(-123)), "-123");
    assert_eq!(dump(&Value::Bool(true)), "true");
    assert_eq!(dump(&Value::Bool(false)), "false");
    assert_eq!(dump(&Value::Symbol(Symbol::new("my-symbol"))), ":my-symbol");
}

#[test]
fn floats_always_show_that_they_are_floats() {
    let cases = [
        (3.25, "3.25"),
        (-2.5, "-2.5"),
        (42.0, "42.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0e20, "100000000000000000000.0"),
        (1.5e-7, "0.00000015"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "NaN"),
    ];
    for (x, text) in cases {
        assert_eq!(dump(&Value::Float(x)), text);
    }
}

#[test]
fn strings_are_quoted_with_escapes() {
    assert_eq!(dump(&s("hello")), r#""hello""#);
    assert_eq!(dump(&s("")), r#""""#);
    assert_eq!(dump(&s("a\tb\\c\"d\ne\rf")), r#""a\tb\\c\"d\ne\rf""#);
    assert_eq!(dump(&s("\u{1}\u{7f}")), r#""\u0001\u007f""#);
    assert_eq!(dump(&s("\u{8}\u{c}")), r#""\b\f""#);
    assert_eq!(dump(&s("héllo ✓")), "\"héllo ✓\"");
}

#[test]
fn lists_maps_and_variants() {
    assert_eq!(dump(&list(vec![])), "list-of");
    let numbers = list(vec![Value::Int(1), Value::Int(2), Value::Int(3)]);
    assert_eq!(dump(&numbers), "list-of 1 lv 2 lv 3 lv");
    assert_eq!(dump(&map(vec![])), "map-of");
    assert_eq!(
        dump(&map(vec![(s("key"), Value::Int(42))])),
        r#"map-of "key" 42 kv"#
    );
    assert_eq!(dump(&variant("None", vec![])), ":None wrap-0");
    let point = variant("Point", vec![Value::Int(10), Value::Int(20)]);
    assert_eq!(dump(&point), ":Point 10 20 wrap-2");
    let nested = map(vec![(s("items"), numbers), (s("count"), Value::Int(3))]);
    assert_eq!(
        dump(&nested),
        r#"map-of "count" 3 kv "items" list-of 1 lv 2 lv 3 lv kv"#
    );
    let empties = list(vec![list(vec![]), map(vec![]), variant("E", vec![])]);
    assert_eq!(dump(&empties), "list-of list-of lv map-of lv :E wrap-0 lv");
}

#[test]
fn map_keys_sort_as_the_reference_sorts_them() {
    let ints = map([10, -5, -10, 2]
        .into_iter()
        .zip(["a", "b", "c", "d"])
        .map(|(k, v)| (Value::Int(k), s(v)))
        .collect());
    assert_eq!(
        dump(&ints),
        r#"map-of -5 "b" kv -10 "c" kv 2 "d" kv 10 "a" kv"#
    );
    let bools = map(vec![
        (Value::Bool(true), Value::Int(1)),
        (Value::Bool(false), Value::Int(2)),
    ]);
    assert_eq!(dump(&bools), "map-of false 2 kv true 1 kv");
    let strings = map(vec![
        (s("b"), Value::Int(1)),
        (s("B"), Value::Int(2)),
        (s("a"), Value::Int(3)),
    ]);
    assert_eq!(dump(&strings), r#"map-of "B" 2 kv "a" 3 kv "b" 1 kv"#);
}

#[test]
fn pretty_printing_indents_each_level() {
    let numbers = list(vec![Value::Int(1), Value::Int(2)]);
    assert_eq!(dump_pretty(&numbers), "list-of\n  1 lv\n  2 lv");
    let point = variant("Point", vec![Value::Int(10), Value::Int(20)]);
    assert_eq!(dump_pretty(&point), ":Point\n  10\n  20\n wrap-2");
    let nested = variant(
        "Out",
        vec![
            list(vec![Value::Int(2)]),
            variant("In", vec![Value::Int(3)]),
        ],
    );
    assert_eq!(
        dump_pretty(&nested),
        ":Out\n  list-of\n    2 lv\n  :In\n    3\n   wrap-1\n wrap-2"
    );
    let entries = map(vec![
        (s("k"), variant("P", vec![Value::Int(1), Value::Int(2)])),
        (s("l"), list(vec![])),
    ]);
    assert_eq!(
        dump_pretty(&entries),
        "map-of\n  \"k\" :P\n    1\n    2\n   wrap-2 kv\n  \"l\" list-of kv"
    );
    assert_eq!(dump_pretty(&Value::Int(42)), "42");
    assert_eq!(dump_pretty(&variant("None", vec![])), ":None wrap-0");
}

#[test]
fn values_that_are_not_data() {
    let f: fn(i64) -> i64 = |x| x;
    assert_eq!(dump(&crate::Dynamic::into_value(f)), "<quotation>");
    let c: Channel<i64> = Channel::new();
    assert_eq!(dump(&crate::Dynamic::into_value(c)), "<channel>");
    assert_eq!(dump(&Value::other("closure", ())), "<closure>");
    assert_eq!(dump(&Value::other("Point", ())), "<Point>");
}

#[test]
fn the_stack_line() {
    assert_eq!(stack_line(&[]), "»");
    let values = [
        Value::Int(1),
        Value::Int(2),
        s("x"),
        list(vec![Value::Int(3)]),
    ];
    assert_eq!(stack_line(&values), r#"» 1 2 "x" list-of 3 lv"#);
}
