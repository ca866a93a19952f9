//! The Seq compiler behind `seq!`: Seq source in, Rust items out.
//!
//! The pipeline is one module per stage:
//! [`lex`] (tokens from a proc macro's input or from `.seq` text) → [`parse`] (the syntax
//! tree, [`ast`]) → [`check`] (row-polymorphic stack effects, diagnostics, a typed IR) →
//! [`emit`] (Rust tokens). The builtin words are one table, [`builtins`]; [`reference`] generates the
//! reference pages of `docs/` from it.
//!
//! The compiler never panics on any input: every malformed program is a [`Diagnostics`]
//! whose spans point at the offending Seq token.

#![warn(missing_docs)]

pub mod ast;
pub mod builtins;
pub mod check;
mod diag;
pub mod emit;
pub mod file_macros;
pub mod files;
pub mod lex;
mod names;
pub mod parse;
pub mod reference;
mod suggest;
pub mod types;
pub mod uses;

pub use diag::{Diagnostic, Diagnostics, Pos, SourceText, Sources, Span};
pub use names::rust_name;

use proc_macro2::TokenStream;
use std::path::{Path, PathBuf};

/// Compiles the body of a `seq!` invocation. Rust splits Seq words such as `i.+` into
/// several tokens; they are joined again by their source positions, so the tokens must
/// come from real source (a proc macro's input, or text parsed into a `TokenStream`).
/// Without a directory to read files from, a `use` declaration is an error: the macro
/// calls [`compile_in`].
pub fn compile(tokens: TokenStream) -> Result<TokenStream, Diagnostics> {
    compile_in(tokens, &[])
}

/// Compiles the body of a `seq!` invocation whose `use` declarations name files relative
/// to the first of `bases` that has them (the crate's directory, then the calling file's);
/// an unknown word that a `.seq` file under the bases defines gets a hint ([`uses`]).
pub fn compile_in(tokens: TokenStream, bases: &[PathBuf]) -> Result<TokenStream, Diagnostics> {
    let tokens = lex::tokens::lex(tokens)?;
    Sources::scope(|| compile_tokens(&tokens, bases))
}

/// Compiles Seq source text (`#` comments, Seq string escapes).
pub fn compile_str(source: &str) -> Result<TokenStream, Diagnostics> {
    let tokens = lex::text::lex(source)?;
    Sources::scope(|| compile_tokens(&tokens, &[]))
}

fn compile_tokens(tokens: &[lex::Token], bases: &[PathBuf]) -> Result<TokenStream, Diagnostics> {
    let mut program = parse::parse_all(tokens)?;
    files::Loader::new(Path::new(".")).resolve(&mut program, None)?;
    let mut read = Vec::new();
    uses::resolve(&mut program, bases, &mut read)?;
    let checked = check::check(&program).map_err(|mut errors| {
        uses::hint::add_hints(&mut errors, bases);
        errors
    })?;
    let mut out = file_macros::tracking(&read);
    out.extend(emit::emit(&checked, emit::Entry::ExitWithMain));
    Ok(out)
}

/// A compiled `.seq` file.
pub struct FileOutput {
    /// The Rust items.
    pub tokens: TokenStream,
    /// The words that became functions: Seq name, Rust name, declared effect.
    pub words: Vec<WordSummary>,
}

/// What the macros need to know of a compiled word.
pub struct WordSummary {
    /// The Seq name.
    pub name: String,
    /// The Rust function's name.
    pub rust: String,
    /// The declared effect, as Seq writes it.
    pub effect: String,
    /// How many inputs and outputs.
    pub arity: (usize, usize),
    /// For a word that waits, the Rust name of its `async fn` form.
    pub async_rust: Option<String>,
}

/// Compiles the `.seq` file at `path` with its includes; paths in messages are relative
/// to `root`. Returns the output, or every error rendered with its file, line and source
/// line; and in both cases every file read (for rebuild tracking).
pub fn compile_file(path: &Path, root: &Path) -> (Result<FileOutput, Vec<String>>, Vec<PathBuf>) {
    Sources::scope(|| {
        let mut loader = files::Loader::new(root);
        let result = loader.load(path).and_then(|program| {
            let checked = check::check(&program)?;
            let waits = emit::waits::Waits::new(&checked.words);
            let words = checked
                .words
                .iter()
                .map(|w| WordSummary {
                    name: w.name.to_string(),
                    rust: w.rust.clone(),
                    effect: types::show_sig(&w.sig),
                    arity: (w.sig.input.items.len(), w.sig.output.items.len()),
                    async_rust: waits.async_name(&w.rust).map(str::to_string),
                })
                .collect();
            Ok(FileOutput {
                tokens: emit::emit(&checked, emit::Entry::Plain),
                words,
            })
        });
        let result =
            result.map_err(|errors| errors.iter().map(Diagnostic::render_in_file).collect());
        (result, loader.read)
    })
}
