//! `Value`: a Seq value whose type is known only at run time — Seq's `Variant` type.
//!
//! Seq is statically typed, but some of its values are dynamic: a variant's fields, the
//! elements of a list whose elements have no one type, what a word declared `( Variant
//! -- ... )` takes. The compiler gives such a slot the Rust type [`Value`], converts a
//! typed value into it where one flows into such a slot ([`Dynamic::into_value`]), and
//! converts back, checked at run time, where a value flows out into a typed slot
//! ([`expect`]). Everything else stays typed: a program that never mixes types never
//! meets a `Value`.
//!
//! As in Seq's reference, lists are variants: a list is a [`Variant`] tagged `List` whose
//! fields are its elements, so the list words and the variant words work on each other's
//! values. A union's value is a variant tagged with its variant's name.
//!
//! [`son`] writes any value as SON text (Seq Object Notation), as `son.dump` and
//! `stack.dump` print it.
//!
//! Invariants: a `Value` holds exactly one Seq value and says which kind ([`Value::kind`]);
//! a failed conversion is a panic naming the Seq word, where it is written, and both
//! types, never a silent default.

mod convert;
mod order;
mod record;
mod show;
pub mod son;

pub use convert::Dynamic;
pub use record::Variant;

use crate::{List, Map, Symbol};
use std::any::Any;
use std::sync::Arc;

/// A Seq value of any type.
#[derive(Clone)]
pub enum Value {
    /// An Int.
    Int(i64),
    /// A Float.
    Float(f64),
    /// A Bool.
    Bool(bool),
    /// A String.
    String(String),
    /// A Symbol.
    Symbol(Symbol),
    /// A tagged record; a list is a record tagged `List`.
    Variant(Variant),
    /// A map whose keys and values are dynamic.
    Map(Map<Value, Value>),
    /// Any other Seq value (a channel, a quotation, a weave, a Rust type), kept whole.
    Other(Other),
}

impl Default for Value {
    /// The placeholder a read that finds nothing gives: the Int 0.
    fn default() -> Self {
        Value::Int(0)
    }
}

/// A value of a type `Value` has no case for, with the name of its Seq type.
#[derive(Clone)]
pub struct Other {
    name: Arc<str>,
    data: Arc<dyn Any + Send + Sync>,
}

impl Other {
    /// The held value, if it is a `T`.
    pub fn downcast<T: Any + Clone>(&self) -> Option<T> {
        self.data.downcast_ref::<T>().cloned()
    }

    /// The name of the held value's Seq type.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether two values are the same shared object.
    pub fn same(&self, other: &Other) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
    }

    fn address(&self) -> usize {
        Arc::as_ptr(&self.data) as *const () as usize
    }
}

impl Value {
    /// Wraps a value of a type without a case of its own, named `name` in messages.
    pub fn other<T: Any + Send + Sync>(name: impl Into<Arc<str>>, value: T) -> Value {
        Value::Other(Other {
            name: name.into(),
            data: Arc::new(value),
        })
    }

    /// A list as a value (a variant tagged `List`); no element is copied.
    pub fn list(elements: List<Value>) -> Value {
        Value::Variant(Variant::list(elements))
    }

    /// The kind of value it is, as Seq names types: `Int`, `String`, `List`, `Variant`,
    /// `Map`, or the name an other value was given.
    pub fn kind(&self) -> &str {
        match self {
            Value::Int(_) => "Int",
            Value::Float(_) => "Float",
            Value::Bool(_) => "Bool",
            Value::String(_) => "String",
            Value::Symbol(_) => "Symbol",
            Value::Variant(v) if v.is_list() => "List",
            Value::Variant(_) => "Variant",
            Value::Map(_) => "Map",
            Value::Other(o) => o.name(),
        }
    }

    /// The record a variant word works on: a variant (a list included); any other value
    /// is a runtime error of `word`.
    pub fn record(&self, word: &str) -> &Variant {
        match self {
            Value::Variant(v) => v,
            other => panic!(
                "{word}: expected a Variant, but the value is {}",
                article(other.kind())
            ),
        }
    }

    /// As [`Value::record`], taking the value.
    pub fn into_record(self, word: &str) -> Variant {
        match self {
            Value::Variant(v) => v,
            other => panic!(
                "{word}: expected a Variant, but the value is {}",
                article(other.kind())
            ),
        }
    }
}

/// The value as a `T`; a value of another type is a runtime error of the Seq word `word`
/// written at `at` (`"file.seq:3:5"`).
pub fn expect<T: Dynamic>(value: Value, word: &str, at: &str) -> T {
    T::from_value(value).unwrap_or_else(|value| {
        panic!(
            "{at}: {word}: expected {}, but the value is {}",
            article(&T::type_name()),
            article(value.kind())
        )
    })
}

/// "an Int", "a String".
pub(crate) fn article(ty: &str) -> String {
    let an = ty.starts_with(|c: char| "AEIOU".contains(c));
    format!("{} {ty}", if an { "an" } else { "a" })
}

#[cfg(test)]
mod tests;
