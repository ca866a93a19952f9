//! Diagnostics: messages in Seq terms attached to a place in the Seq source.
//!
//! A [`Span`] carries both a line/column range (for text front-ends and for messages that
//! refer to another token, such as "the String was pushed by `"a"` at 4:9") and the
//! `proc_macro2` spans of its first and last Rust token, so that `compile_error!` points
//! rustc at exactly the Seq word, even when Rust split that word into several tokens.

use proc_macro2::{Ident, Span as RustSpan, TokenStream, TokenTree};
use std::fmt;

/// A position in the source: 1-based line, 0-based column (in characters), and which
/// file (0: the `seq!` input or the one text compiled; others: `.seq` files, see
/// [`Sources`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// The file (0 for the macro input).
    pub file: u32,
    /// 1-based line.
    pub line: usize,
    /// 0-based column, counted in characters.
    pub column: usize,
}

impl Pos {
    /// The start of a file.
    pub fn start_of(file: u32) -> Pos {
        Pos {
            file,
            line: 1,
            column: 0,
        }
    }
}

impl fmt::Display for Pos {
    /// `4:9`, or `lib.seq:4:9` in a `.seq` file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Sources::name(self.file) {
            Some(name) => write!(f, "{name}:{}:{}", self.line, self.column + 1),
            None => write!(f, "{}:{}", self.line, self.column + 1),
        }
    }
}

/// The `.seq` files of the compilation running on this thread, so that positions name
/// their file and errors can quote their line. Set for the duration of a file compilation
/// by [`Sources::scope`].
pub struct Sources;

/// One source file: the name it is shown by, and its text.
#[derive(Clone, Debug)]
pub struct SourceText {
    /// As shown in messages: a path relative to the crate, or `std:NAME`.
    pub name: String,
    /// The text.
    pub text: String,
}

thread_local! {
    static SOURCES: std::cell::RefCell<Vec<SourceText>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Sources {
    /// Registers a file; returns its id (from 1).
    pub fn add(source: SourceText) -> u32 {
        SOURCES.with(|s| {
            let mut s = s.borrow_mut();
            s.push(source);
            s.len() as u32
        })
    }

    /// Runs `f` with a fresh table, restoring the previous one afterwards.
    pub fn scope<T>(f: impl FnOnce() -> T) -> T {
        let outer = SOURCES.with(|s| std::mem::take(&mut *s.borrow_mut()));
        let result = f();
        SOURCES.with(|s| *s.borrow_mut() = outer);
        result
    }

    fn name(file: u32) -> Option<String> {
        Self::get(file).map(|s| s.name)
    }

    fn get(file: u32) -> Option<SourceText> {
        let index = (file as usize).checked_sub(1)?;
        SOURCES.with(|s| s.borrow().get(index).cloned())
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
        if self.span.start.file != 0 {
            // In a `.seq` file: at the macro call, naming the file and quoting the line.
            return syn::Error::new(RustSpan::call_site(), self.render_in_file())
                .to_compile_error();
        }
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

impl Diagnostic {
    /// The message for an error in a `.seq` file, which rustc cannot point into: the
    /// first line, then `--> file:line:column`, the source line with a caret under the
    /// token, and the notes.
    pub fn render_in_file(&self) -> String {
        let (first, rest) = match self.message.split_once('\n') {
            Some((first, rest)) => (first, Some(rest)),
            None => (self.message.as_str(), None),
        };
        let mut out = format!("{first}\n --> {}", self.span.start);
        if let Some(source) = Sources::get(self.span.start.file) {
            let line_no = self.span.start.line;
            if let Some(line) = source.text.lines().nth(line_no.saturating_sub(1)) {
                let width = line_no.to_string().len();
                let start = self.span.start.column;
                let len = if self.span.end.line == line_no {
                    self.span.end.column.saturating_sub(start).max(1)
                } else {
                    line.chars().count().saturating_sub(start).max(1)
                };
                let pad = " ".repeat(width);
                out.push_str(&format!(
                    "\n{pad} |\n{line_no} | {line}\n{pad} | {}{}",
                    " ".repeat(start),
                    "^".repeat(len)
                ));
            }
        }
        if let Some(rest) = rest {
            out.push('\n');
            out.push_str(rest);
        }
        out
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
