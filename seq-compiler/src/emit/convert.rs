//! Conversions between typed and dynamic slots ([`Op::Coerce`](crate::check::ir::Op)):
//! into a `Value` with `Dynamic::into_value`, out of one with `value::expect`, which
//! panics naming the word and both types when the value holds another type; a list or map
//! of one element type to a list or map of another, element by element (a `List<Value>`
//! becomes a `Value` and back without a copy, inside `Dynamic`). `stack.dump` converts
//! every slot of the stack into a `Value` to print it ([`Emitter::stack_dump`]).

use super::body::{Code, Emitter};
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

impl Emitter<'_, '_> {
    /// `stack.dump`: every slot of the stack, bottom first, as a `Value` (a quotation or
    /// a weave context as a placeholder SON names), printed on one line and dropped.
    pub(super) fn stack_dump(&mut self, code: &mut Code) {
        let slots = self.pop_n(self.stack.len());
        let exprs = self.take_group(&slots, &[]);
        let values = slots.iter().zip(exprs).map(|(slot, expr)| {
            let ty = self.u().resolve(&slot.ty);
            let placeholder = match &ty {
                Ty::Quot(q) if q.closure => "closure",
                Ty::Quot(_) => "quotation",
                Ty::Ctx(..) => "Ctx",
                _ => return convert(self.u(), expr, (&ty, &Ty::Variant), "stack.dump", ""),
            };
            quote!({
                let _ = #expr;
                ::seq::runtime::Value::other(#placeholder, ())
            })
        });
        let values: Vec<TokenStream> = values.collect();
        code.push(quote!(::seq::runtime::value::son::print_stack(::std::vec![#(#values),*]);));
    }
}
