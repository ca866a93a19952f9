//! `Symbol`: Seq's interned tags (`:name`).
//!
//! A symbol is a `&'static str`: copying one copies a pointer and a length, comparing two
//! compares their names (short strings). Literals in generated code point at the program's
//! own string constants; `string->symbol` interns its name in a process-wide table, so each
//! distinct name made at run time is leaked once and only once.
//!
//! Invariant: two symbols are equal exactly when their names are equal, wherever their
//! storage came from.

use std::collections::HashSet;
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// An interned tag. The default symbol has the empty name.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Symbol(&'static str);

impl Symbol {
    /// A symbol literal `:name` (the name without the colon).
    pub const fn new(name: &'static str) -> Symbol {
        Symbol(name)
    }

    /// `string->symbol ( String -- Symbol )`: the symbol with this name (without the `:`).
    pub fn intern(name: &str) -> Symbol {
        static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
        let mut names = NAMES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(known) = names.get(name) {
            return Symbol(known);
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        names.insert(leaked);
        Symbol(leaked)
    }

    /// The name, without the `:`.
    pub fn name(self) -> &'static str {
        self.0
    }

    /// `symbol->string ( Symbol -- String )`: the name, without the `:`.
    pub fn to_text(self) -> String {
        self.0.to_owned()
    }
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ":{}", self.0)
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ":{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_and_literal_symbols_compare_by_name() {
        let made = Symbol::intern(&format!("{}-{}", "ok", "go"));
        assert_eq!(made, Symbol::new("ok-go"));
        assert_eq!(
            Symbol::intern("ok-go").name().as_ptr(),
            made.name().as_ptr()
        );
        assert_ne!(made, Symbol::new("ok"));
        assert_eq!(made.to_text(), "ok-go");
        assert_eq!(format!("{made:?}"), ":ok-go");
        assert_eq!(Symbol::default().name(), "");
    }
}
