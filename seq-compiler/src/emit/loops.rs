//! Loops. `times` pops its quotation and count, makes the slots its body reaches loop
//! variables, and assigns back the ones the body changes; `each-integer` and
//! `integer-fold` also push the iteration number (the `for` loop's variable) before each
//! run. The list and map loops iterate over the collection by reference, push a clone of
//! each element (of each key and value), and for `list.map` / `list.filter` collect a
//! new list.

use super::body::{Code, Emitter, Expr, Value};
use super::locals::{self, Local};
use crate::check::ir::{Loop, Sub};
use crate::types::Ty;
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_, '_> {
    /// One run of a loop body: the stack is the loop variables and what each run is
    /// `given`; `after` sees what the body leaves (and may pop a result from its top)
    /// before the loop variables are assigned back for the next run.
    fn loop_body(
        &mut self,
        sub: &Sub,
        quotation: Value,
        vars: &[(Local, Value)],
        given: Vec<Value>,
        body: &mut Code,
        after: impl FnOnce(&mut Self, &mut Code),
    ) {
        let mut iteration: Vec<Value> = vars.iter().map(|(_, v)| v.clone()).collect();
        iteration.extend(given);
        let outer = std::mem::replace(&mut self.stack, iteration);
        self.saved.push(outer);
        self.run(sub, &[quotation], body, false);
        self.materialize_stack(body);
        after(self, body);
        let left = std::mem::take(&mut self.stack);
        let targets: Vec<Local> = vars.iter().map(|(l, _)| *l).collect();
        body.push(self.assign(&targets, &left));
        self.stack = self.saved.pop().expect("pushed above");
    }

    /// Pops the `n` slots a loop body carries and binds each to a variable of its own.
    fn loop_variables(&mut self, n: usize, code: &mut Code) -> Vec<(Local, Value)> {
        let inputs = self.pop_n(n);
        let initial = self.take_group(&inputs, &[]);
        let mut vars = Vec::new();
        for (input, e) in inputs.iter().zip(initial) {
            let (local, var) = self.local(&input.ty);
            let b = locals::bind(local);
            code.push(quote!(let #b = #e;));
            vars.push((local, var));
        }
        vars
    }

    /// Emits `times`, `each-integer` and `integer-fold`.
    pub(super) fn times(&mut self, sub: &Sub, kind: Loop, code: &mut Code) {
        let quote_value = self.pop();
        let accumulator = (kind == Loop::Fold).then(|| self.pop());
        let count = self.pop();
        let count = self.take(&count);
        self.stack.extend(accumulator);
        self.materialize_stack(code);
        // With an iteration number, the body's reach counts it: it sits on top.
        let numbered = kind != Loop::Times;
        let carried = sub.consumed - usize::from(numbered);
        let vars = self.loop_variables(carried, code);
        let (index, given) = if numbered {
            let (local, value) = self.local(&Ty::Int);
            let b = locals::bind(local);
            (quote!(#b), vec![value])
        } else {
            (quote!(_), Vec::new())
        };
        let mut body = Code::new();
        self.loop_body(sub, quote_value, &vars, given, &mut body, |_, _| {});
        code.push(quote!(for #index in 0..#count { #(#body)* }));
        self.stack.extend(vars.into_iter().map(|(_, v)| v));
    }

    /// Emits `list.each`, `list.map`, `list.filter` and `list.fold`.
    pub(super) fn list_loop(&mut self, sub: &Sub, kind: Loop, code: &mut Code) {
        let quote_value = self.pop();
        let accumulator = kind.folds().then(|| self.pop());
        let list = self.pop();
        self.stack.extend(accumulator);
        self.materialize_stack(code);
        // What each run is given: the element, or the key and the value.
        let given: Vec<Ty> = match &list.ty {
            Ty::List(element) => vec![(**element).clone()],
            Ty::Map(key, value) => vec![(**key).clone(), (**value).clone()],
            other => unreachable!("the checker makes this a list or map, not {other:?}"),
        };
        // The loop reads the collection by reference: it stays live while values are taken.
        self.saved.push(vec![list.clone()]);
        let vars = self.loop_variables(sub.consumed - given.len(), code);
        let list_expr = match &list.expr {
            Expr::Local(l) => {
                let r = locals::read(*l);
                quote!(#r)
            }
            _ => self.take(&list),
        };
        let element_ty = given[0].clone();
        let collect = matches!(kind, Loop::ListMap | Loop::ListFilter);
        let out = self.fresh();
        if collect {
            let b = locals::bind(out);
            code.push(quote!(let mut #b = ::std::vec::Vec::new();));
        }
        // Each run gets clones of what the iteration borrows.
        let borrowed: Vec<Local> = given.iter().map(|_| self.fresh()).collect();
        let owned: Vec<_> = given.iter().map(|t| self.local(t)).collect();
        let mut body = Code::new();
        for (b, (o, _)) in borrowed.iter().zip(&owned) {
            let (b, o) = (locals::read(*b), locals::bind(*o));
            body.push(quote!(let #o = #b.clone();));
        }
        let (item_r, out_r) = (locals::read(borrowed[0]), locals::read(out));
        let mut result_element = element_ty.clone();
        let given = owned.into_iter().map(|(_, v)| v).collect();
        self.loop_body(
            sub,
            quote_value,
            &vars,
            given,
            &mut body,
            |e, body| match kind {
                Loop::ListMap => {
                    let new = e.pop();
                    result_element = e.value_ty(&new);
                    let new = e.take(&new);
                    body.push(quote!(#out_r.push(#new);));
                }
                Loop::ListFilter => {
                    let keep = e.pop();
                    let keep = e.take(&keep);
                    body.push(quote!(if #keep { #out_r.push(#item_r.clone()); }));
                }
                _ => {}
            },
        );
        self.saved.pop();
        let pattern: Vec<_> = borrowed.iter().map(|b| locals::bind(*b)).collect();
        let pattern = match pattern.as_slice() {
            [one] => quote!(#one),
            many => quote!((#(#many),*)),
        };
        code.push(quote!(for #pattern in #list_expr.iter() { #(#body)* }));
        self.stack.extend(vars.into_iter().map(|(_, v)| v));
        if collect {
            let result: TokenStream = quote!(::seq::runtime::List::from(#out_r));
            self.bind_results(result, &[Ty::List(Box::new(result_element))], code);
        }
    }
}
