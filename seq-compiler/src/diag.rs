//! Diagnostics: messages in Seq terms attached to a place in the Seq source.
//!
//! A [`Span`] carries both a line/column range (for text front-ends and for messages that
//! refer to another token, such as "the String was pushed by `"a"` at 4:9") and the
//! `proc_macro2` spans of its first and last Rust token, so that `compile_error!` points
//! rustc at exactly the Seq word, even when Rust split that word into several tokens.

use proc_macro2::{Ident, Span as RustSpan, TokenStream, TokenTree};
use std::fmt;

/// A position in the source: 1-based line, 0-based column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 0-based column, counted in characters.
    pub column: usize,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column + 1)
    }
}

/// Where a Seq token (or a run of tokens) stands in the source.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    /// First character.
    pub start: Pos,
    /// One past the last character.
    pub end: Pos,
    pub(crate) first: RustSpan,
    pub(crate) last: RustSpan,
}

impl Span {
    /// A span for text that did not come from Rust tokens.
    pub(crate) fn text(start: Pos, end: Pos) -> Span {
        Span {
            start,
            end,
            first: RustSpan::call_site(),
            last: RustSpan::call_site(),
        }
    }

    /// The span from the start of `self` to the end of `other`.
    pub(crate) fn to(self, other: Span) -> Span {
        Span {
            start: self.start,
            end: other.end,
            first: self.first,
            last: other.last,
        }
    }

    /// The Rust span generated code should carry to point at this token.
    pub(crate) fn rust(self) -> RustSpan {
        self.first
    }
}

/// One compile error: a message at a place.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// Where the error is.
    pub span: Span,
    /// What is wrong, in Seq terms; may span several lines (notes follow the first line).
    pub message: String,
}

impl Diagnostic {
    /// An error at `span`.
    pub(crate) fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
        }
    }

    /// Appends a note line to the message.
    pub(crate) fn note(mut self, note: impl AsRef<str>) -> Diagnostic {
        self.message.push_str("\n= note: ");
        self.message.push_str(note.as_ref());
        self
    }

    /// Appends a help line to the message.
    pub(crate) fn help(mut self, help: impl AsRef<str>) -> Diagnostic {
        self.message.push_str("\n= help: ");
        self.message.push_str(help.as_ref());
        self
    }

    fn to_compile_error(&self) -> TokenStream {
        // `new_spanned` takes the first and the last token's span, so rustc underlines the
        // whole Seq word even when it was several Rust tokens.
        let ends: TokenStream = [
            TokenTree::Ident(Ident::new("__seq", self.span.first)),
            TokenTree::Ident(Ident::new("__seq", self.span.last)),
        ]
        .into_iter()
        .collect();
        syn::Error::new_spanned(ends, &self.message).to_compile_error()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.span.start, self.message)
    }
}

/// Every error found in one program, in source order.
#[derive(Clone, Debug)]
pub struct Diagnostics(pub(crate) Vec<Diagnostic>);

impl Diagnostics {
    /// The individual errors.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// How many errors there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none (never true for a returned `Err`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One `compile_error!` per error, each spanned on its Seq token.
    pub fn to_compile_errors(&self) -> TokenStream {
        self.0.iter().map(Diagnostic::to_compile_error).collect()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
