//! The `seq!` procedural macro and the macros over `.seq` files.
//!
//! A thin shim: the whole compiler lives in `seq-compiler`, a plain library that can be
//! unit-tested and fuzzed. This crate only converts between `proc_macro` and
//! `proc_macro2` token streams and turns diagnostics into `compile_error!`s.

#![warn(missing_docs)]

use proc_macro::TokenStream;
use std::path::PathBuf;

/// Compiles the Seq program inside the braces into Rust items.
///
/// Every word definition `: name ( inputs -- outputs ) body ;` becomes a `pub fn` whose
/// parameters are the inputs (bottom of the stack first) and whose return value holds the
/// outputs. A `/// doc comment` before a definition, union, variant or field becomes the
/// rustdoc of what it generates. Stack and type errors are reported as compile errors at
/// the Seq token. `use crate::module::{ word } from "src/file.seq" ;` brings in words of
/// a `.seq` file that an `include_seq!` compiles in `crate::module`.
#[proc_macro]
pub fn seq(input: TokenStream) -> TokenStream {
    match seq_compiler::compile_in(input.into(), &bases()) {
        Ok(tokens) => tokens.into(),
        Err(diagnostics) => diagnostics.to_compile_errors().into(),
    }
}

/// Compiles a `.seq` file (path relative to the crate) into Rust items, as `seq!` does
/// for its braces; `include`s are followed and every file read is tracked for rebuilds.
#[proc_macro]
pub fn include_seq(input: TokenStream) -> TokenStream {
    seq_compiler::file_macros::include_seq(input.into(), &bases()).into()
}

/// Makes a `.seq` file the program: a `fn main` that runs its word `main` as the root
/// strand and exits with its result.
#[proc_macro]
pub fn program(input: TokenStream) -> TokenStream {
    seq_compiler::file_macros::program(input.into(), &bases()).into()
}

/// One `#[test]` per word `test-*` with effect `( -- )` of a `.seq` file.
#[proc_macro]
pub fn seq_tests(input: TokenStream) -> TokenStream {
    seq_compiler::file_macros::seq_tests(input.into(), &bases()).into()
}

/// Where a file path may be relative to: the crate's directory, then the directory of
/// the Rust file that calls the macro.
fn bases() -> Vec<PathBuf> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let caller = proc_macro::Span::call_site()
        .local_file()
        .and_then(|file| file.parent().map(|dir| manifest.join(dir)));
    std::iter::once(manifest).chain(caller).collect()
}
