//! `Variant`: Seq's dynamically typed records (a tag and any number of fields of any type).
//!
//! Each field is a [`Value`]: the value itself behind an `Arc<dyn Any>`, with the name of
//! its Seq type. Reading a field names the type the reading context expects (the compiler
//! knows it); a field of another type, an index out of range, or a read from a variant
//! without fields is a runtime error (a panic) naming the Seq word and both types, never a
//! silent default. Variants are immutable values: copying one shares it, and `append` /
//! `init` copy the fields only if something else still holds them.

use crate::Symbol;
use std::any::Any;
use std::fmt;
use std::sync::Arc;

/// One field of a variant: any Seq value with its Seq type's name.
#[derive(Clone)]
pub struct Value {
    ty: &'static str,
    data: Arc<dyn Any + Send + Sync>,
}

impl Value {
    /// Wraps a value of the Seq type named `ty` (`"Int"`, `"List<String>"`, ...).
    pub fn new<T: Any + Send + Sync>(ty: &'static str, value: T) -> Value {
        Value {
            ty,
            data: Arc::new(value),
        }
    }

    /// The name of the Seq type the value was stored as.
    pub fn type_name(&self) -> &'static str {
        self.ty
    }

    /// The value as a `T` (Seq type `ty`); a value of another type is a runtime error of
    /// `word`.
    pub fn read<T: Any + Clone>(&self, word: &str, what: &str, ty: &str) -> T {
        match self.data.downcast_ref::<T>() {
            Some(value) => value.clone(),
            None => panic!(
                "{word}: {what} is {}, not {}",
                article(self.ty),
                article(ty)
            ),
        }
    }
}

/// "an Int", "a String".
fn article(ty: &str) -> String {
    let an = ty.starts_with(|c: char| "AEIOU".contains(c));
    format!("{} {ty}", if an { "an" } else { "a" })
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.ty)
    }
}

#[derive(Clone, Default)]
struct Record {
    tag: Symbol,
    fields: Vec<Value>,
}

/// A tagged record whose fields may hold any Seq value. The default variant has the empty
/// tag and no fields.
#[derive(Clone, Default)]
pub struct Variant(Arc<Record>);

impl Variant {
    /// `variant.make-N ( T1 .. TN Symbol -- Variant )`.
    pub fn new(tag: Symbol, fields: Vec<Value>) -> Variant {
        Variant(Arc::new(Record { tag, fields }))
    }

    /// `variant.tag ( Variant -- Symbol )`.
    pub fn tag(&self) -> Symbol {
        self.0.tag
    }

    /// `variant.field-count ( Variant -- Int )`.
    pub fn field_count(&self) -> i64 {
        self.0.fields.len() as i64
    }

    /// `variant.field-at ( Variant Int -- T )`: the field at `index`, read as Seq type `ty`.
    pub fn field_at<T: Any + Clone>(&self, index: i64, ty: &str) -> T {
        const WORD: &str = "variant.field-at";
        let count = self.0.fields.len();
        match usize::try_from(index).ok().filter(|&i| i < count) {
            Some(i) => self.0.fields[i].read(WORD, &format!("field {i} of {self:?}"), ty),
            None => panic!(
                "{WORD}: index {index} is out of range for {self:?}, which has {count} field{}",
                if count == 1 { "" } else { "s" }
            ),
        }
    }

    /// `variant.first ( Variant -- T )`: the first field, read as Seq type `ty`.
    pub fn first<T: Any + Clone>(&self, ty: &str) -> T {
        self.end(
            "variant.first",
            "the first field",
            self.0.fields.first(),
            ty,
        )
    }

    /// `variant.last ( Variant -- T )`: the last field, read as Seq type `ty`.
    pub fn last<T: Any + Clone>(&self, ty: &str) -> T {
        self.end("variant.last", "the last field", self.0.fields.last(), ty)
    }

    fn end<T: Any + Clone>(&self, word: &str, what: &str, field: Option<&Value>, ty: &str) -> T {
        match field {
            Some(value) => value.read(word, &format!("{what} of {self:?}"), ty),
            None => panic!("{word}: {self:?} has no fields"),
        }
    }

    /// `variant.append ( Variant T -- Variant )`: a variant with one more field.
    pub fn append(mut self, value: Value) -> Variant {
        Arc::make_mut(&mut self.0).fields.push(value);
        self
    }

    /// `variant.init ( Variant -- Variant )`: the variant without its last field.
    pub fn init(mut self) -> Variant {
        if self.0.fields.is_empty() {
            panic!("variant.init: {self:?} has no fields");
        }
        Arc::make_mut(&mut self.0).fields.pop();
        self
    }
}

impl fmt::Debug for Variant {
    /// `:point(Int, Int)`: the tag and the fields' Seq types.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}(", self.0.tag)?;
        for (i, field) in self.0.fields.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(field.ty)?;
        }
        f.write_str(")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point() -> Variant {
        Variant::new(
            Symbol::new("point"),
            vec![
                Value::new("Int", 3i64),
                Value::new("String", String::from("p")),
            ],
        )
    }

    #[test]
    fn fields_read_back_at_their_type() {
        let p = point();
        assert_eq!(p.field_count(), 2);
        assert_eq!(p.field_at::<i64>(0, "Int"), 3);
        assert_eq!(p.first::<i64>("Int"), 3);
        assert_eq!(p.last::<String>("String"), "p");
        assert_eq!(p.tag(), Symbol::new("point"));
    }

    #[test]
    fn append_and_init_leave_the_original_alone() {
        let p = point();
        let longer = p.clone().append(Value::new("Bool", true));
        assert_eq!((p.field_count(), longer.field_count()), (2, 3));
        let shorter = longer.clone().init();
        assert_eq!(shorter.field_count(), 2);
        assert!(longer.last::<bool>("Bool"));
    }

    fn message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
        let err = std::panic::catch_unwind(f).unwrap_err();
        err.downcast_ref::<String>().cloned().unwrap_or_default()
    }

    #[test]
    fn wrong_reads_are_errors_naming_the_word_and_both_types() {
        assert_eq!(
            message(|| {
                point().field_at::<f64>(1, "Float");
            }),
            "variant.field-at: field 1 of :point(Int, String) is a String, not a Float"
        );
        assert_eq!(
            message(|| {
                point().field_at::<i64>(2, "Int");
            }),
            "variant.field-at: index 2 is out of range for :point(Int, String), which has 2 fields"
        );
        assert_eq!(
            message(|| {
                Variant::new(Symbol::new("none"), vec![]).first::<i64>("Int");
            }),
            "variant.first: :none() has no fields"
        );
    }
}
