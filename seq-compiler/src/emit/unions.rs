//! Unions: each becomes a Rust enum with the union's name, one variant per Seq variant
//! and the fields as named fields (a union-typed field behind an `Arc`, so unions can nest
//! and recurse and copying one stays cheap); `Default` is the variant the checker chose.
//! The words a union generates and `match` are emitted inline:
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
use super::rust_ty::rust_ty;
use crate::check::data::UnionInfo;
use crate::check::ir::{MatchArm, UnionOp};
use crate::check::unify::Unifier;
use crate::types::Ty;
use proc_macro2::TokenStream;
use quote::quote;

/// The enum of each union, with its `Default`.
pub fn union_items(unions: &[UnionInfo]) -> TokenStream {
    let mut out = TokenStream::new();
    for u in unions {
        let name = ident(&u.name);
        let variants = u.variants.iter().map(|v| {
            let variant = ident(&v.name);
            if v.fields.is_empty() {
                return quote!(#variant);
            }
            let fields = v.fields.iter().map(|f| {
                let (field, ty) = (ident(&f.rust), rust_ty(&Unifier::default(), &f.value_ty()));
                if f.boxed() {
                    quote!(#field: ::std::sync::Arc<#ty>)
                } else {
                    quote!(#field: #ty)
                }
            });
            quote!(#variant { #(#fields),* })
        });
        let default = &u.variants[u.default];
        let default_variant = ident(&default.name);
        let default_fields = default.fields.iter().map(|f| {
            let field = ident(&f.rust);
            quote!(#field: ::core::default::Default::default())
        });
        let doc = format!(" Seq: `union {}`", u.name);
        out.extend(quote! {
            #[doc = #doc]
            #[derive(Clone, Debug, PartialEq)]
            pub enum #name { #(#variants),* }

            impl ::core::default::Default for #name {
                fn default() -> Self {
                    #name::#default_variant { #(#default_fields),* }
                }
            }
        });
        out.extend(dynamic_impl(u));
    }
    out
}

/// `impl Dynamic`: a union's value is a variant tagged with its variant's name, its fields
/// in declaration order; a variant with another tag or other fields is not one of its
/// values.
fn dynamic_impl(u: &UnionInfo) -> TokenStream {
    let name = ident(&u.name);
    let seq_name = &u.name;
    let (mut into, mut from) = (Vec::new(), Vec::new());
    for v in &u.variants {
        let (variant, tag) = (ident(&v.name), &v.name);
        let fields: Vec<_> = v.fields.iter().map(|f| ident(&f.rust)).collect();
        let count = fields.len();
        let (mut out, mut back) = (Vec::new(), Vec::new());
        for (f, field) in v.fields.iter().zip(&fields) {
            let ty = rust_ty(&Unifier::default(), &f.value_ty());
            if f.boxed() {
                out.push(quote!(<#ty as ::seq::runtime::Dynamic>::into_value(::std::sync::Arc::unwrap_or_clone(#field))));
                back.push(quote!(#field: ::std::sync::Arc::new(<#ty as ::seq::runtime::Dynamic>::from_value(#field).ok()?)));
            } else {
                out.push(quote!(<#ty as ::seq::runtime::Dynamic>::into_value(#field)));
                back.push(
                    quote!(#field: <#ty as ::seq::runtime::Dynamic>::from_value(#field).ok()?),
                );
            }
        }
        into.push(quote! {
            #name::#variant { #(#fields),* } => ::seq::runtime::Value::Variant(
                ::seq::runtime::Variant::new(::seq::runtime::Symbol::new(#tag), ::std::vec![#(#out),*]),
            )
        });
        from.push(quote! {
            #tag => v.field_array::<#count>().and_then(|[#(#fields),*]| {
                ::core::option::Option::Some(#name::#variant { #(#back),* })
            })
        });
    }
    quote! {
        impl ::seq::runtime::Dynamic for #name {
            fn type_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#seq_name)
            }

            fn into_value(self) -> ::seq::runtime::Value {
                match self { #(#into),* }
            }

            fn from_value(value: ::seq::runtime::Value) -> ::core::result::Result<Self, ::seq::runtime::Value> {
                let ::seq::runtime::Value::Variant(v) = &value else {
                    return ::core::result::Result::Err(value);
                };
                let made = match v.tag().name() {
                    #(#from,)*
                    _ => ::core::option::Option::None,
                };
                made.ok_or(value)
            }
        }
    }
}

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
