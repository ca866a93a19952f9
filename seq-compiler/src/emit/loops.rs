//! Loops. `file.for-each-line` is a `for` over the lines of a file, as `each-integer`
//! is over its count. `times` pops its quotation and count, makes the slots its body reaches loop
//! variables, and assigns back the ones the body changes; `each-integer` and
//! `integer-fold` also push the iteration number (the `for` loop's variable) before each
//! run. The list and map loops iterate over the collection by reference, push a clone of
//! each element (of each key and value), and for `list.map` / `list.filter` collect a
//! new list. A `list.map` whose body changes nothing below the element is an iterator
//! (`list.iter().map(|x| ..).collect()`, which LLVM vectorizes); one that does and maps
//! to Ints, Floats, Bools or Symbols fills a vector made at its full length; other maps
//! push into a vector of the list's capacity. In async mode a body that waits is never
//! an iterator's closure (a closure cannot `.await`): its map is a `for` loop.

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

    /// Pops the `n` slots a loop body carries and gives each a variable of its own; returns
    /// the variables and their initial values (bound by [`Self::bind_loop_variables`]).
    fn loop_variables(&mut self, n: usize) -> (Vec<(Local, Value)>, Vec<TokenStream>) {
        let inputs = self.pop_n(n);
        let initial = self.take_group(&inputs, &[]);
        let vars = inputs.iter().map(|input| self.local(&input.ty)).collect();
        (vars, initial)
    }

    /// Binds the loop variables (lists built in the loop as `Vec`s) and marks the builders.
    fn bind_loop_variables(
        &mut self,
        vars: &[(Local, Value)],
        initial: Vec<TokenStream>,
        builders: &[Local],
        code: &mut Code,
    ) {
        for ((local, _), init) in vars.iter().zip(initial) {
            code.push(self.bind_loop_variable(*local, init, builders.contains(local)));
        }
        self.builders.extend(builders);
    }

    /// After the loop: the variables are the stack again (builders lists again).
    fn end_loop_variables(
        &mut self,
        vars: Vec<(Local, Value)>,
        builders: &[Local],
        code: &mut Code,
    ) {
        self.builders.retain(|l| !builders.contains(l));
        for (local, value) in vars {
            let value = if builders.contains(&local) {
                self.finish_builder(value, code)
            } else {
                value
            };
            self.stack.push(value);
        }
    }

    /// Emits `times`, `each-integer` and `integer-fold`.
    pub(super) fn times(&mut self, sub: &Sub, kind: Loop, code: &mut Code) {
        let quote_value = self.pop();
        let accumulator = (kind == Loop::Fold).then(|| self.pop());
        let count = self.pop();
        let count = match &count.expr {
            // `0..0i64` is a Clippy error in the user's crate (an empty range): a
            // constant count is bound first.
            Expr::Const(_) => {
                let (local, value) = self.local(&Ty::Int);
                let (b, c) = (locals::bind(local), self.take(&count));
                code.push(quote!(let #b = #c;));
                self.take(&value)
            }
            _ => self.take(&count),
        };
        self.stack.extend(accumulator);
        self.materialize_stack(code);
        // With an iteration number, the body's reach counts it: it sits on top.
        let numbered = kind != Loop::Times;
        let carried = sub.consumed - usize::from(numbered);
        let (vars, initial) = self.loop_variables(carried);
        let (index, given) = if numbered {
            let (local, value) = self.local(&Ty::Int);
            let b = locals::bind(local);
            (quote!(#b), vec![value])
        } else {
            (quote!(_), Vec::new())
        };
        let builders = self.builder_vars(&vars, |e, body| {
            e.loop_body(
                sub,
                quote_value.clone(),
                &vars,
                given.clone(),
                body,
                |_, _| {},
            )
        });
        self.bind_loop_variables(&vars, initial, &builders, code);
        let mut body = Code::new();
        self.loop_body(sub, quote_value, &vars, given, &mut body, |_, _| {});
        code.push(quote!(for #index in 0..#count { #(#body)* }));
        self.end_loop_variables(vars, &builders, code);
    }

    /// Emits `file.for-each-line`: the slots the body reaches below the line are loop
    /// variables, each line is bound by the `for` over the file's lines (the runtime's
    /// `fs::Lines`), and whether the file was read whole comes after.
    pub(super) fn file_lines(&mut self, sub: &Sub, code: &mut Code) {
        let quote_value = self.pop();
        let path = self.pop();
        let path = self.take_group(&[path], &[true]).remove(0);
        self.materialize_stack(code);
        // The body's reach counts the line: it sits on top.
        let (vars, initial) = self.loop_variables(sub.consumed.saturating_sub(1));
        let (line, line_value) = self.local(&Ty::Str);
        let given = vec![line_value];
        let builders = self.builder_vars(&vars, |e, body| {
            e.loop_body(
                sub,
                quote_value.clone(),
                &vars,
                given.clone(),
                body,
                |_, _| {},
            )
        });
        self.bind_loop_variables(&vars, initial, &builders, code);
        let mut body = Code::new();
        self.loop_body(sub, quote_value, &vars, given, &mut body, |_, _| {});
        let lines = self.fresh();
        let (lines_b, lines_r, line_b) =
            (locals::bind(lines), locals::read(lines), locals::bind(line));
        code.push(quote!(let mut #lines_b = ::seq::runtime::fs::Lines::open(&#path);));
        code.push(quote!(for #line_b in &mut #lines_r { #(#body)* }));
        self.end_loop_variables(vars, &builders, code);
        self.bind_results(quote!(#lines_r.succeeded()), &[Ty::Bool], code);
    }

    /// Emits `while` / `until`: `loop { cond; if !c { (vars) = (..); break; } body;
    /// (vars) = (..); }`.
    pub(super) fn while_loop(&mut self, cond: &Sub, body: &Sub, until: bool, code: &mut Code) {
        let quotes = self.pop_n(2);
        let (vars, targets) = self.enter_loop(cond.consumed.max(body.consumed), code);
        let mut iteration = Code::new();
        self.run(cond, &quotes, &mut iteration, false);
        let flag = self.pop();
        let flag = self.take(&flag);
        // Stopping keeps what the condition left.
        let after_cond = std::mem::take(&mut self.stack);
        let stop = self.assign(&targets, &after_cond);
        self.stack = after_cond;
        iteration.push(if until {
            quote!(if #flag { #stop break; })
        } else {
            quote!(if !#flag { #stop break; })
        });
        self.run(body, &quotes, &mut iteration, false);
        let left = std::mem::take(&mut self.stack);
        iteration.push(self.assign(&targets, &left));
        self.stack = self.saved.pop().expect("pushed above");
        code.push(quote!(loop { #(#iteration)* }));
        self.stack.extend(vars.into_iter().map(|(_, v)| v));
    }

    /// Emits `list.each`, `list.map`, `list.filter` and `list.fold`.
    pub(super) fn list_loop(&mut self, sub: &Sub, kind: Loop, captured: usize, code: &mut Code) {
        let quote_value = self.pop();
        // Values the quotation captured (upstream's form): each run gets them on top.
        let captured: Vec<Value> = self
            .pop_n(captured)
            .into_iter()
            .map(|v| self.materialized(v, code))
            .collect();
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
        // The loop reads the collection by reference, and each run copies what was
        // captured: both stay live while values are taken.
        let mut held = vec![list.clone()];
        held.extend(captured.iter().cloned());
        self.saved.push(held);
        // A quotation may leave the element untouched (`[ ] list.filter` on Bools): then it
        // reaches below none of the given values, and carries nothing.
        let given_here = given.len() + captured.len();
        let (vars, initial) = self.loop_variables(sub.consumed.saturating_sub(given_here));
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
        // Each run gets clones of what the iteration borrows.
        let borrowed: Vec<Local> = given.iter().map(|_| self.fresh()).collect();
        let owned: Vec<_> = given.iter().map(|t| self.local(t)).collect();
        let mut body = Code::new();
        for (b, (o, _)) in borrowed.iter().zip(&owned) {
            let (b, o) = (locals::read(*b), locals::bind(*o));
            body.push(quote!(let #o = #b.clone();));
        }
        let (item_r, out_r) = (locals::read(borrowed[0]), locals::read(out));
        // An iterator's closure cannot await: a body that waits is a `for` loop.
        let iterator = !(self.asynchronous && self.awaits.waits.sub(sub));
        let mut state = Collected {
            element: element_ty.clone(),
            fill: false,
            pure_map: kind == Loop::ListMap && vars.is_empty() && iterator,
            mapped: TokenStream::new(),
        };
        let given: Vec<Value> = owned
            .into_iter()
            .map(|(_, v)| v)
            .chain(captured.iter().cloned())
            .collect();
        // One run of the body, emitted on a copy of the emitter to decide how to emit it.
        let one_run = |e: &mut Emitter, scratch: &mut Code, dry: &mut Collected| {
            e.loop_body(
                sub,
                quote_value.clone(),
                &vars,
                given.clone(),
                scratch,
                |e, run| collect_step(e, run, kind, &item_r, &out_r, dry),
            )
        };
        // A map that only reads the values below its element is still an iterator map.
        if kind == Loop::ListMap && !vars.is_empty() && iterator {
            let mut dry = Collected {
                pure_map: true,
                ..state.clone()
            };
            let (tokens, ()) = self.dry_run(|e, scratch| one_run(e, scratch, &mut dry));
            state.pure_map = !vars
                .iter()
                .any(|(l, _)| super::builders::assigns(&tokens, *l));
        }
        let builders =
            self.builder_vars(&vars, |e, scratch| one_run(e, scratch, &mut state.clone()));
        self.bind_loop_variables(&vars, initial, &builders, code);
        self.loop_body(sub, quote_value, &vars, given, &mut body, |e, body| {
            collect_step(e, body, kind, &item_r, &out_r, &mut state)
        });
        let Collected {
            element: result_element,
            fill,
            pure_map,
            mapped,
        } = state;
        self.saved.pop();
        let pattern: Vec<_> = borrowed.iter().map(|b| locals::bind(*b)).collect();
        let pattern = match pattern.as_slice() {
            [one] => quote!(#one),
            many => quote!((#(#many),*)),
        };
        let out_b = locals::bind(out);
        match kind {
            Loop::ListMap if pure_map => {
                let ty = super::rust_ty::rust_ty(self.u(), &result_element);
                code.push(quote!(
                    let #out_b: ::std::vec::Vec<#ty> = #list_expr.iter().map(|#pattern| { #(#body)* #mapped }).collect();
                ));
            }
            Loop::ListMap if fill => {
                let zero = super::rust_ty::default_value(self.u(), &result_element);
                code.push(quote!(let mut #out_b = ::std::vec![#zero; #list_expr.iter().len()];));
                code.push(quote!(for (slot, #pattern) in #out_r.iter_mut().zip(#list_expr.iter()) { #(#body)* }));
            }
            _ => {
                if kind == Loop::ListMap {
                    code.push(quote!(let mut #out_b = ::std::vec::Vec::with_capacity(#list_expr.iter().len());));
                } else if kind == Loop::ListFilter {
                    code.push(quote!(let mut #out_b = ::std::vec::Vec::new();));
                }
                code.push(quote!(for #pattern in #list_expr.iter() { #(#body)* }));
            }
        }
        self.end_loop_variables(vars, &builders, code);
        if collect {
            let result: TokenStream = quote!(::seq::runtime::List::from(#out_r));
            self.bind_results(result, &[Ty::List(Box::new(result_element))], code);
        }
    }
}

/// What a `list.map` / `list.filter` run produces, decided while emitting its body.
#[derive(Clone)]
struct Collected {
    /// The new list's element type.
    element: Ty,
    /// The map fills a vector made at full length.
    fill: bool,
    /// The map touches nothing below the element: an iterator `map`.
    pure_map: bool,
    /// For a pure map, the mapped value's expression.
    mapped: TokenStream,
}

/// The end of one `list.map` / `list.filter` run: keep the mapped value, or the element.
fn collect_step(
    e: &mut Emitter,
    body: &mut Code,
    kind: Loop,
    item: &proc_macro2::Ident,
    out: &proc_macro2::Ident,
    state: &mut Collected,
) {
    match kind {
        Loop::ListMap => {
            let new = e.pop();
            state.element = e.value_ty(&new);
            state.fill = matches!(state.element, Ty::Int | Ty::Float | Ty::Bool | Ty::Sym);
            let new = e.take(&new);
            if state.pure_map {
                state.mapped = new;
            } else if state.fill {
                body.push(quote!(*slot = #new;));
            } else {
                body.push(quote!(#out.push(#new);));
            }
        }
        Loop::ListFilter => {
            let keep = e.pop();
            let keep = e.take(&keep);
            body.push(quote!(if #keep { #out.push(#item.clone()); }));
        }
        _ => {}
    }
}

impl Emitter<'_, '_> {
    /// `Op::Loop`: an expanded word that calls itself. The slots its body reaches are the
    /// loop's variables; a call of itself assigns them and continues, a path that ends
    /// breaks out with what it leaves: `let (v7, v8) = loop { .. };`.
    pub(super) fn expansion_loop(&mut self, body: &Sub, outputs: &[Ty], code: &mut Code) {
        let (_, targets) = self.enter_loop(body.consumed, code);
        let enclosing = self.expansion_loop.replace(targets);
        let mut iteration = Code::new();
        if !self.run(body, &[], &mut iteration, true) {
            iteration.push(self.leave());
        }
        self.expansion_loop = enclosing;
        self.stack = self.saved.pop().expect("pushed above");
        self.bind_results(quote!(loop { #(#iteration)* }), outputs, code);
    }

    /// Starts a loop over the `carried` slots on top: they become the loop's variables
    /// (bound here, the stack inside the loop), the rest of the stack stays live. Returns
    /// the variables and their locals, for assignments; the caller restores the stack from
    /// `saved` after the loop.
    fn enter_loop(&mut self, carried: usize, code: &mut Code) -> (Vec<(Local, Value)>, Vec<Local>) {
        self.materialize_stack(code);
        let (vars, initial) = self.loop_variables(carried);
        self.bind_loop_variables(&vars, initial, &[], code);
        let targets: Vec<Local> = vars.iter().map(|(l, _)| *l).collect();
        let outer = std::mem::replace(
            &mut self.stack,
            vars.iter().map(|(_, v)| v.clone()).collect(),
        );
        self.saved.push(outer);
        (vars, targets)
    }

    /// Where a path in tail position ends: `return` from the word, or `break` out of the
    /// loop of an expanded word, with the stack as the value.
    pub(super) fn leave(&mut self) -> TokenStream {
        let result = self.result();
        match self.expansion_loop {
            Some(_) => quote!(break #result;),
            None => quote!(return #result;),
        }
    }
}
