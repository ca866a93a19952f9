//! The builtin words: one table entry per word ([`all`], the tables listed in [`GROUPS`]:
//! `table.rs` for the stack, Ints and bits, `floats.rs`, `text.rs` for Strings and I/O,
//! `collections.rs`, `combinators.rs`, `strands.rs`, `dynamic.rs` for symbols, variants
//! and weaves, `testing.rs`, `system.rs` for signals, the OS and the terminal, `codecs.rs`,
//! `files.rs`, `net.rs` and `web.rs`), with its stack effect (in Seq syntax), a one-line
//! meaning (the reference, `docs/words.md`, is generated from it) and how it is emitted.
//! Adding a builtin means adding one entry there (and, for a verbose name, one line in
//! [`ALIASES`]). A word that can wait carries its asynchronous form in the same entry
//! (the `waits` field of [`Builtin`]).
//!
//! Emission kinds:
//! - [`Emit::Code`]: a Rust expression over the input expressions, whose value is the
//!   output (a tuple when there are several). Inputs are always side-effect-free (a local
//!   or a literal), so an input may appear more than once in the expression.
//! - [`Emit::Fallback`]: as `Code`, also given an expression for the first output's
//!   default value (reads of missing elements; function pointers have no `Default`).
//! - [`Emit::Typed`]: as `Code`, also given the Seq and Rust types of the inputs and
//!   outputs (Variant fields store and check the Seq type of what they hold).
//! - [`Emit::Located`]: as `Code`, also given the word's position (test assertions).
//! - [`Emit::Inputs`]: as `Code`, also told which inputs are string literals and which
//!   are at their last use ([`Input`]): a literal need not become a `String` where a
//!   `&str` does, and a borrowed input at its last use may be taken by value
//!   (`string.concat` reuses its buffer).
//! - [`Emit::Shuffle`]: outputs are inputs, by index (bottom first); no code at all (a
//!   duplicated value is shared, and cloned later only where a move needs its own copy).
//! - [`Emit::Special`]: combinators, loops, `pick`/`roll`, the aux stack and
//!   `strand.spawn`, which the checker and the emitter handle by name; their effect in the
//!   table is for documentation and messages.
//!
//! Int is `i64` with wrapping arithmetic; see the README for the differences from
//! upstream's 63-bit Int.

// `code!(|a, b| ..)`: an `Emit::Code` over the inputs, named in order (`#a`, `#b`).
macro_rules! code {
    (|| $($body:tt)*) => {
        Emit::Code(|_| quote!($($body)*))
    };
    (|$($arg:ident),*| $($body:tt)*) => {
        Emit::Code(|args| {
            let [$($arg),*] = args else { unreachable!("the checker passes one input per declared input") };
            quote!($($body)*)
        })
    };
}

// `with_fallback!(|a; d| ..)`: an `Emit::Fallback`; `#d` is the fallback value.
macro_rules! with_fallback {
    (|$($arg:ident),*; $fallback:ident| $($body:tt)*) => {
        Emit::Fallback(|args, $fallback| {
            let [$($arg),*] = args else { unreachable!("the checker passes one input per declared input") };
            quote!($($body)*)
        })
    };
}

mod codecs;
mod collections;
mod combinators;
mod dynamic;
mod files;
mod floats;
mod net;
mod strands;
mod system;
mod table;
mod testing;
mod text;
mod web;

pub use codecs::CODECS;
pub use collections::COLLECTIONS;
pub use combinators::COMBINATORS;
pub use dynamic::DYNAMIC;
pub use files::FILES;
pub use floats::FLOATS;
pub use net::NET;
pub use strands::STRANDS;
pub use system::SYSTEM;
pub use table::BUILTINS;
pub use testing::TESTING;
pub use text::TEXT;
pub use web::WEB;

/// One table of builtins: a family of words, as the reference (`docs/words.md`) shows
/// them.
pub struct Group {
    /// The family's title.
    pub title: &'static str,
    /// What the family's words have in common (Markdown, one paragraph).
    pub about: &'static str,
    /// Its words, in table order.
    pub words: &'static [Builtin],
}

/// Every table, in order: [`all`] and the reference go through these.
pub static GROUPS: &[Group] = &[
    Group {
        title: "Stack, integers and bits",
        about: "Shuffles move values without looking at them. Int is a 64-bit integer whose \
            arithmetic wraps; `i./`, `i.%` and `i.pow` leave a success flag instead of \
            failing. `pick`, `roll` take their depth as an Int literal written right before \
            them; `>aux` and `aux>` must balance within one word or quotation.",
        words: BUILTINS,
    },
    Group {
        title: "Floats and conversions",
        about: "Float is an IEEE `f64`: division by zero gives an infinity or NaN, never a \
            failure. Conversions from text leave a success flag.",
        words: FLOATS,
    },
    Group {
        title: "Strings, I/O and time",
        about: "Indexes and lengths of Strings count characters (`string.byte-length` \
            counts bytes). Strings are never changed in place: a word gives a new one.",
        words: TEXT,
    },
    Group {
        title: "Lists and maps",
        about: "Lists and maps are immutable values: `list.push`, `map.set` and the others \
            give a new collection and leave any other copy as it was. Maps keep their keys \
            in order. A read that finds nothing leaves the type's default value and `false`.",
        words: COLLECTIONS,
    },
    Group {
        title: "Combinators and loops",
        about: "Quotations (`[ ... ]`) run by these words; each is compiled inline, so a \
            literal quotation costs no call. `..a` is the rest of the stack, which the \
            quotation may use and change as the effect says.",
        words: COMBINATORS,
    },
    Group {
        title: "Strands, channels and time",
        about: "Strands are green threads; channels carry values of one type between them. \
            A word that waits has an asynchronous form that holds no stack while it waits \
            (see `docs/strands.md`).",
        words: STRANDS,
    },
    Group {
        title: "Symbols, variants, SON and weaves",
        about: "A Variant is a tagged record of dynamically typed fields: a read names the \
            type its context needs, and a field of another type is a runtime error naming \
            both. A weave is a generator: its body yields values to the strand resuming it.",
        words: DYNAMIC,
    },
    Group {
        title: "Testing",
        about: "For `seq_tests!` and `test-` words: an assertion records a failure with its \
            position and the test goes on; the test fails at its end with every failure.",
        words: TESTING,
    },
    Group {
        title: "Signals, standard input, the OS and the terminal",
        about: "Signals are trapped into flags that the program polls; the signal numbers \
            are the platform's. A word with a flag gives `false` and an empty or zero value \
            when the system cannot answer.",
        words: SYSTEM,
    },
    Group {
        title: "Encodings, cryptography, compression and regular expressions",
        about: "Digests, keys, signatures and random bytes are lower-case hex; ciphertexts \
            and compressed data are Base64. Inputs are the bytes their Strings stand for. \
            Bad input gives `false` (and an empty result, or the text unchanged), never a \
            failure. Regex words take the text, then the pattern. Cryptography, compression \
            and regex need the runtime's cargo features of those names (on by default).",
        words: CODECS,
    },
    Group {
        title: "Files and directories",
        about: "Paths and contents are byte strings; every failure is a `false` flag.",
        words: FILES,
    },
    Group {
        title: "Networking",
        about: "Sockets are handles: words borrow them, and closing is explicit (or happens \
            when the last copy is dropped). Failures are a `false` flag with zero values. \
            Words that wait for the network have an asynchronous form.",
        words: NET,
    },
    Group {
        title: "TLS and HTTP",
        about: "An HTTP word gives a response map (`Map<String, Variant>`): `\"status\"`, \
            `\"body\"`, `\"ok\"`, and `\"error\"` when no response arrived. These need \
            the runtime's `tls` and `http` features (on by default).",
        words: WEB,
    },
];

/// Every builtin of the table.
pub fn all() -> impl Iterator<Item = &'static Builtin> {
    GROUPS.iter().flat_map(|group| group.words)
}

use crate::check::ir::Loop;
use crate::types::SigEffect;
use proc_macro2::TokenStream;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One input of an [`Emit::Inputs`] builtin.
pub struct Input<'a> {
    /// The expression that consumes it (the value itself where the builtin borrows it,
    /// see [`Builtin::by_ref`]).
    pub expr: TokenStream,
    /// Its text, if it is a string literal.
    pub text: Option<&'a str>,
    /// Whether this is its last use (a constant, or a local that no other slot and no
    /// other input holds): a borrowed input may then be moved instead, its buffer reused.
    pub last_use: bool,
}

impl Input<'_> {
    /// The input as a `&str`: a string literal itself (no `String` is made for it), else
    /// a reference to the value.
    pub fn as_str(&self) -> TokenStream {
        match self.text {
            Some(text) => {
                let text = proc_macro2::Literal::string(text);
                quote::quote!(#text)
            }
            None => {
                let expr = &self.expr;
                quote::quote!(&#expr)
            }
        }
    }

    /// The input as a Rust string literal, if it is a string literal other than "".
    pub fn literal(&self) -> Option<proc_macro2::Literal> {
        self.text
            .filter(|text| !text.is_empty())
            .map(proc_macro2::Literal::string)
    }
}

/// How a builtin turns into Rust.
#[derive(Clone, Copy, Debug)]
pub enum Emit {
    /// An expression over the inputs.
    Code(fn(&[TokenStream]) -> TokenStream),
    /// An expression over the inputs and a fallback value of the first output's type (the
    /// "default" a read of a missing element returns; the compiler writes it for the type).
    Fallback(fn(&[TokenStream], &TokenStream) -> TokenStream),
    /// An expression over the inputs and the types of inputs and outputs.
    Typed(fn(&[TokenStream], &Types) -> TokenStream),
    /// An expression over the inputs and where the word is written (`file.seq:4:9`).
    Located(fn(&[TokenStream], &str) -> TokenStream),
    /// An expression over the inputs, each with what the emitter knows of it ([`Input`]).
    Inputs(fn(&[Input]) -> TokenStream),
    /// A pure permutation/copy of the inputs.
    Shuffle(&'static [usize]),
    /// Handled by name in the checker and the emitter.
    Special(Special),
}

/// The types of one use of a [`Emit::Typed`] builtin, bottom first.
pub struct Types {
    /// The inputs' types.
    pub inputs: Vec<SlotType>,
    /// The outputs' types.
    pub outputs: Vec<SlotType>,
}

/// One slot's type, for generated code.
pub struct SlotType {
    /// An expression for the Seq type's name (`"Int"`, or `type_name::<T>()` for a generic).
    pub seq: TokenStream,
    /// The Rust type.
    pub rust: TokenStream,
    /// A value of it, for reads that find nothing.
    pub default: TokenStream,
}

/// Builtins with their own checking and emission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    /// `call`
    Call,
    /// `dip`
    Dip,
    /// `keep`
    Keep,
    /// `bi`
    Bi,
    /// `if` (the combinator)
    If,
    /// `when`
    When,
    /// `unless`
    Unless,
    /// A counting, list, map or file loop (`times`, `each-integer`, `integer-fold`,
    /// `list.each/map/filter/fold`, `map.each/fold`, `file.for-each-line`).
    Loop(Loop),
    /// `n pick`
    Pick,
    /// `n roll`
    Roll,
    /// `>aux`
    ToAux,
    /// `aux>`
    FromAux,
    /// `strand.spawn`
    Spawn,
    /// `strand.weave`
    Weave,
    /// `n cond`
    Cond,
    /// `while`
    While,
    /// `until`
    Until,
    /// `stack.dump`: prints every slot of the stack the word knows as SON and drops them.
    StackDump,
}

/// One builtin word.
#[derive(Debug)]
pub struct Builtin {
    /// The Seq name.
    pub name: &'static str,
    /// Its stack effect, in Seq syntax.
    pub effect: &'static str,
    /// What it does, in one line (for the reference): results, and what it gives on
    /// failure.
    pub doc: &'static str,
    /// How it is emitted.
    pub emit: Emit,
    /// Inputs the code only uses by reference (bottom first): a duplicated value passed
    /// there is not cloned.
    pub borrows: &'static [usize],
    /// For a word that can wait (a receive, a send on a full bounded channel, a sleep, a
    /// yield, a resume): its form in asynchronous code (a word's `_async` version, a
    /// spawned future, a weave body without a stack), an expression that `.await`s, over
    /// the same inputs as `emit`.
    pub waits: Option<Emit>,
}

/// A table entry whose inputs are all consumed (see [`Builtin::by_ref`]).
const fn b(name: &'static str, effect: &'static str, emit: Emit) -> Builtin {
    Builtin {
        name,
        effect,
        doc: "",
        emit,
        borrows: &[],
        waits: None,
    }
}

impl Builtin {
    /// Marks inputs the code uses by reference.
    const fn by_ref(self, borrows: &'static [usize]) -> Builtin {
        Builtin { borrows, ..self }
    }

    /// Sets the one-line meaning.
    const fn doc(self, doc: &'static str) -> Builtin {
        Builtin { doc, ..self }
    }

    /// Marks a word that can wait, with its form in asynchronous code.
    const fn waits(self, form: Emit) -> Builtin {
        Builtin {
            waits: Some(form),
            ..self
        }
    }
}

/// Verbose names of builtins: (alias, table name).
pub static ALIASES: &[(&str, &str)] = &[
    ("i.add", "i.+"),
    ("i.subtract", "i.-"),
    ("i.multiply", "i.*"),
    ("i.divide", "i./"),
    ("i.modulo", "i.%"),
    ("negate", "i.neg"),
    ("i.eq", "i.="),
    ("i.neq", "i.<>"),
    ("i.lt", "i.<"),
    ("i.gt", "i.>"),
    ("i.lte", "i.<="),
    ("i.gte", "i.>="),
    ("f.add", "f.+"),
    ("f.subtract", "f.-"),
    ("f.multiply", "f.*"),
    ("f.divide", "f./"),
    ("f.eq", "f.="),
    ("f.neq", "f.<>"),
    ("f.lt", "f.<"),
    ("f.gt", "f.>"),
    ("f.lte", "f.<="),
    ("f.gte", "f.>="),
    ("wrap-0", "variant.make-0"),
    ("wrap-1", "variant.make-1"),
    ("wrap-2", "variant.make-2"),
    ("wrap-3", "variant.make-3"),
    ("wrap-4", "variant.make-4"),
    ("wrap-5", "variant.make-5"),
    ("wrap-6", "variant.make-6"),
    ("wrap-7", "variant.make-7"),
    ("wrap-8", "variant.make-8"),
    ("wrap-9", "variant.make-9"),
    ("wrap-10", "variant.make-10"),
    ("wrap-11", "variant.make-11"),
    ("wrap-12", "variant.make-12"),
];

/// Builtins that upstream defines in its standard modules (`std:control`, `std:loops`): a
/// program may define its own, which then replaces the builtin in that program.
pub static LIBRARY: &[&str] = &[
    "when",
    "unless",
    "times",
    "each-integer",
    "integer-fold",
    "while",
    "until",
];

/// Arithmetic sugar: (word, its Int meaning, its Float meaning, its String meaning). The
/// word means the builtin for the type both operands on the stack have: `+` on two
/// Strings concatenates and `=` compares them, as upstream's do; no other sugar takes
/// Strings, and `%` takes only Ints.
pub static SUGAR: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    ("+", "i.+", Some("f.+"), Some("string.concat")),
    ("-", "i.-", Some("f.-"), None),
    ("*", "i.*", Some("f.*"), None),
    ("/", "i./", Some("f./"), None),
    ("%", "i.%", None, None),
    ("=", "i.=", Some("f.="), Some("string.equal?")),
    ("<", "i.<", Some("f.<"), None),
    (">", "i.>", Some("f.>"), None),
    ("<=", "i.<=", Some("f.<="), None),
    (">=", "i.>=", Some("f.>="), None),
    ("<>", "i.<>", Some("f.<>"), None),
];

/// A builtin with its parsed signature.
pub struct Entry {
    /// The table entry.
    pub builtin: &'static Builtin,
    /// Its effect as a signature.
    pub sig: SigEffect,
}

/// Looks a builtin up by name.
pub fn lookup(name: &str) -> Option<&'static Entry> {
    static TABLE: OnceLock<HashMap<&'static str, Entry>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            all()
                .map(|builtin| {
                    let sig = crate::check::sig::parse_builtin_effect(builtin.effect);
                    (builtin.name, Entry { builtin, sig })
                })
                .collect()
        })
        .get(
            ALIASES
                .iter()
                .find(|(alias, _)| *alias == name)
                .map_or(name, |(_, to)| to),
        )
}

/// Every builtin name and sugar word, for suggestions.
pub fn names() -> impl Iterator<Item = &'static str> {
    all().map(|b| b.name).chain(SUGAR.iter().map(|s| s.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_effect_parses_and_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (alias, to) in ALIASES {
            assert!(seen.insert(*alias), "duplicate name {alias}");
            assert!(lookup(alias).is_some_and(|e| e.builtin.name == *to));
        }
        for builtin in all() {
            assert!(
                seen.insert(builtin.name),
                "duplicate builtin {}",
                builtin.name
            );
            let doc = builtin.doc;
            assert!(
                !doc.is_empty() && doc.ends_with('.') && !doc.contains(['\n', '|']),
                "{}: every builtin needs a one-line meaning ending in a period, without `|`",
                builtin.name
            );
            let entry = lookup(builtin.name).expect("in the table");
            if let Emit::Shuffle(outputs) = builtin.emit {
                assert!(outputs.iter().all(|&i| i < entry.sig.input.items.len()));
                assert_eq!(
                    outputs.len(),
                    entry.sig.output.items.len(),
                    "{}",
                    builtin.name
                );
            }
        }
    }
}
