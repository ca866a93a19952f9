//! Code generation: checked words → Rust items.
//!
//! Each word becomes `pub fn name(inputs) -> outputs`, inputs bottom of the stack first,
//! outputs `()`, one value, or a tuple bottom first, with its Seq effect as its doc
//! comment. A word that calls itself in tail position gets its body wrapped in `loop`, the
//! call becoming assignments to its parameters and `continue`. Each `extern` declaration
//! becomes a `const` that makes rustc check the Rust function against the declared effect.
//! Generated code calls the runtime as `::seq::runtime`.

mod body;
mod control;
mod locals;
pub mod rust_ty;

use crate::check::unify::Unifier;
use crate::check::{Checked, CheckedExtern, CheckedWord};
use crate::types::{show_sig, Ty};
use body::{Code, Emitter};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use rust_ty::{results, rust_ty};

/// Emits every item of a checked program.
pub fn emit(checked: &Checked) -> TokenStream {
    let mut out = TokenStream::new();
    for e in &checked.externs {
        out.extend(extern_check(e));
    }
    for word in &checked.words {
        out.extend(word_fn(word));
    }
    out
}

/// `const _: fn(f64, f64) -> f64 = path;`: rustc rejects a Rust function whose signature
/// does not match the declared effect, pointing at the path.
fn extern_check(e: &CheckedExtern) -> TokenStream {
    let mut u = Unifier::default();
    let effect = u.instantiate(&e.sig, true);
    let inputs = effect.input.items.iter().map(|t| rust_ty(&u, t));
    let output = match effect.output.items.len() {
        0 => quote!(),
        _ => {
            let r = results(&u, &effect.output.items);
            quote!(-> #r)
        }
    };
    let path = &e.path;
    let doc = format!(
        " Checks that `{}` has the Seq effect `{}`.",
        e.name,
        show_sig(&e.sig)
    );
    quote_spanned! {e.path_span.rust()=>
        #[doc = #doc]
        const _: fn(#(#inputs),*) #output = #path;
    }
}

fn word_fn(word: &CheckedWord) -> TokenStream {
    let u = &word.unifier;
    let mut emitter = Emitter::new(word);
    let mut params = Vec::new();
    for ty in &word.effect.input.items {
        let (local, value) = emitter.local(ty);
        let (b, t) = (locals::bind(local), rust_ty(u, ty));
        params.push(quote!(#b: #t));
        emitter.params.push(local);
        emitter.stack.push(value);
    }
    let mut code = Code::new();
    let body = if word.loops {
        if !emitter.block(&word.body, &mut code, true) {
            let result = emitter.result();
            code.push(quote!(return #result;));
        }
        quote!(loop { #(#code)* })
    } else {
        emitter.block(&word.body, &mut code, false);
        let result = emitter.result();
        quote!(#(#code)* #result)
    };
    let outputs = &word.effect.output.items;
    let name = Ident::new_raw_or_plain(&word.rust, word.name_span.rust());
    let generics = generics(word);
    let doc = format!(" Seq: `{} {}`", word.name, show_sig(&word.sig));
    let snake = if word.rust.chars().any(|c| c.is_uppercase()) {
        quote!(#[allow(non_snake_case)])
    } else {
        quote!()
    };
    let item =
        if word.name == "main" && params.is_empty() && matches!(outputs.as_slice(), [Ty::Int]) {
            // `: main ( -- Int )`: the Int is the exit code.
            quote! {
                #[doc = #doc]
                pub fn main() {
                    let code: i64 = (|| -> i64 { #body })();
                    ::std::process::exit(code as i32)
                }
            }
        } else {
            let ret = match outputs.len() {
                0 => quote!(),
                _ => {
                    let r = results(u, outputs);
                    quote!(-> #r)
                }
            };
            quote! {
                #[doc = #doc]
                #snake
                pub fn #name #generics (#(#params),*) #ret { #body }
            }
        };
    locals::finish(item)
}

/// `<T: Clone, E1: Clone + Send + Default + 'static>`: the word's generic parameters
/// with the bounds its body needs.
fn generics(word: &CheckedWord) -> TokenStream {
    if word.generics.is_empty() {
        return quote!();
    }
    let params = word.generics.iter().map(|g| {
        let name = Ident::new(&g.name, Span::call_site());
        let send = if g.send || g.element {
            quote!(+ ::core::marker::Send + 'static)
        } else {
            quote!()
        };
        let default = if g.element {
            quote!(+ ::core::default::Default)
        } else {
            quote!()
        };
        quote!(#name: ::core::clone::Clone #send #default)
    });
    quote!(<#(#params),*>)
}

trait IdentExt {
    fn new_raw_or_plain(name: &str, span: Span) -> Ident;
}

impl IdentExt for Ident {
    fn new_raw_or_plain(name: &str, span: Span) -> Ident {
        let mut ident = body::ident(name);
        ident.set_span(span);
        ident
    }
}
