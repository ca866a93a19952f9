//! The macros over `.seq` files, as plain functions from the macro's input to Rust tokens
//! (the `seq-macros` crate only forwards to them):
//!
//! - `include_seq!("path.seq")`: the file's words as items at the call site;
//! - `program!("app.seq")`: those items in a module, and a `fn main` that runs the Seq
//!   word `main` as the root strand (`( -- )` exits 0, `( -- Int )` with the Int); a
//!   `main` that waits runs as a future (`run_main_async(async { program::main_async()
//!   .await })`);
//! - `seq_tests!("test-x.seq")`: those items in a module, and a `#[test]` per word named
//!   `test-*` whose effect is `( -- )`, named by the name-mapping rule.
//!
//! Paths are relative to the crate's directory (`CARGO_MANIFEST_DIR`), or else to the
//! directory of the Rust file that calls the macro. Every file read is
//! named in an `include_str!` so that editing it rebuilds the crate; errors are
//! `compile_error!`s at the path literal naming the file, line and column.

use crate::{compile_file, FileOutput};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use std::path::{Path, PathBuf};

/// `include_seq!("path.seq")`
pub fn include_seq(input: TokenStream, bases: &[PathBuf]) -> TokenStream {
    with_file(input, bases, TokenStream::new(), |out, _, _| Ok(out.tokens))
}

/// `program!("app.seq")`
pub fn program(input: TokenStream, bases: &[PathBuf]) -> TokenStream {
    // On an error, an empty `main` keeps rustc from adding "`main` function not found"
    // to the real message.
    let placeholder = quote!(
        fn main() {}
    );
    with_file(input, bases, placeholder, |out, span, _| {
        let Some(main) = out.words.iter().find(|w| w.name == "main") else {
            return Err(syn::Error::new(span, "the program has no word `main`: write `: main ( -- ) ... ;` or `: main ( -- Int ) ... ;`"));
        };
        // A `main` that waits runs as a future: its strand holds no stack while it waits.
        let main_async = main
            .async_rust
            .as_ref()
            .map(|name| Ident::new(name, Span::call_site()));
        let call = match (&main_async, main.effect.as_str()) {
            (None, "( -- )") => quote!({
                program::main();
                0
            }),
            (None, "( -- Int )") => quote!(program::main()),
            (Some(main), "( -- )") => quote!(async {
                program::#main().await;
                0
            }),
            (Some(main), "( -- Int )") => quote!(async { program::#main().await }),
            _ => {
                return Err(syn::Error::new(
                    span,
                    format!(
                        "`main` is declared {}, but a program's `main` is `( -- )` or `( -- Int )`",
                        main.effect
                    ),
                ))
            }
        };
        let run = match main_async {
            Some(_) => quote!(::seq::runtime::run_main_async(#call)),
            None => quote!(::seq::runtime::run_main(|| #call)),
        };
        let items = out.tokens;
        Ok(quote! {
            /// The program's Seq words.
            #[allow(dead_code, non_snake_case, clippy::all)]
            mod program {
                #[allow(unused_imports)]
                use super::*;
                #items
            }

            fn main() {
                #run
            }
        })
    })
}

/// `seq_tests!("test-x.seq")`
pub fn seq_tests(input: TokenStream, bases: &[PathBuf]) -> TokenStream {
    with_file(input, bases, TokenStream::new(), |out, span, path| {
        let stem = path
            .file_stem()
            .map_or(String::new(), |s| s.to_string_lossy().into_owned());
        let module = format_ident!(
            "seq_{}",
            crate::names::hidden_name(&stem).trim_start_matches("__seq_")
        );
        let tests: Vec<TokenStream> = out
            .words
            .iter()
            .filter(|w| w.name.starts_with("test-") && w.effect == "( -- )")
            .map(|w| {
                let rust = Ident::new(w.rust.trim_start_matches("r#"), Span::call_site());
                let name = &w.name;
                quote_spanned! {span=>
                    #[test]
                    fn #rust() {
                        ::seq::runtime::testing::run(#name, #module::#rust);
                    }
                }
            })
            .collect();
        if tests.is_empty() {
            return Err(syn::Error::new(
                span,
                "no tests: a test is a word named `test-...` whose effect is `( -- )`",
            ));
        }
        let items = out.tokens;
        Ok(quote! {
            #[allow(dead_code, non_snake_case, clippy::all)]
            mod #module {
                #[allow(unused_imports)]
                use super::*;
                #items
            }
            #(#tests)*
        })
    })
}

/// Reads the path literal, compiles the file, and finishes with `finish` (or the errors),
/// plus the tracking of every file read.
fn with_file(
    input: TokenStream,
    bases: &[PathBuf],
    on_error: TokenStream,
    finish: impl FnOnce(FileOutput, Span, &Path) -> Result<TokenStream, syn::Error>,
) -> TokenStream {
    let literal: syn::LitStr = match syn::parse2(input) {
        Ok(literal) => literal,
        Err(e) => {
            let error = syn::Error::new(
                e.span(),
                "expected the path of a `.seq` file, relative to the crate: `(\"src/app.seq\")`",
            )
            .to_compile_error();
            return quote!(#error #on_error);
        }
    };
    let span = literal.span();
    let Some(base) = bases.iter().find(|b| b.join(literal.value()).is_file()) else {
        let error = syn::Error::new(
            span,
            format!(
                "there is no file `{}`: a path is relative to the crate's directory or to the directory of the file that calls the macro",
                literal.value(),
            ),
        )
        .to_compile_error();
        return quote!(#error #on_error);
    };
    let path = base.join(literal.value());
    let (result, read) = compile_file(&path, base);
    let tracking = tracking(&read);
    let body = match result {
        Ok(out) => finish(out, span, &path)
            .unwrap_or_else(|e| [e.to_compile_error(), on_error].into_iter().collect()),
        Err(messages) => messages
            .iter()
            .map(|m| syn::Error::new(span, m).to_compile_error())
            .chain([on_error])
            .collect(),
    };
    quote!(#tracking #body)
}

/// `const _: &str = include_str!("/abs/file.seq");` per file: rustc then rebuilds the
/// crate when one changes.
pub(crate) fn tracking(read: &[PathBuf]) -> TokenStream {
    read.iter()
        .map(|p| {
            let p = p.canonicalize().unwrap_or_else(|_| p.clone());
            let p = p.display().to_string();
            quote!(
                const _: &str = include_str!(#p);
            )
        })
        .collect()
}
