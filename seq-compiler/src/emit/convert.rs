//! Conversions between typed and dynamic slots ([`Op::Coerce`](crate::check::ir::Op)):
//! into a `Value` with `Dynamic::into_value`, out of one with `value::expect`, which
//! panics naming the word and both types when the value holds another type; a list or map
//! of one element type to a list or map of another, element by element (a `List<Value>`
//! becomes a `Value` and back without a copy, inside `Dynamic`).

use super::rust_ty::rust_ty;
use crate::check::unify::Unifier;
use crate::types::Ty;
use proc_macro2::TokenStream;
use quote::quote;

/// The expression converting `expr`, of type `from`, to `to`; a failure at run time names
/// `word` written at `at`.
pub fn convert(
    u: &Unifier,
    expr: TokenStream,
    (from, to): (&Ty, &Ty),
    word: &str,
    at: &str,
) -> TokenStream {
    if u.same(from, to) {
        return expr;
    }
    let (from, to) = (u.resolve(from), u.resolve(to));
    match (&from, &to) {
        (_, Ty::Variant) => {
            let t = rust_ty(u, &from);
            quote!(<#t as ::seq::runtime::Dynamic>::into_value(#expr))
        }
        (Ty::Variant, _) => {
            let t = rust_ty(u, &to);
            quote!(::seq::runtime::value::expect::<#t>(#expr, #word, #at))
        }
        (Ty::List(a), Ty::List(b)) => {
            let each = convert(u, quote!(x), (a, b), word, at);
            quote!(#expr.iter().cloned().map(|x| #each).collect::<::seq::runtime::List<_>>())
        }
        (Ty::Map(k1, v1), Ty::Map(k2, v2)) => {
            let key = convert(u, quote!(k), (k1, k2), word, at);
            let value = convert(u, quote!(v), (v1, v2), word, at);
            quote!(#expr
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .map(|(k, v)| (#key, #value))
                .collect::<::seq::runtime::Map<_, _>>())
        }
        _ => unreachable!(
            "the checker converts only between consistent types, not {from:?} and {to:?}"
        ),
    }
}
