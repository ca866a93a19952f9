//! Loops. `times` pops its quotation and count, makes the slots its body reaches loop
//! variables, and assigns back the ones the body changes; `each-integer` and
//! `integer-fold` also push the iteration number (the `for` loop's variable) before each
//! run. The list loops iterate over the list by reference, push a clone of each element,
//! and for `list.map` / `list.filter` collect a new list.

use super::body::{Code, Emitter, Expr};
use super::locals::{self, Local};
use crate::check::ir::{Loop, Sub};
use crate::types::Ty;
use proc_macro2::TokenStream;
use quote::quote;

impl Emitter<'_, '_> {
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
        let inputs = self.pop_n(carried);
        let initial = self.take_group(&inputs, &[]);
        let mut vars = Vec::new();
        for (input, e) in inputs.iter().zip(initial) {
            let (local, var) = self.local(&input.ty);
            let b = locals::bind(local);
            code.push(quote!(let #b = #e;));
            vars.push((local, var));
        }
        let mut iteration = vars.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>();
        let index = if numbered {
            let (local, value) = self.local(&Ty::Int);
            iteration.push(value);
            let b = locals::bind(local);
            quote!(#b)
        } else {
            quote!(_)
        };
        let outer = std::mem::replace(&mut self.stack, iteration);
        let mut body = Code::new();
        self.saved.push(outer);
        self.run(sub, &[quote_value], &mut body, false);
        self.materialize_stack(&mut body);
        let left = std::mem::take(&mut self.stack);
        let targets: Vec<Local> = vars.iter().map(|(l, _)| *l).collect();
        body.push(self.assign(&targets, &left));
        self.stack = self.saved.pop().expect("pushed above");
        code.push(quote!(for #index in 0..#count { #(#body)* }));
        self.stack.extend(vars.into_iter().map(|(_, v)| v));
    }

    /// Emits `list.each`, `list.map`, `list.filter` and `list.fold`.
    pub(super) fn list_loop(&mut self, sub: &Sub, kind: Loop, code: &mut Code) {
        let quote_value = self.pop();
        let accumulator = (kind == Loop::ListFold).then(|| self.pop());
        let list = self.pop();
        self.stack.extend(accumulator);
        self.materialize_stack(code);
        // The loop reads the list by reference: it stays live while values are taken.
        self.saved.push(vec![list.clone()]);
        let inputs = self.pop_n(sub.consumed - 1);
        let initial = self.take_group(&inputs, &[]);
        let mut vars = Vec::new();
        for (input, e) in inputs.iter().zip(initial) {
            let (local, var) = self.local(&input.ty);
            let b = locals::bind(local);
            code.push(quote!(let #b = #e;));
            vars.push((local, var));
        }
        let list_expr = match &list.expr {
            Expr::Local(l) => {
                let r = locals::read(*l);
                quote!(#r)
            }
            _ => self.take(&list),
        };
        let element_ty = match &list.ty {
            Ty::List(element) => (**element).clone(),
            other => unreachable!("the checker makes this a list, not {other:?}"),
        };
        let collect = matches!(kind, Loop::ListMap | Loop::ListFilter);
        let out = self.fresh();
        if collect {
            let b = locals::bind(out);
            code.push(quote!(let mut #b = ::std::vec::Vec::new();));
        }
        let (item, element) = (self.fresh(), self.local(&element_ty));
        let mut iteration: Vec<_> = vars.iter().map(|(_, v)| v.clone()).collect();
        iteration.push(element.1.clone());
        let outer = std::mem::replace(&mut self.stack, iteration);
        self.saved.push(outer);
        let mut body = Code::new();
        let (item_b, item_r, element_b) = (
            locals::bind(item),
            locals::read(item),
            locals::bind(element.0),
        );
        body.push(quote!(let #element_b = #item_r.clone();));
        self.run(sub, &[quote_value], &mut body, false);
        self.materialize_stack(&mut body);
        let out_r = locals::read(out);
        let mut result_element = element_ty.clone();
        match kind {
            Loop::ListMap => {
                let new = self.pop();
                result_element = self.value_ty(&new);
                let new = self.take(&new);
                body.push(quote!(#out_r.push(#new);));
            }
            Loop::ListFilter => {
                let keep = self.pop();
                let keep = self.take(&keep);
                body.push(quote!(if #keep { #out_r.push(#item_r.clone()); }));
            }
            _ => {}
        }
        let left = std::mem::take(&mut self.stack);
        let targets: Vec<Local> = vars.iter().map(|(l, _)| *l).collect();
        body.push(self.assign(&targets, &left));
        self.stack = self.saved.pop().expect("pushed above");
        self.saved.pop();
        code.push(quote!(for #item_b in #list_expr.iter() { #(#body)* }));
        self.stack.extend(vars.into_iter().map(|(_, v)| v));
        if collect {
            let result: TokenStream = quote!(::seq::runtime::List::from(#out_r));
            self.bind_results(result, &[Ty::List(Box::new(result_element))], code);
        }
    }
}
