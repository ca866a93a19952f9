//! The symbolic stack's values and how generated code consumes them.
//!
//! A [`Value`] is a local, a constant expression (a literal, re-evaluated wherever used),
//! or a quotation literal not yet turned into a closure. Duplicating a value only shares
//! it: a local is cloned at the one place where it is moved while another slot (or a
//! value set aside by a combinator, or the stack below a branch) still holds it. Values
//! used by reference are never cloned. Results of computations are bound to fresh locals
//! in order, so evaluation order is the Seq program's.

use super::body::Emitter;
use super::locals::{self, Local};
use super::rust_ty::{results, rust_ty};
use crate::check::ir::QuotKey;
use crate::types::Ty;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// Statements emitted so far, in order.
pub type Code = Vec<TokenStream>;

/// What a stack slot holds in generated code.
#[derive(Clone, Debug)]
pub enum Expr {
    /// A local variable.
    Local(Local),
    /// A side-effect-free constant expression.
    Const(TokenStream),
    /// A quotation literal that has not been needed as a value yet.
    Quot(QuotKey),
    /// A string literal: a new `String` wherever it is taken, the literal itself where
    /// a `&str` is (see [`crate::builtins::Builtin::strs`]).
    Text(String),
}

/// One slot of the symbolic stack.
#[derive(Clone, Debug)]
pub struct Value {
    /// Its expression.
    pub expr: Expr,
    /// Its Seq type.
    pub ty: Ty,
    /// The shuffle word (`dup`, `over`, ..) that made this slot share its local with
    /// another: a clone the sharing causes is located there, so rustc's complaint about
    /// a type without `Clone` underlines that word.
    pub shared_at: Option<Span>,
}

/// The expression a Seq string literal becomes: a fresh `String` (`String::default()`
/// for "": `&String::from("")` passed where a `&str` is expected is a Clippy warning in
/// the user's crate).
fn string_literal(text: &str) -> TokenStream {
    if text.is_empty() {
        return quote!(::std::string::String::default());
    }
    let text = Literal::string(text);
    quote!(::std::string::String::from(#text))
}

impl Value {
    /// This value, marked as shared by the word at `at`.
    pub fn shared_by(mut self, at: Span) -> Value {
        self.shared_at = Some(at);
        self
    }

    /// `local.clone()`, a clone of this value's local, located at the word that shared
    /// it, if one did (a `Clone` the type lacks is reported there).
    fn clone_of(&self, local: &Ident) -> TokenStream {
        let clone = quote!(#local.clone());
        match self.shared_at {
            Some(at) => super::spans::located_at(clone, at),
            None => clone,
        }
    }

    /// Whether two slots hold the very same value (not just equal ones).
    pub fn same(&self, other: &Value) -> bool {
        match (&self.expr, &other.expr) {
            (Expr::Local(a), Expr::Local(b)) => a == b,
            (Expr::Quot(a), Expr::Quot(b)) => a == b,
            (Expr::Const(a), Expr::Const(b)) => a.to_string() == b.to_string(),
            (Expr::Text(a), Expr::Text(b)) => a == b,
            _ => false,
        }
    }
}

impl Emitter<'_, '_> {
    /// The expression that consumes a value.
    pub(super) fn take(&mut self, value: &Value) -> TokenStream {
        self.take_group(std::slice::from_ref(value), &[]).remove(0)
    }

    /// Expressions consuming values together (one call's arguments, one result tuple).
    /// Duplicating a value only shares its local; a value is cloned where it is moved
    /// while its local is still needed: by a live slot, or by another value of the group.
    /// Values marked in `borrowed` are used by reference and never cloned.
    pub(super) fn take_group(&mut self, values: &[Value], borrowed: &[bool]) -> Vec<TokenStream> {
        let by_ref = |i: usize| borrowed.get(i).copied().unwrap_or(false);
        let mut exprs = Vec::with_capacity(values.len());
        for (i, value) in values.iter().enumerate() {
            exprs.push(match &value.expr {
                Expr::Local(l) => {
                    let r = locals::read(*l);
                    let needed_after = self.is_live(*l)
                        || values.iter().enumerate().any(|(j, other)| {
                            j != i
                                && (j > i || by_ref(j))
                                && matches!(other.expr, Expr::Local(m) if m == *l)
                        });
                    if !by_ref(i) && !value.ty.is_copy() && needed_after {
                        value.clone_of(&r)
                    } else {
                        quote!(#r)
                    }
                }
                Expr::Const(c) => c.clone(),
                Expr::Text(s) => string_literal(s),
                Expr::Quot(key) => self.closure(*key),
            });
        }
        exprs
    }

    /// Whether consuming `values[i]` with the others of its group is its last use: a
    /// constant (a fresh value each time), or a local that no live slot and no other
    /// value of the group holds. A borrowed value at its last use may be moved instead.
    pub(super) fn last_use(&self, values: &[Value], i: usize) -> bool {
        match &values[i].expr {
            Expr::Const(_) | Expr::Text(_) => true,
            Expr::Quot(_) => false,
            Expr::Local(l) => {
                !self.is_live(*l)
                    && !values
                        .iter()
                        .enumerate()
                        .any(|(j, other)| j != i && matches!(other.expr, Expr::Local(m) if m == *l))
            }
        }
    }

    /// Whether a slot other than those being consumed holds this local.
    pub(super) fn is_live(&self, local: Local) -> bool {
        let holds = |v: &Value| matches!(v.expr, Expr::Local(l) if l == local);
        self.stack
            .iter()
            .chain(&self.aux)
            .chain(self.saved.iter().flatten())
            .any(holds)
    }

    /// `(a, b) = (x, y);`: assigns values to locals (a tail call's parameters, a loop's
    /// variables), skipping those that already hold their value.
    pub(super) fn assign(&mut self, targets: &[Local], values: &[Value]) -> TokenStream {
        let (mut unchanged, mut changed) = (Vec::new(), Vec::new());
        for (target, value) in targets.iter().zip(values) {
            if matches!(value.expr, Expr::Local(l) if l == *target) {
                unchanged.push(value.clone());
            } else {
                changed.push((*target, value.clone()));
            }
        }
        // Locals that keep their value stay live while the others are taken.
        self.saved.push(unchanged);
        let values: Vec<Value> = changed.iter().map(|(_, v)| v.clone()).collect();
        let exprs = self.take_group(&values, &[]);
        self.saved.pop();
        let targets: Vec<Ident> = changed.iter().map(|(t, _)| locals::assign(*t)).collect();
        match targets.len() {
            0 => quote!(),
            1 => {
                let (t, e) = (&targets[0], &exprs[0]);
                quote!(#t = #e;)
            }
            _ => quote!((#(#targets),*) = (#(#exprs),*);),
        }
    }

    /// Runs `body` with `values` kept live (a value set aside while a quotation runs).
    pub(super) fn holding<T>(
        &mut self,
        values: Vec<Value>,
        body: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.saved.push(values);
        let result = body(self);
        self.saved.pop();
        result
    }

    /// Runs `body` on a stack of its own (`stack`, and an empty aux stack), as a closure,
    /// a strand or a `cond` arm does; what it replaces, and `held`, stay live meanwhile.
    /// Restores the stacks afterwards.
    pub(super) fn apart<T>(
        &mut self,
        stack: Vec<Value>,
        held: Vec<Value>,
        body: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let outer = std::mem::replace(&mut self.stack, stack);
        let outer_aux = std::mem::take(&mut self.aux);
        let mut live = held;
        live.extend(outer.iter().chain(&outer_aux).cloned());
        let result = self.holding(live, body);
        self.stack = outer;
        self.aux = outer_aux;
        result
    }

    /// The type a value has as a Rust value (a literal's type once it is a closure).
    pub(super) fn value_ty(&self, value: &Value) -> Ty {
        match &value.expr {
            Expr::Quot(key) => match &self.word.lits[*key].value {
                Some((ty, _)) => self.u().resolve(ty),
                None => value.ty.clone(),
            },
            _ => self.u().resolve(&value.ty),
        }
    }

    /// A copy of a value in a local of its own (a clone unless its type is `Copy`), for a
    /// closure that moves it to another strand.
    pub(super) fn own_copy(&mut self, value: &Value, code: &mut Code) -> Value {
        match &value.expr {
            Expr::Local(l) if !value.ty.is_copy() => {
                let (local, copy) = self.local(&value.ty);
                let (b, r) = (locals::bind(local), locals::read(*l));
                let clone = value.clone_of(&r);
                code.push(quote!(let #b = #clone;));
                copy
            }
            _ => value.clone(),
        }
    }

    /// Binds an expression's results to fresh locals and pushes them.
    pub(super) fn bind_results(&mut self, expr: TokenStream, tys: &[Ty], code: &mut Code) {
        self.bind(expr, tys, false, code);
    }

    /// As [`Emitter::bind_results`], with the results' types written out (a call of a
    /// generic word whose results only the caller fixes).
    pub(super) fn bind_typed(&mut self, expr: TokenStream, tys: &[Ty], code: &mut Code) {
        self.bind(expr, tys, true, code);
    }

    fn bind(&mut self, expr: TokenStream, tys: &[Ty], typed: bool, code: &mut Code) {
        let values: Vec<(Local, Value)> = tys.iter().map(|t| self.local(t)).collect();
        let binds: Vec<Ident> = values.iter().map(|(l, _)| locals::bind(*l)).collect();
        // A channel's or list's element type may be fixed only later: spell it out.
        let annotation = if typed || values.iter().any(|(_, v)| has_channel(&v.ty)) {
            let t = results(self.u(), tys);
            quote!(: #t)
        } else {
            quote!()
        };
        code.push(match binds.as_slice() {
            [] => quote!(#expr;),
            [one] => quote!(let #one #annotation = #expr;),
            many => quote!(let (#(#many),*) #annotation = #expr;),
        });
        self.stack.extend(values.into_iter().map(|(_, v)| v));
    }

    /// Turns a quotation literal into a local holding its closure, typed as a function
    /// pointer.
    pub(super) fn materialized(&mut self, value: Value, code: &mut Code) -> Value {
        let Expr::Quot(key) = value.expr else {
            return value;
        };
        let ty = self.value_ty(&value);
        let rust = rust_ty(self.u(), &ty);
        let closure = self.closure(key);
        let (local, v) = self.local(&ty);
        let b = locals::bind(local);
        code.push(quote!(let #b: #rust = #closure;));
        v
    }

    /// Makes every quotation literal on the stack a value (before a loop).
    pub(super) fn materialize_stack(&mut self, code: &mut Code) {
        for i in 0..self.stack.len() {
            if matches!(self.stack[i].expr, Expr::Quot(_)) {
                let v = self.stack[i].clone();
                self.stack[i] = self.materialized(v, code);
            }
        }
    }

    /// The whole stack as one expression: nothing, the value, or a tuple.
    pub(super) fn result(&mut self) -> TokenStream {
        let values = std::mem::take(&mut self.stack);
        let exprs = self.take_group(&values, &[]);
        tuple(&exprs)
    }

    /// The closure of a quotation literal, from the body checked on its own.
    pub(super) fn closure(&mut self, key: QuotKey) -> TokenStream {
        let (_, sub, q, params, declared) = self.literal_parameters(key);
        let mut code = Code::new();
        let inputs = params.into_iter().map(|(_, v)| v).collect();
        // A closure is a value, called synchronously: its body is never async.
        let result = self.apart(inputs, Vec::new(), |e| {
            e.synchronously(|e| {
                e.run(&sub, &[], &mut code, false);
                e.result()
            })
        });
        if q.output.items.is_empty() {
            quote!(|#(#declared),*| { #(#code)* })
        } else {
            let ret = results(self.u(), &q.output.items);
            quote!(|#(#declared),*| -> #ret { #(#code)* #result })
        }
    }
}

impl Emitter<'_, '_> {
    /// `Op::Capture`: the literal `depth` slots down becomes a closure holding the `count`
    /// values below it: `let v9: Arc<dyn Fn(i64) -> i64 + Send + Sync> = { let v7 = v2;
    /// Arc::new(move |v8: i64| -> i64 { .. }) };`.
    pub(super) fn capture(&mut self, depth: usize, count: usize, code: &mut Code) {
        let at = self.stack.len() - 1 - depth;
        let literal = self.stack.remove(at);
        let captured: Vec<Value> = self.stack.drain(at - count..at).collect();
        let Expr::Quot(key) = literal.expr else {
            unreachable!("the checker captures only for quotation literals")
        };
        let exprs = self.take_group(&captured, &[]);
        let mut setup = Code::new();
        let mut held = Vec::new();
        for (value, expr) in captured.iter().zip(exprs) {
            let (local, held_value) = self.local(&value.ty);
            let b = locals::bind(local);
            setup.push(quote!(let #b = #expr;));
            held.push(held_value);
        }
        let (ty, sub, q, params, declared) = self.literal_parameters(key);
        // The closure's inputs, then what it captured on top.
        let mut inner: Vec<Value> = params.into_iter().map(|(_, v)| v).collect();
        inner.extend(held.iter().cloned());
        let mut body = Code::new();
        // Captured values belong to the closure: each call uses copies.
        let result = self.apart(inner, held, |e| {
            e.synchronously(|e| {
                e.run(&sub, &[], &mut body, false);
                e.result()
            })
        });
        let ret = results(self.u(), &q.output.items);
        let rust = rust_ty(self.u(), &ty);
        let (local, value) = self.local(&ty);
        let b = locals::bind(local);
        code.push(quote!(
            let #b: #rust = { #(#setup)* ::std::sync::Arc::new(move |#(#declared),*| -> #ret { #(#body)* #result }) };
        ));
        self.stack.insert(at - count, value);
    }
}

/// A quotation literal's value: its type, body, effect, parameters and their declarations.
type LiteralParts = (
    Ty,
    crate::check::ir::Sub,
    Box<crate::types::QuotTy>,
    Vec<(Local, Value)>,
    Vec<TokenStream>,
);

impl Emitter<'_, '_> {
    /// The value type and body the checker gave a literal, with a fresh local per input
    /// and its `name: Type` declaration.
    fn literal_parameters(&mut self, key: QuotKey) -> LiteralParts {
        let (ty, sub) = self.word.lits[key]
            .value
            .clone()
            .expect("the checker types every literal the emitter turns into a value");
        let Ty::Quot(q) = self.u().resolve(&ty) else {
            unreachable!("a literal's value type is a quotation")
        };
        let params: Vec<(Local, Value)> = q.input.items.iter().map(|t| self.local(t)).collect();
        let declared = params
            .iter()
            .map(|(l, v)| {
                let (b, t) = (locals::bind(*l), rust_ty(self.u(), &v.ty));
                quote!(#b: #t)
            })
            .collect();
        (ty, sub, q, params, declared)
    }
}

fn has_channel(ty: &Ty) -> bool {
    match ty {
        Ty::Chan(_) | Ty::List(_) | Ty::Map(..) | Ty::Weave(..) | Ty::Ctx(..) => true,
        Ty::Quot(q) => q.input.items.iter().chain(&q.output.items).any(has_channel),
        _ => false,
    }
}

/// Nothing, one expression, or a tuple of them.
pub(super) fn tuple(exprs: &[TokenStream]) -> TokenStream {
    match exprs {
        [] => quote!(),
        [one] => one.clone(),
        many => quote!((#(#many),*)),
    }
}
