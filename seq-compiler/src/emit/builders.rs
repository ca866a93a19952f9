//! Lists built in a loop. A loop variable holding a list that the body only ever extends
//! with `list.push` (`list.make swap [ list.push ] each-integer`) becomes a `Vec` for the
//! duration of the loop: `let mut v1 = list.into_vec();`, `v1.push(x);` in the body, and
//! `List::from(v1)` after it. `list.push` on a list nothing else holds is the same
//! operation, but on a `Vec` local the length and capacity stay in registers instead of
//! being reloaded through the list's `Arc` on every push.
//!
//! Whether a variable qualifies is decided by emitting the body once as if it did (a dry
//! run on a copy of the emitter) and reading the result: the variable must appear only as
//! the receiver of `.push(..)`, never be read otherwise (a copy, a `list.get`, a closure, a
//! spawn would all read it), must still be in its slot when the body ends, and no push
//! may happen while another slot holds the same list.

use super::body::{Code, Emitter, Expr, Value};
use super::locals::{self, Local};
use crate::types::Ty;
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

impl Emitter<'_, '_> {
    /// The loop variables (among `vars`) that can be built as a `Vec`; `body` emits the
    /// loop body as the real run will.
    pub(super) fn builder_vars(
        &mut self,
        vars: &[(Local, Value)],
        body: impl FnOnce(&mut Self, &mut Code),
    ) -> Vec<Local> {
        let candidates: Vec<Local> = vars
            .iter()
            .filter(|(_, v)| matches!(v.ty, Ty::List(_)))
            .map(|(l, _)| *l)
            .collect();
        if candidates.is_empty() {
            return candidates;
        }
        let builders = candidates.clone();
        let (tokens, shared) = self.dry_run(|e, scratch| {
            e.builders.extend(&builders);
            body(e, scratch);
            std::mem::take(&mut e.shared_builders)
        });
        candidates
            .into_iter()
            .filter(|l| !shared.contains(l) && only_pushed(&tokens, *l) == Some(true))
            .collect()
    }

    /// Emits `body` on a copy of the emitter and returns what it emitted (and computed),
    /// leaving the emitter as it was.
    pub(super) fn dry_run<T>(
        &mut self,
        body: impl FnOnce(&mut Self, &mut Code) -> T,
    ) -> (TokenStream, T) {
        let saved = self.clone();
        let mut scratch = Code::new();
        let result = body(self, &mut scratch);
        *self = saved;
        (scratch.into_iter().collect(), result)
    }

    /// `list.push` onto a loop variable being built as a `Vec`: pushes in place and
    /// leaves the variable in the slot. Returns false (emitting nothing) for any other
    /// list.
    pub(super) fn builder_push(&mut self, args: &[Value], code: &mut Code) -> bool {
        let [list, value] = args else {
            return false;
        };
        let Expr::Local(l) = list.expr else {
            return false;
        };
        if !self.builders.contains(&l) {
            return false;
        }
        if self.is_live(l) || matches!(value.expr, Expr::Local(m) if m == l) {
            self.shared_builders.push(l);
        }
        let x = self.take(value);
        let target = locals::assign(l);
        code.push(quote!(#target.push(#x);));
        self.stack.push(list.clone());
        true
    }

    /// The `let` of a loop variable: as a `Vec` when it is built in the loop.
    pub(super) fn bind_loop_variable(
        &self,
        local: Local,
        init: TokenStream,
        builder: bool,
    ) -> TokenStream {
        let b = locals::bind(local);
        if builder {
            quote!(let #b = #init.into_vec();)
        } else {
            quote!(let #b = #init;)
        }
    }

    /// After the loop, a variable built as a `Vec` becomes a list again.
    pub(super) fn finish_builder(&mut self, var: Value, code: &mut Code) -> Value {
        let Expr::Local(l) = var.expr else {
            return var;
        };
        let r = locals::read(l);
        let before = self.stack.len();
        self.bind_results(quote!(::seq::runtime::List::from(#r)), &[var.ty], code);
        debug_assert_eq!(self.stack.len(), before + 1);
        self.pop()
    }
}

/// Whether `tokens` assign to `local` anywhere.
pub(super) fn assigns(tokens: &TokenStream, local: Local) -> bool {
    let assign = locals::assign(local).to_string();
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Group(g) => assigns(&g.stream(), local),
        TokenTree::Ident(id) => id == assign.as_str(),
        _ => false,
    })
}

/// Whether `local` appears in `tokens` only as `local.push`, at least once (`None` when
/// some other use was found).
fn only_pushed(tokens: &TokenStream, local: Local) -> Option<bool> {
    let (read, assign) = (
        locals::read(local).to_string(),
        locals::assign(local).to_string(),
    );
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut pushed = false;
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Group(g) => pushed |= only_pushed(&g.stream(), local)?,
            TokenTree::Ident(id) if *id == read.as_str() => return None,
            TokenTree::Ident(id) if *id == assign.as_str() => {
                let dot =
                    matches!(trees.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '.');
                let push = matches!(trees.get(i + 2), Some(TokenTree::Ident(m)) if m == "push");
                if !(dot && push) {
                    return None;
                }
                pushed = true;
            }
            _ => {}
        }
    }
    Some(pushed)
}
