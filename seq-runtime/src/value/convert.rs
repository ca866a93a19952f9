//! [`Dynamic`]: the Seq types a [`Value`] can hold, and the conversions between them.
//!
//! `into_value` never fails; `from_value` gives the value back when it holds another
//! type, for the caller to report. Lists and maps convert element by element, except a
//! `List<Value>`, which becomes a list value without a copy (and back).

use super::{Value, Variant};
use crate::{Channel, List, Map, Symbol};
use std::any::Any;
use std::borrow::Cow;

/// A Seq type whose values can be held by a [`Value`].
pub trait Dynamic: Clone + Send + Sync + 'static {
    /// The type's Seq name, for messages (`Int`, `List<String>`).
    fn type_name() -> Cow<'static, str>;

    /// The value, made dynamic.
    fn into_value(self) -> Value;

    /// The `Self` a value holds, or the value back if it holds another type.
    fn from_value(value: Value) -> Result<Self, Value>;
}

macro_rules! case {
    ($rust:ty, $seq:literal, $case:ident) => {
        impl Dynamic for $rust {
            fn type_name() -> Cow<'static, str> {
                Cow::Borrowed($seq)
            }

            fn into_value(self) -> Value {
                Value::$case(self)
            }

            fn from_value(value: Value) -> Result<Self, Value> {
                match value {
                    Value::$case(x) => Ok(x),
                    other => Err(other),
                }
            }
        }
    };
}

case!(i64, "Int", Int);
case!(f64, "Float", Float);
case!(bool, "Bool", Bool);
case!(String, "String", String);
case!(Symbol, "Symbol", Symbol);
case!(Variant, "Variant", Variant);

impl Dynamic for Value {
    fn type_name() -> Cow<'static, str> {
        Cow::Borrowed("Variant")
    }

    fn into_value(self) -> Value {
        self
    }

    fn from_value(value: Value) -> Result<Self, Value> {
        Ok(value)
    }
}

/// The type of a slot nothing ever fills.
impl Dynamic for () {
    fn type_name() -> Cow<'static, str> {
        Cow::Borrowed("nothing")
    }

    fn into_value(self) -> Value {
        Value::default()
    }

    fn from_value(_: Value) -> Result<Self, Value> {
        Ok(())
    }
}

/// `x` as a `U` when `T` and `U` are one type.
fn same_type<T: 'static, U: 'static>(x: T) -> Result<U, T> {
    let mut slot = Some(x);
    match (&mut slot as &mut dyn Any).downcast_mut::<Option<U>>() {
        Some(u) => Ok(u.take().expect("just filled")),
        None => Err(slot.expect("not taken")),
    }
}

impl<T: Dynamic> Dynamic for List<T> {
    fn type_name() -> Cow<'static, str> {
        Cow::Owned(format!("List<{}>", T::type_name()))
    }

    fn into_value(self) -> Value {
        match same_type::<List<T>, List<Value>>(self) {
            Ok(values) => Value::list(values),
            Err(list) => Value::list(list.iter().cloned().map(T::into_value).collect()),
        }
    }

    /// Any variant's fields, as a list.
    fn from_value(value: Value) -> Result<Self, Value> {
        let Value::Variant(v) = value else {
            return Err(value);
        };
        let fields = v.clone().into_fields();
        let fields = match same_type::<List<Value>, List<T>>(fields) {
            Ok(list) => return Ok(list),
            Err(fields) => fields,
        };
        let mut out = Vec::with_capacity(fields.len() as usize);
        for field in fields.iter() {
            match T::from_value(field.clone()) {
                Ok(x) => out.push(x),
                Err(_) => return Err(Value::Variant(v)),
            }
        }
        Ok(List::from(out))
    }
}

impl<K: Dynamic + Ord, V: Dynamic> Dynamic for Map<K, V> {
    fn type_name() -> Cow<'static, str> {
        Cow::Owned(format!("Map<{}, {}>", K::type_name(), V::type_name()))
    }

    fn into_value(self) -> Value {
        match same_type::<Map<K, V>, Map<Value, Value>>(self) {
            Ok(values) => Value::Map(values),
            Err(map) => Value::Map(
                map.iter()
                    .map(|(k, v)| (k.clone().into_value(), v.clone().into_value()))
                    .collect(),
            ),
        }
    }

    fn from_value(value: Value) -> Result<Self, Value> {
        let Value::Map(m) = value else {
            return Err(value);
        };
        let m = match same_type::<Map<Value, Value>, Map<K, V>>(m) {
            Ok(map) => return Ok(map),
            Err(m) => m,
        };
        let mut out = Vec::new();
        for (k, v) in m.iter() {
            match (K::from_value(k.clone()), V::from_value(v.clone())) {
                (Ok(k), Ok(v)) => out.push((k, v)),
                _ => return Err(Value::Map(m)),
            }
        }
        Ok(out.into_iter().collect())
    }
}

/// Values held whole, as [`Value::Other`].
macro_rules! held {
    ($name:expr, [$($param:ident),*], $rust:ty) => {
        impl<$($param: Send + Sync + 'static),*> Dynamic for $rust {
            fn type_name() -> Cow<'static, str> {
                $name
            }

            fn into_value(self) -> Value {
                Value::other(Self::type_name(), self)
            }

            fn from_value(value: Value) -> Result<Self, Value> {
                match &value {
                    Value::Other(o) => o.downcast::<Self>().ok_or(value),
                    _ => Err(value),
                }
            }
        }
    };
}

held!(Cow::Borrowed("Channel"), [T], Channel<T>);
held!(Cow::Borrowed("Weave"), [Y, R], crate::Weave<Y, R>);
held!(Cow::Borrowed("quotation"), [R], fn() -> R);
held!(Cow::Borrowed("quotation"), [A, R], fn(A) -> R);
held!(Cow::Borrowed("quotation"), [A, B, R], fn(A, B) -> R);
held!(Cow::Borrowed("quotation"), [A, B, C, R], fn(A, B, C) -> R);
held!(
    Cow::Borrowed("quotation"),
    [A, B, C, D, R],
    fn(A, B, C, D) -> R
);
held!(
    Cow::Borrowed("quotation"),
    [A, B, C, D, E, R],
    fn(A, B, C, D, E) -> R
);
held!(
    Cow::Borrowed("closure"),
    [R],
    std::sync::Arc<dyn Fn() -> R + Send + Sync>
);
held!(
    Cow::Borrowed("closure"),
    [A, R],
    std::sync::Arc<dyn Fn(A) -> R + Send + Sync>
);
held!(
    Cow::Borrowed("closure"),
    [A, B, R],
    std::sync::Arc<dyn Fn(A, B) -> R + Send + Sync>
);
held!(
    Cow::Borrowed("closure"),
    [A, B, C, R],
    std::sync::Arc<dyn Fn(A, B, C) -> R + Send + Sync>
);
held!(
    Cow::Borrowed("closure"),
    [A, B, C, D, R],
    std::sync::Arc<dyn Fn(A, B, C, D) -> R + Send + Sync>
);
