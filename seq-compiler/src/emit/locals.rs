//! Names of generated locals.
//!
//! While emitting, every local is written as a placeholder identifier that says how it is
//! used at that spot: bound (`let`, a parameter), assigned (`x = ...` in a loop), or
//! read. Once a whole function is emitted, [`finish`] names each local `vN`, or `_vN` if it
//! is never read, and adds `mut` where it is assigned. So the generated code has no
//! unused-variable or unused-`mut` warnings without emitting "uses" for their own sake.
//! A public function's parameters get readable names instead ([`finish_named`],
//! [`param_name`]): their Seq type and stack position, `int0`, `string1`, bottom first.

use crate::types::SigTy;
use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use std::collections::HashMap;

const READ: &str = "__seq_r";
const BIND: &str = "__seq_b";
const ASSIGN: &str = "__seq_a";

/// A local, as the emitter knows it.
pub type Local = usize;

/// The local, read.
pub fn read(local: Local) -> Ident {
    Ident::new(&format!("{READ}{local}"), Span::call_site())
}

/// The local where it is bound.
pub fn bind(local: Local) -> Ident {
    Ident::new(&format!("{BIND}{local}"), Span::call_site())
}

/// The local as an assignment target.
pub fn assign(local: Local) -> Ident {
    Ident::new(&format!("{ASSIGN}{local}"), Span::call_site())
}

#[derive(Default, Clone, Copy)]
struct Usage {
    reads: usize,
    assigned: bool,
}

fn placeholder(ident: &Ident) -> Option<(&'static str, Local)> {
    let name = ident.to_string();
    for kind in [READ, BIND, ASSIGN] {
        if let Some(n) = name.strip_prefix(kind) {
            return n.parse().ok().map(|n| (kind, n));
        }
    }
    None
}

/// Gives every placeholder local its final name.
pub fn finish(tokens: TokenStream) -> TokenStream {
    finish_named(tokens, &HashMap::new())
}

/// Gives every placeholder local its final name, `names` those it has (parameters).
pub fn finish_named(tokens: TokenStream, names: &HashMap<Local, String>) -> TokenStream {
    let mut usage = HashMap::new();
    count(&tokens, &mut usage);
    rename(tokens, &usage, names)
}

/// The readable name of the parameter at stack position `index` (bottom first) of Seq
/// type `ty`, `int0`, `shape1`, `t2` (for a type variable `T`), unless it could be
/// mistaken for another name in the function: a generated local (`v3`) or a function it
/// calls (`taken`).
pub fn param_name(ty: &SigTy, index: usize, taken: &[&str]) -> Option<String> {
    let base = match ty {
        SigTy::Int => "int".to_string(),
        SigTy::Float => "float".to_string(),
        SigTy::Bool => "bool".to_string(),
        SigTy::Str => "string".to_string(),
        SigTy::Sym => "symbol".to_string(),
        SigTy::Variant => "variant".to_string(),
        SigTy::Named(n) => snake_case(&n.name),
        SigTy::Var(c) => c.to_ascii_lowercase().to_string(),
        SigTy::Quot(_) => "quot".to_string(),
        SigTy::Closure(_) => "closure".to_string(),
        SigTy::Chan(_) => "channel".to_string(),
        SigTy::List(_) => "list".to_string(),
        SigTy::Map(_) => "map".to_string(),
        SigTy::Weave(_) => "weave".to_string(),
        SigTy::Ctx(_) => "ctx".to_string(),
    };
    [format!("{base}{index}"), format!("{base}_{index}")]
        .into_iter()
        .find(|name| !is_local_name(name) && !taken.contains(&name.as_str()))
}

/// `MyShape` → `my_shape`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `name` is what [`finish`] calls a local: `v7`.
fn is_local_name(name: &str) -> bool {
    name.strip_prefix('v')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

fn count(tokens: &TokenStream, usage: &mut HashMap<Local, Usage>) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Group(g) => count(&g.stream(), usage),
            TokenTree::Ident(ident) => match placeholder(&ident) {
                Some((READ, n)) => usage.entry(n).or_default().reads += 1,
                Some((ASSIGN, n)) => usage.entry(n).or_default().assigned = true,
                _ => {}
            },
            _ => {}
        }
    }
}

fn rename(
    tokens: TokenStream,
    usage: &HashMap<Local, Usage>,
    names: &HashMap<Local, String>,
) -> TokenStream {
    let mut out = TokenStream::new();
    for tree in tokens {
        match tree {
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), rename(g.stream(), usage, names));
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            TokenTree::Ident(ident) => match placeholder(&ident) {
                Some((kind, n)) => {
                    let used = usage.get(&n).copied().unwrap_or_default();
                    let base = names.get(&n).cloned().unwrap_or_else(|| format!("v{n}"));
                    let name = if used.reads > 0 {
                        base
                    } else {
                        format!("_{base}")
                    };
                    if kind == BIND && used.assigned {
                        out.extend([TokenTree::Ident(Ident::new("mut", ident.span()))]);
                    }
                    out.extend([TokenTree::Ident(Ident::new(&name, ident.span()))]);
                }
                None => out.extend([TokenTree::Ident(ident)]),
            },
            other => out.extend([other]),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn names_follow_use() {
        let (b0, b1, b2) = (bind(0), bind(1), bind(2));
        let (r0, a2, r2) = (read(0), assign(2), read(2));
        let code = quote! { let #b0 = 1; let #b1 = 2; let #b2 = #r0; loop { #a2 = #r2; } };
        assert_eq!(
            finish(code).to_string(),
            quote! { let v0 = 1; let _v1 = 2; let mut v2 = v0; loop { v2 = v2; } }.to_string()
        );
    }

    #[test]
    fn parameters_are_named_by_type_and_position() {
        let shape = SigTy::Named(crate::types::Named {
            name: "MyShape".into(),
            rust: None,
        });
        assert_eq!(param_name(&SigTy::Int, 0, &[]).as_deref(), Some("int0"));
        assert_eq!(param_name(&shape, 2, &[]).as_deref(), Some("my_shape2"));
        assert_eq!(param_name(&SigTy::Var('T'), 1, &[]).as_deref(), Some("t1"));
        // Never a generated local's name, nor a function the body calls.
        assert_eq!(param_name(&SigTy::Var('V'), 1, &[]).as_deref(), Some("v_1"));
        assert_eq!(
            param_name(&SigTy::Str, 0, &["string0"]).as_deref(),
            Some("string_0")
        );
        let (b0, b1, r0) = (bind(0), bind(1), read(0));
        let names = HashMap::from([(0, "int0".to_string()), (1, "int1".to_string())]);
        assert_eq!(
            finish_named(quote! { fn f(#b0: i64, #b1: i64) { #r0 } }, &names).to_string(),
            quote! { fn f(int0: i64, _int1: i64) { int0 } }.to_string()
        );
    }
}
