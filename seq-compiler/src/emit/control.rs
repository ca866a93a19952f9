//! Conditionals.
//!
//! A conditional pops its quotations and condition, then the slots its arms reach (the
//! deeper of the two). Each arm runs over its own copy of those slots; slots both arms
//! leave untouched pass through, the rest become the `if` expression's value:
//! `let (v7, v8) = if c { ...; (a, b) } else { ...; (c, d) };`. In tail position of a
//! word that loops, both arms run over the whole stack and end in `return` or `continue`.
//!
//! Loops are in `loops`.

use super::body::{Code, Emitter, Value};
use super::locals;
use super::rust_ty::results;
use super::values::tuple;
use crate::check::ir::Sub;
use crate::types::Ty;
use proc_macro2::TokenStream;
use quote::quote;

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
        if tail {
            let start = self.stack.clone();
            let mut arms = Vec::new();
            for sub in [then, otherwise] {
                self.stack = start.clone();
                let mut arm = Code::new();
                if !self.run(sub, &quotes, &mut arm, true) {
                    let result = self.result();
                    arm.push(quote!(return #result;));
                }
                arms.push(arm);
            }
            let (a, b) = (&arms[0], &arms[1]);
            code.push(quote!(if #cond { #(#a)* } else { #(#b)* }));
            return true;
        }
        let reach = then.consumed.max(otherwise.consumed);
        let inputs = self.pop_n(reach);
        let outer = std::mem::take(&mut self.stack);
        let mut arms: Vec<(Code, Vec<Value>)> = Vec::new();
        self.saved.push(outer);
        for sub in [then, otherwise] {
            self.stack = inputs.clone();
            let mut arm = Code::new();
            self.run(sub, &quotes, &mut arm, false);
            arms.push((arm, std::mem::take(&mut self.stack)));
        }
        self.stack = self.saved.pop().expect("pushed above");
        let [(code_a, left_a), (code_b, left_b)] = <[_; 2]>::try_from(arms).expect("two arms");
        let shared = left_a
            .iter()
            .zip(&left_b)
            .take_while(|(a, b)| a.same(b))
            .count();
        self.stack.extend(left_a[..shared].iter().cloned());
        let (rest_a, rest_b) = (&left_a[shared..], &left_b[shared..]);
        if rest_a.is_empty() {
            code.push(match (code_a.is_empty(), code_b.is_empty()) {
                (true, true) => quote!(),
                (false, true) => quote!(if #cond { #(#code_a)* }),
                (true, false) => quote!(if !#cond { #(#code_b)* }),
                (false, false) => quote!(if #cond { #(#code_a)* } else { #(#code_b)* }),
            });
            return false;
        }
        let tys: Vec<Ty> = rest_a.iter().map(|v| self.value_ty(v)).collect();
        // What the arms pass through stays live while their results are taken.
        let (value_a, value_b) = self.holding(self.stack.clone(), |e| {
            (e.arm_value(rest_a), e.arm_value(rest_b))
        });
        let values: Vec<_> = tys.iter().map(|t| self.local(t)).collect();
        let binds: Vec<_> = values.iter().map(|(l, _)| locals::bind(*l)).collect();
        let pattern = tuple(&binds.iter().map(|b| quote!(#b)).collect::<Vec<_>>());
        // Closures of different literals meet here: give the function-pointer type.
        let annotation = if tys.iter().any(|t| matches!(t, Ty::Quot(_))) {
            let t = results(self.u(), &tys);
            quote!(: #t)
        } else {
            quote!()
        };
        code.push(quote!(
            let #pattern #annotation = if #cond { #(#code_a)* #value_a } else { #(#code_b)* #value_b };
        ));
        self.stack.extend(values.into_iter().map(|(_, v)| v));
        false
    }

    fn arm_value(&mut self, values: &[Value]) -> TokenStream {
        let exprs = self.take_group(values, &[]);
        tuple(&exprs)
    }
}
