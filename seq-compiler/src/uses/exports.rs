//! What a checked file offers to a `use`: its words' Rust functions and effects, why a
//! word it defines has none, and the types its effects may name, as plain data.
//!
//! Plain data because a Rust file's `seq!` blocks are read with spans of their own (see
//! [`super::rust_file`]), which must not outlive the reading: nothing here holds a span or
//! a token.

use crate::ast::{Item, Program};
use crate::check::{not_concrete, Checked};

/// Everything a file offers.
#[derive(Default)]
pub(super) struct Exports {
    /// The words that became functions.
    pub words: Vec<Export>,
    /// Words the file defines that have no function, with the reason.
    pub unusable: Vec<(String, Unusable)>,
    /// Unions and Rust types: name, and the Rust path of a `type` (`None` for a union,
    /// whose enum is in the module that compiled the file).
    pub types: Vec<(String, Option<String>)>,
    /// Words of blocks that were not read (a Rust file's blocks defining none of the words
    /// asked for): names to suggest.
    pub unread: Vec<String>,
}

/// One word that became a function.
pub(super) struct Export {
    /// The Seq name.
    pub name: String,
    /// The Rust function to call: the `_async` form for a word that waits.
    pub rust: String,
    /// Whether `rust` is an `async fn`.
    pub is_async: bool,
    /// The effect as Seq writes it.
    pub effect: String,
    /// Why another block cannot call it, if it cannot (completes "`name` ...").
    pub problem: Option<String>,
}

/// Why a word defined in the file has no function.
pub(super) enum Unusable {
    /// It takes a quotation, so it is inlined where it is used.
    Inlined,
    /// It is an `extern`: a Rust function with this path.
    Extern(String),
}

impl Exports {
    /// The exports of one checked program.
    pub fn of(program: &Program, checked: &Checked) -> Exports {
        let waits = crate::emit::waits::Waits::new(&checked.words);
        let words = checked
            .words
            .iter()
            .map(|word| {
                let effect = crate::types::show_sig(&word.sig);
                let problem = match not_concrete(&word.sig) {
                    Some(problem) => Some(format!("{effect} has {problem}: only a word whose effect names concrete types has one Rust function to call from another block")),
                    None => word.yields.is_some().then(|| {
                        "yields inside a weave: it cannot be used from another block".to_string()
                    }),
                };
                let async_rust = waits.async_name(&word.rust).map(str::to_string);
                Export {
                    name: word.name.to_string(),
                    is_async: async_rust.is_some(),
                    rust: async_rust.unwrap_or_else(|| word.rust.clone()),
                    effect,
                    problem,
                }
            })
            .collect();
        let mut unusable = Vec::new();
        let mut types = Vec::new();
        for item in &program.items {
            let name = item.name().text.clone();
            match item {
                Item::Word(_) if !checked.words.iter().any(|w| w.name == name) => {
                    unusable.push((name, Unusable::Inlined))
                }
                Item::Extern(e) => unusable.push((name, Unusable::Extern(e.path.to_string()))),
                Item::Union(_) => types.push((name, None)),
                Item::Type(t) => types.push((name, Some(t.path.to_string()))),
                _ => {}
            }
        }
        Exports {
            words,
            unusable,
            types,
            unread: Vec::new(),
        }
    }

    /// Adds another program's exports (another block of the same Rust file).
    pub fn extend(&mut self, other: Exports) {
        self.words.extend(other.words);
        self.unusable.extend(other.unusable);
        self.types.extend(other.types);
        self.unread.extend(other.unread);
    }
}
