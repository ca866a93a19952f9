//! Unions as Rust items: each becomes an enum with the union's name, one variant per Seq
//! variant and the fields as named fields (a union-typed field behind an `Arc`, so unions
//! can nest and recurse and copying one stays cheap), with `Default` (the variant the
//! checker chose), `Clone`, and where every field allows it `Debug`, `PartialEq` and
//! `Dynamic` (a union's value as a `Variant`). The enum, each variant and each field carry
//! the doc comment written before them in Seq, or a generated one (`docs`).

use super::body::ident;
use super::docs::{doc_attrs, field_doc, variant_doc};
use super::rust_ty::{default_value, rust_ty};
use crate::check::data::{FieldInfo, UnionInfo};
use crate::check::unify::Unifier;
use crate::types::SigTy;
use proc_macro2::TokenStream;
use quote::quote;

/// What the fields of a union allow its enum to implement.
#[derive(Clone, Copy)]
struct Allows {
    /// `Debug` and `PartialEq` (no closure, function pointer, weave or Rust type inside).
    compare: bool,
    /// `Dynamic` (no Rust type inside).
    dynamic: bool,
}

/// The enum of each union, with its impls.
pub fn union_items(unions: &[UnionInfo]) -> TokenStream {
    let allows = allowed(unions);
    let mut out = TokenStream::new();
    for (u, allows) in unions.iter().zip(allows) {
        let name = ident(&u.name);
        let variants = u.variants.iter().map(|v| {
            let variant = ident(&v.name);
            let doc = variant_doc(u, v);
            if v.fields.is_empty() {
                return quote!(#doc #variant);
            }
            let fields = v.fields.iter().map(|f| {
                let (field, ty) = (ident(&f.rust), field_rust(f));
                let doc = field_doc(v, f);
                let declared = if f.boxed() {
                    quote!(#field: ::std::sync::Arc<#ty>)
                } else {
                    quote!(#field: #ty)
                };
                // The derives' bounds on the field are reported at its Seq type.
                let declared = super::spans::located_at(declared, f.ty_at.rust());
                quote!(#doc #declared)
            });
            quote!(#doc #variant { #(#fields),* })
        });
        let default = &u.variants[u.default];
        let default_variant = ident(&default.name);
        let default_fields = default.fields.iter().map(|f| {
            let field = ident(&f.rust);
            let mut u = Unifier::default();
            let ty = u.instantiate_type(&f.ty);
            let value = default_value(&u, &ty);
            if f.boxed() {
                quote!(#field: ::std::sync::Arc::new(#value))
            } else {
                quote!(#field: #value)
            }
        });
        let doc = doc_attrs(&u.doc, &[format!(" Seq: `union {}`", u.name)]);
        let derives = match allows.compare {
            true => quote!(#[derive(Clone, Debug, PartialEq)]),
            false => quote!(#[derive(Clone)]),
        };
        out.extend(quote! {
            #doc
            #derives
            pub enum #name { #(#variants),* }

            impl ::core::default::Default for #name {
                fn default() -> Self {
                    #name::#default_variant { #(#default_fields),* }
                }
            }
        });
        if allows.dynamic {
            out.extend(dynamic_impl(u));
        }
    }
    out
}

/// A field's Rust type (a union inside it by name).
fn field_rust(f: &FieldInfo) -> TokenStream {
    let mut u = Unifier::default();
    let ty = u.instantiate_type(&f.ty);
    rust_ty(&u, &ty)
}

/// What each union's fields allow, unions inside unions included (a fixpoint: a union
/// allows what every union it holds allows).
fn allowed(unions: &[UnionInfo]) -> Vec<Allows> {
    let mut allows = vec![
        Allows {
            compare: true,
            dynamic: true,
        };
        unions.len()
    ];
    loop {
        let mut changed = false;
        for (i, u) in unions.iter().enumerate() {
            let mut now = allows[i];
            for f in u.variants.iter().flat_map(|v| &v.fields) {
                let (compare, dynamic) = field_allows(&f.ty, unions, &allows);
                now.compare &= compare;
                now.dynamic &= dynamic;
            }
            if (now.compare, now.dynamic) != (allows[i].compare, allows[i].dynamic) {
                allows[i] = now;
                changed = true;
            }
        }
        if !changed {
            return allows;
        }
    }
}

/// Whether a field type allows (`Debug` and `PartialEq`, `Dynamic`).
fn field_allows(ty: &SigTy, unions: &[UnionInfo], allows: &[Allows]) -> (bool, bool) {
    match ty {
        SigTy::Named(n) if n.rust.is_some() => (false, false),
        SigTy::Named(n) => match unions.iter().position(|u| u.name == n.name) {
            Some(i) => (allows[i].compare, allows[i].dynamic),
            None => (false, false),
        },
        SigTy::List(Some(t)) | SigTy::Chan(Some(t)) => field_allows(t, unions, allows),
        SigTy::Map(Some(kv)) => {
            let (k, v) = (
                field_allows(&kv.0, unions, allows),
                field_allows(&kv.1, unions, allows),
            );
            (k.0 && v.0, k.1 && v.1)
        }
        SigTy::Weave(_) | SigTy::Quot(_) | SigTy::Closure(_) => (false, true),
        _ => (true, true),
    }
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
            let ty = field_rust(f);
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
