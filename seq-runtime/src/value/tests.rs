use super::*;
use crate::Channel;

fn point() -> Variant {
    Variant::new(
        Symbol::new("point"),
        vec![Value::Int(3), Value::String("p".into())],
    )
}

fn message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let err = std::panic::catch_unwind(f).unwrap_err();
    err.downcast_ref::<String>().cloned().unwrap_or_default()
}

#[test]
fn fields_read_back_at_their_type() {
    let p = point();
    assert_eq!(p.field_count(), 2);
    assert_eq!(p.field_at::<i64>(0), 3);
    assert_eq!(p.first::<i64>(), 3);
    assert_eq!(p.last::<String>(), "p");
    assert_eq!(p.tag(), Symbol::new("point"));
    assert_eq!(p.field_at::<Value>(1), Value::String("p".into()));
}

#[test]
fn append_and_init_leave_the_original_alone() {
    let p = point();
    let longer = p.clone().append(Value::Bool(true));
    assert_eq!((p.field_count(), longer.field_count()), (2, 3));
    let shorter = longer.clone().init();
    assert_eq!(shorter.field_count(), 2);
    assert!(longer.last::<bool>());
}

#[test]
fn wrong_reads_are_errors_naming_the_word_and_both_types() {
    assert_eq!(
        message(|| {
            point().field_at::<f64>(1);
        }),
        "variant.field-at: field 1 of :point(Int, String) is a String, not a Float"
    );
    assert_eq!(
        message(|| {
            point().field_at::<i64>(2);
        }),
        "variant.field-at: index 2 is out of range for :point(Int, String), which has 2 fields"
    );
    assert_eq!(
        message(|| {
            Variant::new(Symbol::new("none"), vec![]).first::<i64>();
        }),
        "variant.first: :none() has no fields"
    );
    assert_eq!(
        message(|| {
            expect::<i64>(Value::String("x".into()), "i.+", "a.seq:1:3");
        }),
        "a.seq:1:3: i.+: expected an Int, but the value is a String"
    );
}

#[test]
fn lists_are_variants_tagged_list_and_convert_without_copies() {
    let typed = List::from(vec![1i64, 2, 3]);
    let value = typed.clone().into_value();
    assert_eq!(value.kind(), "List");
    assert_eq!(value.record("t").tag(), Symbol::new("List"));
    assert_eq!(List::<i64>::from_value(value.clone()).ok(), Some(typed));
    assert!(List::<String>::from_value(value.clone()).is_err());
    let dynamic: List<Value> = List::from(vec![Value::Int(1), Value::Bool(true)]);
    let as_value = dynamic.clone().into_value();
    let back = List::<Value>::from_value(as_value).ok().unwrap();
    assert_eq!(back, dynamic);
    // A union-like variant's fields read as a list too.
    assert_eq!(
        List::<Value>::from_value(Value::Variant(point()))
            .ok()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn maps_convert_and_values_order_as_keys() {
    let typed: Map<String, i64> = [("a".to_string(), 1), ("b".to_string(), 2)]
        .into_iter()
        .collect();
    let value = typed.clone().into_value();
    assert_eq!(
        Map::<String, i64>::from_value(value.clone()).ok(),
        Some(typed)
    );
    let Value::Map(m) = value else { panic!() };
    assert_eq!(m.get(&Value::String("b".into())), (Value::Int(2), true));
    assert!(Value::Int(5) < Value::Float(0.0));
    assert_eq!(Value::Float(f64::NAN), Value::Float(f64::NAN));
}

#[test]
fn other_values_are_held_whole() {
    let ch: Channel<i64> = Channel::new();
    let v = ch.clone().into_value();
    assert_eq!(v.kind(), "Channel");
    let back = Channel::<i64>::from_value(v.clone()).ok().unwrap();
    back.send(4);
    assert_eq!(ch.receive(), (4, true));
    assert!(Channel::<String>::from_value(v).is_err());
    let f: fn(i64) -> i64 = |x| x + 1;
    let q = f.into_value();
    assert_eq!((<fn(i64) -> i64>::from_value(q).ok().unwrap())(1), 2);
}

#[test]
fn values_print_as_seq_shows_them() {
    let l = Value::list(List::from(vec![Value::Int(1), Value::String("a".into())]));
    assert_eq!(l.to_string(), "[1, \"a\"]");
    assert_eq!(Value::Variant(point()).to_string(), ":point(3, \"p\")");
    assert_eq!(Value::Float(3.0).to_string(), "3");
    assert_eq!(Value::String("s".into()).to_string(), "s");
}
