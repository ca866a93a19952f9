//! The Seq compiler behind `seq!`: Seq source in, Rust items out.
//!
//! The pipeline is one module per stage:
//! [`lex`] (tokens from a proc macro's input or from `.seq` text) → [`parse`] (the syntax
//! tree, [`ast`]) → [`check`] (row-polymorphic stack effects, diagnostics, a typed IR) →
//! [`emit`] (Rust tokens). The builtin words are one table, [`builtins`].
//!
//! The compiler never panics on any input: every malformed program is a [`Diagnostics`]
//! whose spans point at the offending Seq token.

#![warn(missing_docs)]

pub mod ast;
pub mod builtins;
pub mod check;
mod diag;
pub mod emit;
pub mod lex;
mod names;
pub mod parse;
mod suggest;
pub mod types;

pub use diag::{Diagnostic, Diagnostics, Pos, Span};
pub use names::rust_name;

use proc_macro2::TokenStream;

/// Compiles the body of a `seq!` invocation. Rust splits Seq words such as `i.+` into
/// several tokens; they are joined again by their source positions, so the tokens must
/// come from real source (a proc macro's input, or text parsed into a `TokenStream`).
pub fn compile(tokens: TokenStream) -> Result<TokenStream, Diagnostics> {
    let tokens = lex::tokens::lex(tokens)?;
    compile_tokens(&tokens)
}

/// Compiles Seq source text (`#` comments, Seq string escapes).
pub fn compile_str(source: &str) -> Result<TokenStream, Diagnostics> {
    let tokens = lex::text::lex(source)?;
    compile_tokens(&tokens)
}

fn compile_tokens(tokens: &[lex::Token]) -> Result<TokenStream, Diagnostics> {
    let program = parse::parse(tokens)?;
    let checked = check::check(&program)?;
    Ok(emit::emit(&checked))
}
