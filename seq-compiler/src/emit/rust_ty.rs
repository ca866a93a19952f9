//! Seq types as Rust types: Int `i64`, Float `f64`, Bool `bool`, String `String`, a
//! signature's type variable `T` a generic parameter `T`, a quotation `fn(A, B) -> C` (a
//! function pointer: quotations capture nothing, so every quotation of one effect has one
//! Rust type), a Channel `seq::runtime::Channel<T>`, a List `seq::runtime::List<T>`.

use crate::check::unify::Unifier;
use crate::types::Ty;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

/// The Rust type of a (resolved or resolvable) Seq type. A type variable nothing fixed is
/// `()`: no value of it is ever made.
pub fn rust_ty(u: &Unifier, ty: &Ty) -> TokenStream {
    match u.resolve(ty) {
        Ty::Int => quote!(i64),
        Ty::Float => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Str => quote!(::std::string::String),
        Ty::Var(v) => match u.rigid_name(v) {
            Some(name) => {
                let ident = Ident::new(name, Span::call_site());
                quote!(#ident)
            }
            None => quote!(()),
        },
        Ty::Chan(element) => {
            let element = rust_ty(u, &element);
            quote!(::seq::runtime::Channel<#element>)
        }
        Ty::List(element) => {
            let element = rust_ty(u, &element);
            quote!(::seq::runtime::List<#element>)
        }
        Ty::Map(k, v) => {
            let (k, v) = (rust_ty(u, &k), rust_ty(u, &v));
            quote!(::seq::runtime::Map<#k, #v>)
        }
        Ty::Quot(q) => {
            let inputs = q.input.items.iter().map(|t| rust_ty(u, t));
            let output = match q.output.items.len() {
                0 => quote!(),
                _ => {
                    let r = results(u, &q.output.items);
                    quote!(-> #r)
                }
            };
            quote!(fn(#(#inputs),*) #output)
        }
    }
}

/// The Rust type of several results: `()`, the one type, or a tuple.
pub fn results(u: &Unifier, tys: &[Ty]) -> TokenStream {
    match tys {
        [] => quote!(()),
        [one] => rust_ty(u, one),
        many => {
            let each = many.iter().map(|t| rust_ty(u, t));
            quote!((#(#each),*))
        }
    }
}
