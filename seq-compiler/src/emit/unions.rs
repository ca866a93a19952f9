//! The words a union generates and `match`, emitted inline (the enums themselves are
//! `union_items`):
//!
//! ```text
//! Make-Circle      Shape::Circle { r: v0 }
//! is-Circle?       matches!(v0, Shape::Circle { .. })
//! Circle-r         match &v0 { Shape::Circle { r, .. } => r.clone(), _ => panic!(..) }
//! match ... end    match v0 { Shape::Circle { r: v1, .. } => { .. } .. }
//! ```

use super::body::{ident, Code, Emitter};
use super::control::{Arm, Head};
use super::locals;
use crate::check::ir::{MatchArm, UnionOp};
use crate::types::Ty;
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_, '_> {
    /// A word a union generates.
    pub(super) fn union_op(
        &mut self,
        op: &UnionOp,
        inputs: usize,
        outputs: &[Ty],
        code: &mut Code,
    ) {
        let args = self.pop_n(inputs);
        let borrowed = vec![!matches!(op, UnionOp::Make { .. }); args.len()];
        let args = self.take_group(&args, &borrowed);
        let expr = match op {
            UnionOp::Make {
                union,
                variant,
                fields,
            } => {
                let path = variant_path(union, variant);
                if fields.is_empty() {
                    path
                } else {
                    let fields = fields.iter().zip(&args).map(|((name, boxed), arg)| {
                        let name = ident(name);
                        if *boxed {
                            quote!(#name: ::std::sync::Arc::new(#arg))
                        } else {
                            quote!(#name: #arg)
                        }
                    });
                    quote!(#path { #(#fields),* })
                }
            }
            UnionOp::Is { union, variant } => {
                let (path, v) = (variant_path(union, variant), &args[0]);
                quote!(::core::matches!(#v, #path { .. }))
            }
            UnionOp::Field {
                union,
                variant,
                field,
                boxed,
                word,
            } => {
                let (path, v, field) = (variant_path(union, variant), &args[0], ident(field));
                let value = if *boxed {
                    quote!(::std::sync::Arc::unwrap_or_clone(#field.clone()))
                } else {
                    quote!(#field.clone())
                };
                let message = format!("{word}: the {union} is not a {variant}");
                quote!(match &#v {
                    #path { #field, .. } => #value,
                    _ => ::core::panic!(#message),
                })
            }
        };
        self.bind_results(expr, outputs, code);
    }

    /// `match`: the value on top picks the arm; each arm binds the fields it pushes.
    pub(super) fn match_(
        &mut self,
        union: &str,
        arms: &[MatchArm],
        code: &mut Code,
        tail: bool,
    ) -> bool {
        let scrutinee = self.pop();
        let scrutinee = self.take(&scrutinee);
        let mut emitted = Vec::new();
        for arm in arms {
            let path = variant_path(union, &arm.variant);
            let (mut bindings, mut prelude, mut fields) = (Vec::new(), Code::new(), Vec::new());
            for (name, ty, boxed) in &arm.fields {
                let name = ident(name);
                let (local, value) = self.local(ty);
                if *boxed {
                    let raw = self.fresh();
                    let (b, r) = (locals::bind(raw), locals::read(raw));
                    bindings.push(quote!(#name: #b));
                    let target = locals::bind(local);
                    prelude.push(quote!(let #target = ::std::sync::Arc::unwrap_or_clone(#r);));
                } else {
                    let b = locals::bind(local);
                    bindings.push(quote!(#name: #b));
                }
                fields.push(value);
            }
            let pattern = quote!(#path { #(#bindings,)* .. });
            emitted.push(Arm {
                pattern,
                prelude,
                fields,
                sub: &arm.sub,
            });
        }
        self.choose(Head::Match(scrutinee), emitted, &[], code, tail)
    }
}

fn variant_path(union: &str, variant: &str) -> TokenStream {
    let (union, variant) = (ident(union), ident(variant));
    quote!(#union::#variant)
}
