//! Names of generated locals.
//!
//! While emitting, every local is written as a placeholder identifier that says how it is
//! used at that spot: bound (`let`, a parameter), assigned (`x = ...` in a loop), or
//! read. Once a whole function is emitted, [`finish`] names each local `vN`, or `_vN` if it
//! is never read, and adds `mut` where it is assigned. So the generated code has no
//! unused-variable or unused-`mut` warnings without emitting "uses" for their own sake.

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
    let mut usage = HashMap::new();
    count(&tokens, &mut usage);
    rename(tokens, &usage)
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

fn rename(tokens: TokenStream, usage: &HashMap<Local, Usage>) -> TokenStream {
    let mut out = TokenStream::new();
    for tree in tokens {
        match tree {
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), rename(g.stream(), usage));
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            TokenTree::Ident(ident) => match placeholder(&ident) {
                Some((kind, n)) => {
                    let used = usage.get(&n).copied().unwrap_or_default();
                    let name = if used.reads > 0 {
                        format!("v{n}")
                    } else {
                        format!("_v{n}")
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
}
