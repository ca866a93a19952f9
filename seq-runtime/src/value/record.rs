//! [`Variant`]: a tag and any number of fields of any type. Lists are variants tagged
//! `List`, so a list and a variant share their representation: turning one into the
//! other copies nothing.
//!
//! Variants are immutable values: copying one shares it, and `append` / `init` copy the
//! fields only if something else still holds them. Reads name the type their context
//! expects; a field of another type, an index out of range or a read from a variant
//! without fields is a runtime error naming the Seq word and both types.

use super::{article, Dynamic, Value};
use crate::{List, Symbol};
use std::fmt;

/// The tag of a list.
pub const LIST_TAG: Symbol = Symbol::new("List");

/// A tagged record whose fields may hold any Seq value. The default variant has the empty
/// tag and no fields.
#[derive(Clone, Default, PartialEq)]
pub struct Variant {
    tag: Symbol,
    fields: List<Value>,
}

impl Variant {
    /// `variant.make-N ( T1 .. TN Symbol -- Variant )`.
    pub fn new(tag: Symbol, fields: Vec<Value>) -> Variant {
        Variant {
            tag,
            fields: List::from(fields),
        }
    }

    /// A list: the elements as the fields of a variant tagged `List`.
    pub fn list(elements: List<Value>) -> Variant {
        Variant {
            tag: LIST_TAG,
            fields: elements,
        }
    }

    /// Whether it is tagged `List`.
    pub fn is_list(&self) -> bool {
        self.tag == LIST_TAG
    }

    /// The fields, which are a list's elements.
    pub fn fields(&self) -> &List<Value> {
        &self.fields
    }

    /// The fields, taken.
    pub fn into_fields(self) -> List<Value> {
        self.fields
    }

    /// The fields, when there are exactly `N` of them.
    pub fn field_array<const N: usize>(&self) -> Option<[Value; N]> {
        let fields: Vec<Value> = self.fields.iter().cloned().collect();
        fields.try_into().ok()
    }

    /// `variant.tag ( Variant -- Symbol )`.
    pub fn tag(&self) -> Symbol {
        self.tag
    }

    /// `variant.field-count ( Variant -- Int )`.
    pub fn field_count(&self) -> i64 {
        self.fields.len()
    }

    /// `variant.field-at ( Variant Int -- T )`: the field at `index`, read as a `T`.
    pub fn field_at<T: Dynamic>(&self, index: i64) -> T {
        const WORD: &str = "variant.field-at";
        match self.fields.get_or(index, Value::default) {
            (value, true) => self.read(WORD, &format!("field {index}"), value),
            (_, false) => {
                let count = self.fields.len();
                panic!(
                    "{WORD}: index {index} is out of range for {self:?}, which has {count} field{}",
                    if count == 1 { "" } else { "s" }
                )
            }
        }
    }

    /// `variant.first ( Variant -- T )`: the first field, read as a `T`.
    pub fn first<T: Dynamic>(&self) -> T {
        self.end("variant.first", "the first field", 0)
    }

    /// `variant.last ( Variant -- T )`: the last field, read as a `T`.
    pub fn last<T: Dynamic>(&self) -> T {
        self.end("variant.last", "the last field", self.fields.len() - 1)
    }

    fn end<T: Dynamic>(&self, word: &str, what: &str, index: i64) -> T {
        match self.fields.get_or(index, Value::default) {
            (value, true) => self.read(word, what, value),
            (_, false) => panic!("{word}: {self:?} has no fields"),
        }
    }

    fn read<T: Dynamic>(&self, word: &str, what: &str, value: Value) -> T {
        T::from_value(value).unwrap_or_else(|value| {
            panic!(
                "{word}: {what} of {self:?} is {}, not {}",
                article(value.kind()),
                article(&T::type_name())
            )
        })
    }

    /// `variant.append ( Variant T -- Variant )` and `list.push`: one more field.
    pub fn append(self, value: Value) -> Variant {
        Variant {
            tag: self.tag,
            fields: self.fields.push(value),
        }
    }

    /// `variant.init ( Variant -- Variant )`: the variant without its last field.
    pub fn init(self) -> Variant {
        if self.fields.is_empty() {
            panic!("variant.init: {self:?} has no fields");
        }
        let mut fields = self.fields.into_vec();
        fields.pop();
        Variant {
            tag: self.tag,
            fields: List::from(fields),
        }
    }
}

impl fmt::Debug for Variant {
    /// `:point(Int, Int)`: the tag and the kinds of the fields.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}(", self.tag)?;
        for (i, field) in self.fields.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(field.kind())?;
        }
        f.write_str(")")
    }
}
