//! Conditionals: `if` (both forms, `when`, `unless`) and `match`.
//!
//! A conditional pops its quotations and condition (or the value matched), then the slots
//! its arms reach (the deepest of them). Each arm runs over its own copy of those slots
//! (a match arm with its fields pushed); slots all arms leave untouched pass through, the
//! rest become the expression's value:
//! `let (v7, v8) = if c { ...; (a, b) } else { ...; (c, d) };`. In tail position of a
//! word that loops, every arm runs over the whole stack and ends in `return` or `continue`.
//!
//! Loops are in `loops`.

use super::body::{Code, Emitter, Value};
use super::locals;
use super::rust_ty::results;
use super::values::{tuple, Expr};
use crate::check::ir::Sub;
use crate::types::Ty;
use proc_macro2::TokenStream;
use quote::quote;

/// What chooses the arm.
pub(super) enum Head {
    /// `if cond { .. } else { .. }`: two arms, true first.
    If(TokenStream),
    /// `match value { Pattern => { .. } ... }`: one arm per pattern.
    Match(TokenStream),
}

/// One arm of a conditional.
pub(super) struct Arm<'s> {
    /// The arm's pattern (a `match` only).
    pub pattern: TokenStream,
    /// Statements that run first (unwrapping fields).
    pub prelude: Code,
    /// Values the arm pushes before its body runs (a match arm's fields).
    pub fields: Vec<Value>,
    /// The body.
    pub sub: &'s Sub,
}

impl Emitter<'_, '_> {
    /// Emits a conditional; returns whether it diverges (tail position).
    pub(super) fn branch(
        &mut self,
        quotes: usize,
        then: &Sub,
        otherwise: &Sub,
        code: &mut Code,
        tail: bool,
    ) -> bool {
        let quotes = self.pop_n(quotes);
        let cond = self.pop();
        let cond = self.take(&cond);
        let arm = |sub| Arm {
            pattern: quote!(),
            prelude: Code::new(),
            fields: Vec::new(),
            sub,
        };
        self.choose(
            Head::If(cond),
            vec![arm(then), arm(otherwise)],
            &quotes,
            code,
            tail,
        )
    }

    /// Emits arms chosen by `head`; returns whether they all diverge (tail position).
    pub(super) fn choose(
        &mut self,
        head: Head,
        arms: Vec<Arm>,
        quotes: &[Value],
        code: &mut Code,
        tail: bool,
    ) -> bool {
        // Arms start from the same aux stack (they may take values set aside before).
        let aux = self.aux.clone();
        if tail {
            let start = self.stack.clone();
            let mut bodies = Vec::new();
            for arm in &arms {
                self.stack = start.clone();
                self.aux = aux.clone();
                self.stack.extend(arm.fields.iter().cloned());
                let mut body = arm.prelude.clone();
                if !self.run(arm.sub, quotes, &mut body, true) {
                    body.push(self.leave());
                }
                bodies.push(body);
            }
            code.push(render(&head, &arms, &bodies, &[]));
            return true;
        }
        let reach = arms
            .iter()
            .map(|a| a.sub.consumed.saturating_sub(a.fields.len()))
            .max()
            .unwrap_or(0);
        let inputs = self.pop_n(reach);
        let outer = std::mem::take(&mut self.stack);
        let mut ran: Vec<(Code, Vec<Value>)> = Vec::new();
        let mut auxes: Vec<Vec<Value>> = Vec::new();
        // Arms that fail leave nothing: the others decide what the arms leave.
        let mut fails = Vec::new();
        self.saved.push(outer);
        for arm in &arms {
            self.stack = inputs.clone();
            self.aux = aux.clone();
            self.stack.extend(arm.fields.iter().cloned());
            let mut body = arm.prelude.clone();
            fails.push(self.run(arm.sub, quotes, &mut body, false));
            ran.push((body, std::mem::take(&mut self.stack)));
            auxes.push(std::mem::take(&mut self.aux));
        }
        self.stack = self.saved.pop().expect("pushed above");
        let leader = fails.iter().position(|f| !f).unwrap_or(0);
        let first = &ran[leader].1.clone();
        for (i, failed) in fails.iter().enumerate() {
            if *failed {
                ran[i].1 = first.clone();
                auxes[i] = auxes[leader].clone();
            }
        }
        // Beside a failing arm, only values made before the branch pass through it.
        let made_before = |v: &Value| {
            !matches!(v.expr, Expr::Local(_)) || inputs.iter().chain(&aux).any(|i| i.same(v))
        };
        let any_fails = fails.iter().any(|f| *f);
        // The aux stack the arms leave: what they all leave alike passes through, the rest
        // is part of the arms' value, after the stack's slots.
        let aux_first = auxes[leader].clone();
        let aux_shared = (0..aux_first.len())
            .take_while(|&i| {
                (!any_fails || made_before(&aux_first[i]))
                    && auxes
                        .iter()
                        .all(|a| a.get(i).is_some_and(|v| v.same(&aux_first[i])))
            })
            .count();
        self.aux = aux_first[..aux_shared].to_vec();
        let shared = (0..first.len())
            .take_while(|&i| {
                (!any_fails || made_before(&first[i]))
                    && ran
                        .iter()
                        .all(|(_, left)| left.get(i).is_some_and(|v| v.same(&first[i])))
            })
            .count();
        self.stack.extend(first[..shared].iter().cloned());
        let bodies: Vec<Code> = ran.iter().map(|(body, _)| body.clone()).collect();
        // A quotation literal every arm leaves in the same slot stays a literal, as the
        // checker keeps it (`[ ] swap if >aux negate aux> then`): it passes through beside
        // the arms' value, which holds only the other slots.
        let literal: Vec<bool> = (shared..first.len())
            .map(|i| {
                matches!(first[i].expr, Expr::Quot(_))
                    && ran.iter().all(|(_, left)| left[i].same(&first[i]))
            })
            .collect();
        let valued: Vec<Vec<Value>> = ran
            .iter()
            .zip(&auxes)
            .map(|((_, left), aux_left)| {
                left[shared..]
                    .iter()
                    .zip(&literal)
                    .filter(|(_, &l)| !l)
                    .map(|(v, _)| v.clone())
                    .chain(aux_left[aux_shared..].iter().cloned())
                    .collect()
            })
            .collect();
        let on_aux = aux_first.len() - aux_shared;
        let restack = |values: Vec<Value>| -> Vec<Value> {
            let mut values = values.into_iter();
            first[shared..]
                .iter()
                .zip(&literal)
                .map(|(v, &l)| {
                    if l {
                        v.clone()
                    } else {
                        values.next().expect("one value per slot")
                    }
                })
                .collect()
        };
        let rests: Vec<&[Value]> = valued.iter().map(|v| &v[..]).collect();
        if rests[0].is_empty() {
            code.push(render(&head, &arms, &bodies, &[]));
            let passed = restack(Vec::new());
            self.stack.extend(passed);
            return false;
        }
        // What the arms pass through on the aux stack stays live too.
        let mut live = self.stack.clone();
        live.extend(self.aux.iter().cloned());
        let tys: Vec<Ty> = rests[0].iter().map(|v| self.value_ty(v)).collect();
        // What the arms pass through stays live while their results are taken.
        let values: Vec<TokenStream> = self.holding(live, |e| {
            rests
                .iter()
                .zip(&fails)
                .map(|(r, failed)| if *failed { quote!() } else { e.arm_value(r) })
                .collect()
        });
        let locals: Vec<_> = tys.iter().map(|t| self.local(t)).collect();
        let binds: Vec<_> = locals.iter().map(|(l, _)| locals::bind(*l)).collect();
        let pattern = tuple(&binds.iter().map(|b| quote!(#b)).collect::<Vec<_>>());
        // Closures of different literals meet here: give the function-pointer type.
        let annotation = if tys.iter().any(|t| matches!(t, Ty::Quot(_))) {
            let t = results(self.u(), &tys);
            quote!(: #t)
        } else {
            quote!()
        };
        let chosen = render(&head, &arms, &bodies, &values);
        code.push(quote!(let #pattern #annotation = #chosen;));
        let mut values: Vec<Value> = locals.into_iter().map(|(_, v)| v).collect();
        let set_aside = values.split_off(values.len() - on_aux);
        self.stack.extend(restack(values));
        self.aux.extend(set_aside);
        false
    }

    fn arm_value(&mut self, values: &[Value]) -> TokenStream {
        let exprs = self.take_group(values, &[]);
        tuple(&exprs)
    }
}

impl Emitter<'_, '_> {
    /// `n cond`: nested `if`s, each predicate run on the value the one before left; no
    /// match panics naming `cond`.
    pub(super) fn cond(&mut self, arms: &[(Sub, Sub)], value: &Ty, result: &Ty, code: &mut Code) {
        let quotes = self.pop_n(arms.len() * 2);
        let start = self.pop();
        let start = self.take(&start);
        let (local, x) = self.local(value);
        let b = locals::bind(local);
        code.push(quote!(let #b = #start;));
        let expr = self.apart(Vec::new(), Vec::new(), |e| e.cond_arms(arms, 0, x, &quotes));
        self.bind_results(expr, std::slice::from_ref(result), code);
    }

    fn cond_arms(
        &mut self,
        arms: &[(Sub, Sub)],
        at: usize,
        x: Value,
        quotes: &[Value],
    ) -> TokenStream {
        let Some((predicate, body)) = arms.get(at) else {
            return quote!(::core::panic!("cond: no predicate matched"));
        };
        let mut test = Code::new();
        self.stack = vec![x];
        self.run(predicate, quotes, &mut test, false);
        let flag = self.pop();
        let flag = self.take(&flag);
        let kept = self.pop();
        let mut chosen = Code::new();
        self.stack = vec![kept.clone()];
        self.run(body, quotes, &mut chosen, false);
        let r = self.result();
        let rest = self.cond_arms(arms, at + 1, kept, quotes);
        quote!({ #(#test)* if #flag { #(#chosen)* #r } else { #rest } })
    }
}

/// The `if` or `match` expression; `values` are the arms' results (none: a statement).
fn render(head: &Head, arms: &[Arm], bodies: &[Code], values: &[TokenStream]) -> TokenStream {
    let value = |i: usize| values.get(i).cloned().unwrap_or_default();
    match head {
        Head::If(cond) => {
            let (a, b) = (&bodies[0], &bodies[1]);
            let (va, vb) = (value(0), value(1));
            if !values.is_empty() {
                return quote!(if #cond { #(#a)* #va } else { #(#b)* #vb });
            }
            match (a.is_empty(), b.is_empty()) {
                (true, true) => quote!(),
                (false, true) => quote!(if #cond { #(#a)* }),
                (true, false) => quote!(if !#cond { #(#b)* }),
                (false, false) => quote!(if #cond { #(#a)* } else { #(#b)* }),
            }
        }
        Head::Match(scrutinee) => {
            let arms = arms.iter().zip(bodies).enumerate().map(|(i, (arm, body))| {
                let (pattern, v) = (&arm.pattern, value(i));
                quote!(#pattern => { #(#body)* #v })
            });
            quote!(match #scrutinee { #(#arms)* })
        }
    }
}
