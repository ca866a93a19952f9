//! The `seq!` procedural macro.
//!
//! A thin shim: the whole compiler lives in `seq-compiler`, a plain library that can be
//! unit-tested and fuzzed. This crate only converts between `proc_macro` and
//! `proc_macro2` token streams and turns diagnostics into `compile_error!`s.

#![warn(missing_docs)]

use proc_macro::TokenStream;

/// Compiles the Seq program inside the braces into Rust items.
///
/// Every word definition `: name ( inputs -- outputs ) body ;` becomes a `pub fn` whose
/// parameters are the inputs (bottom of the stack first) and whose return value holds the
/// outputs. Stack and type errors are reported as compile errors at the Seq token.
#[proc_macro]
pub fn seq(input: TokenStream) -> TokenStream {
    match seq_compiler::compile(input.into()) {
        Ok(tokens) => tokens.into(),
        Err(diagnostics) => diagnostics.to_compile_errors().into(),
    }
}
