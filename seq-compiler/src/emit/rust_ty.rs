//! Seq types as Rust types: Int `i64`, Float `f64`, Bool `bool`, String `String`, Symbol
//! the runtime's, Variant (any value) the runtime's `Value`, a union its enum, a declared Rust type its path, a
//! signature's type variable `T` a generic parameter `T`, a quotation `fn(A, B) -> C` (a
//! function pointer: quotations capture nothing, so every quotation of one effect has one
//! Rust type), a Channel `seq::runtime::Channel<T>`, a List `seq::runtime::List<T>`.

use crate::check::unify::Unifier;
use crate::types::{Named, Ty};
use proc_macro2::{Delimiter, Group, Ident, Span, TokenStream, TokenTree};
use quote::quote;

/// The Rust type of a (resolved or resolvable) Seq type. A type variable nothing fixed is
/// `()`: no value of it is ever made.
pub fn rust_ty(u: &Unifier, ty: &Ty) -> TokenStream {
    let mut out = TokenStream::new();
    write_rust_ty(u, &u.resolve(ty), &mut out);
    out
}

/// Appends the Rust type of a resolved type to `out`. Generic arguments are written in
/// place rather than built and interpolated level by level, which would copy the tokens
/// of a deep type (`List<List<...>>`) once per level.
fn write_rust_ty(u: &Unifier, ty: &Ty, out: &mut TokenStream) {
    let generic = |out: &mut TokenStream, head: TokenStream, args: &[&Ty]| {
        out.extend(head);
        out.extend(quote!(<));
        for (i, arg) in args.iter().enumerate() {
            if i > 0 {
                out.extend(quote!(,));
            }
            write_rust_ty(u, arg, out);
        }
        out.extend(quote!(>));
    };
    match ty {
        Ty::Int => out.extend(quote!(i64)),
        Ty::Float => out.extend(quote!(f64)),
        Ty::Bool => out.extend(quote!(bool)),
        Ty::Str => out.extend(quote!(::std::string::String)),
        Ty::Sym => out.extend(quote!(::seq::runtime::Symbol)),
        Ty::Variant => out.extend(quote!(::seq::runtime::Value)),
        Ty::Named(named) => out.extend(named_ty(named)),
        Ty::Var(v) => match u.rigid_name(*v) {
            Some(name) => out.extend([TokenTree::Ident(Ident::new(name, Span::call_site()))]),
            None => out.extend(quote!(())),
        },
        Ty::Weave(y, r) => generic(out, quote!(::seq::runtime::Weave), &pair(y, r)),
        Ty::Ctx(y, r) => generic(out, quote!(::seq::runtime::Ctx), &pair(y, r)),
        Ty::Chan(element) => generic(out, quote!(::seq::runtime::Channel), &[element]),
        Ty::List(element) => generic(out, quote!(::seq::runtime::List), &[element]),
        Ty::Map(k, v) => generic(out, quote!(::seq::runtime::Map), &[k, v]),
        Ty::Quot(q) => {
            let mut inputs = TokenStream::new();
            for (i, t) in q.input.items.iter().enumerate() {
                if i > 0 {
                    inputs.extend(quote!(,));
                }
                write_rust_ty(u, t, &mut inputs);
            }
            let inputs = TokenTree::Group(Group::new(Delimiter::Parenthesis, inputs));
            let output = match q.output.items.len() {
                0 => quote!(),
                _ => {
                    let r = results(u, &q.output.items);
                    quote!(-> #r)
                }
            };
            out.extend(if q.closure {
                quote!(::std::sync::Arc<dyn Fn #inputs #output + ::core::marker::Send + ::core::marker::Sync>)
            } else {
                quote!(fn #inputs #output)
            });
        }
    }
}

/// A weave's type arguments: `Weave<T>` when it yields what it is resumed with.
fn pair<'t>(yields: &'t Ty, resumed: &'t Ty) -> Vec<&'t Ty> {
    if yields == resumed {
        vec![yields]
    } else {
        vec![yields, resumed]
    }
}

thread_local! {
    /// The declared Rust types of the program being emitted: path, and its tokens as
    /// written (see [`with_declared_types`]).
    static DECLARED: std::cell::RefCell<Vec<(String, TokenStream)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` (the emission of a program) with its declared types known: the code naming
/// such a type uses the tokens of its `type` declaration's path, so rustc's errors about
/// the type (a path naming nothing, a missing trait) point there. Restores the previous
/// set.
pub(super) fn with_declared_types<T>(
    declared: &[(String, TokenStream)],
    f: impl FnOnce() -> T,
) -> T {
    let outer = DECLARED.with(|d| d.replace(declared.to_vec()));
    let result = f();
    DECLARED.with(|d| *d.borrow_mut() = outer);
    result
}

/// A union's enum, or the path of a declared Rust type.
fn named_ty(named: &Named) -> TokenStream {
    match &named.rust {
        None => {
            let ident = Ident::new(&named.name, Span::call_site());
            quote!(#ident)
        }
        Some(path) => declared_ty(path),
    }
}

/// A declared Rust type's path: the tokens of its declaration, where the program being
/// emitted declares it (see [`with_declared_types`]), else the path parsed.
pub(super) fn declared_ty(path: &str) -> TokenStream {
    let declared = DECLARED.with(|d| {
        let declared = d.borrow();
        declared
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, tokens)| tokens.clone())
    });
    declared.unwrap_or_else(|| {
        path.parse()
            .expect("the parser checked that the declared type is a Rust type")
    })
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

/// A value of the type, for reads of missing elements (`list.get` out of range, a closed
/// channel): `0i64`, `false`, an empty string or collection, a fresh channel, a quotation
/// that returns such values, `T::default()` for a generic `T`.
pub fn default_value(u: &Unifier, ty: &Ty) -> TokenStream {
    match u.resolve(ty) {
        Ty::Int => quote!(0i64),
        Ty::Float => quote!(0.0f64),
        Ty::Bool => quote!(false),
        Ty::Str => quote!(::std::string::String::new()),
        Ty::Sym => quote!(::seq::runtime::Symbol::default()),
        Ty::Variant => quote!(::seq::runtime::Value::default()),
        Ty::Named(named) => {
            let ty = named_ty(&named);
            quote!(<#ty as ::core::default::Default>::default())
        }
        Ty::List(_) => quote!(::seq::runtime::List::new()),
        Ty::Map(..) => quote!(::seq::runtime::Map::new()),
        Ty::Chan(_) => quote!(::seq::runtime::Channel::new()),
        Ty::Weave(..) => quote!(::seq::runtime::Weave::default()),
        // A context exists only inside its weave's body; it has no stand-in.
        Ty::Ctx(..) => quote!(::core::panic!(
            "a weave's context is missing: it exists only inside its weave"
        )),
        Ty::Var(v) => match u.rigid_name(v) {
            Some(name) => {
                let ident = Ident::new(name, Span::call_site());
                quote!(<#ident as ::core::default::Default>::default())
            }
            None => quote!(()),
        },
        Ty::Quot(q) => {
            let inputs = q.input.items.iter().map(|t| {
                let t = rust_ty(u, t);
                quote!(_: #t)
            });
            let outputs: Vec<TokenStream> =
                q.output.items.iter().map(|t| default_value(u, t)).collect();
            let f = match outputs.as_slice() {
                [] => quote!(|#(#inputs),*| {}),
                [one] => quote!(|#(#inputs),*| #one),
                many => quote!(|#(#inputs),*| (#(#many),*)),
            };
            if q.closure {
                let rust = rust_ty(u, &Ty::Quot(q));
                quote!({ let f: #rust = ::std::sync::Arc::new(#f); f })
            } else {
                f
            }
        }
    }
}
