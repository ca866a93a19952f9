//! Equality and order of values, so values can be map keys and compared.
//!
//! Values of different kinds order by kind (Int, Float, Bool, String, Symbol, Variant,
//! Map, other); Floats by their total order (so a NaN key is found again); variants by
//! tag, then fields; other values by identity (two channels are equal when they are one
//! channel).

use super::Value;
use std::cmp::Ordering;

impl Value {
    fn rank(&self) -> u8 {
        match self {
            Value::Int(_) => 0,
            Value::Float(_) => 1,
            Value::Bool(_) => 2,
            Value::String(_) => 3,
            Value::Symbol(_) => 4,
            Value::Variant(_) => 5,
            Value::Map(_) => 6,
            Value::Other(_) => 7,
        }
    }
}

impl Ord for Value {
    fn cmp(&self, other: &Value) -> Ordering {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a.cmp(b),
            (Value::Float(a), Value::Float(b)) => a.total_cmp(b),
            (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
            (Value::String(a), Value::String(b)) => a.cmp(b),
            (Value::Symbol(a), Value::Symbol(b)) => a.cmp(b),
            (Value::Variant(a), Value::Variant(b)) => a
                .tag()
                .cmp(&b.tag())
                .then_with(|| a.fields().iter().cmp(b.fields().iter())),
            (Value::Map(a), Value::Map(b)) => a.iter().cmp(b.iter()),
            (Value::Other(a), Value::Other(b)) => a.address().cmp(&b.address()),
            (a, b) => a.rank().cmp(&b.rank()),
        }
    }
}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Value) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Value {}
