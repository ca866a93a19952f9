//! How values print: [`std::fmt::Display`] is what `string.join` and the printing words
//! show (a String as its text, a Float in its shortest form, a Symbol with its colon, a
//! list as `[1, 2]`, a variant as `:tag(1, "a")`, a map as `{"k": 1}`);
//! [`std::fmt::Debug`] quotes strings.

use super::Value;
use std::fmt;

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::String(s) => f.write_str(s),
            other => fmt::Debug::fmt(other, f),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(n) => write!(f, "{n}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Symbol(s) => write!(f, "{s}"),
            Value::Variant(v) if v.is_list() => f.debug_list().entries(v.fields().iter()).finish(),
            Value::Variant(v) => {
                write!(f, "{}(", v.tag())?;
                for (i, field) in v.fields().iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{field:?}")?;
                }
                f.write_str(")")
            }
            Value::Map(m) => f.debug_map().entries(m.iter()).finish(),
            Value::Other(o) => write!(f, "<{}>", o.name()),
        }
    }
}
