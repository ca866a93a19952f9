//! Emitting one body: the IR run over a symbolic stack of Rust expressions.
//!
//! The stack holds [`Value`]s: a local, a constant expression (literals, re-evaluated
//! wherever used), or a quotation literal not yet turned into a closure. Shuffles move
//! values and emit nothing; a non-`Copy` value that is duplicated is cloned. Everything
//! that computes binds its result to a fresh local, in order, so evaluation order is the
//! Seq program's order.
//!
//! Control flow ([`super::control`]) runs branch and loop bodies over just the slots they
//! reach, as the checker measured them.

use super::locals::{self, Local};
use super::rust_ty::{results, rust_ty};
use crate::builtins::{self, Emit};
use crate::check::ir::{Block, Callee, Lit, Op, QuotKey, Sub, SubCode};
use crate::check::unify::Unifier;
use crate::check::CheckedWord;
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
}

/// One slot of the symbolic stack.
#[derive(Clone, Debug)]
pub struct Value {
    /// Its expression.
    pub expr: Expr,
    /// Its Seq type.
    pub ty: Ty,
}

impl Value {
    /// Whether two slots hold the very same value (not just equal ones).
    pub fn same(&self, other: &Value) -> bool {
        match (&self.expr, &other.expr) {
            (Expr::Local(a), Expr::Local(b)) => a == b,
            (Expr::Quot(a), Expr::Quot(b)) => a == b,
            (Expr::Const(a), Expr::Const(b)) => a.to_string() == b.to_string(),
            _ => false,
        }
    }
}

/// Emits the body of one word.
pub struct Emitter<'a, 'p> {
    pub(super) word: &'a CheckedWord<'p>,
    next: Local,
    pub(super) stack: Vec<Value>,
    pub(super) aux: Vec<Value>,
    pub(super) params: Vec<Local>,
    /// Values still live outside the body being emitted (the stack below a branch, a value
    /// set aside by `dip`): a move must not take their locals.
    pub(super) saved: Vec<Vec<Value>>,
    /// Set when the word is emitted as one arm of its tail group's loop.
    pub(super) group: Option<TailGroup>,
}

/// Words that call each other in tail position, emitted as one loop over a state enum:
/// a tail call of a member is `state = Enum::Member(args); continue;`.
#[derive(Clone)]
pub struct TailGroup {
    /// The loop's state variable.
    pub state: Ident,
    /// The state enum.
    pub states: Ident,
    /// Each member's Rust name with its variant.
    pub variants: Vec<(String, Ident)>,
}

impl<'a, 'p> Emitter<'a, 'p> {
    /// An emitter for `word` with an empty stack.
    pub fn new(word: &'a CheckedWord<'p>) -> Self {
        Emitter {
            word,
            next: 0,
            stack: Vec::new(),
            aux: Vec::new(),
            params: Vec::new(),
            saved: Vec::new(),
            group: None,
        }
    }

    pub(super) fn u(&self) -> &'a Unifier {
        &self.word.unifier
    }

    /// A new local.
    pub(super) fn fresh(&mut self) -> Local {
        self.next += 1;
        self.next - 1
    }

    /// A new local of type `ty`, as a stack value.
    pub(super) fn local(&mut self, ty: &Ty) -> (Local, Value) {
        let local = self.fresh();
        (
            local,
            Value {
                expr: Expr::Local(local),
                ty: self.u().resolve(ty),
            },
        )
    }

    pub(super) fn pop(&mut self) -> Value {
        self.stack
            .pop()
            .expect("the checker guarantees the stack depth")
    }

    /// Pops `n` values, returned bottom first.
    pub(super) fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let at = self
            .stack
            .len()
            .checked_sub(n)
            .expect("the checker guarantees the stack depth");
        self.stack.split_off(at)
    }

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
                        quote!(#r.clone())
                    } else {
                        quote!(#r)
                    }
                }
                Expr::Const(c) => c.clone(),
                Expr::Quot(key) => self.closure(*key),
            });
        }
        exprs
    }

    /// Whether a slot other than those being consumed holds this local.
    fn is_live(&self, local: Local) -> bool {
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
                code.push(quote!(let #b = #r.clone();));
                copy
            }
            _ => value.clone(),
        }
    }

    /// Binds an expression's results to fresh locals and pushes them.
    pub(super) fn bind_results(&mut self, expr: TokenStream, tys: &[Ty], code: &mut Code) {
        let values: Vec<(Local, Value)> = tys.iter().map(|t| self.local(t)).collect();
        let binds: Vec<Ident> = values.iter().map(|(l, _)| locals::bind(*l)).collect();
        // A channel's element type may be fixed only later in the body: spell it out.
        let annotation = if values.iter().any(|(_, v)| has_channel(&v.ty)) {
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
        let (ty, sub) = self.word.lits[key]
            .value
            .clone()
            .expect("the checker checks every literal the emitter turns into a value");
        let Ty::Quot(q) = self.u().resolve(&ty) else {
            unreachable!("a literal's value type is a quotation")
        };
        let params: Vec<(Local, Value)> = q.input.items.iter().map(|t| self.local(t)).collect();
        let declared: Vec<TokenStream> = params
            .iter()
            .map(|(l, v)| {
                let (b, t) = (locals::bind(*l), rust_ty(self.u(), &v.ty));
                quote!(#b: #t)
            })
            .collect();
        let outer = std::mem::replace(
            &mut self.stack,
            params.into_iter().map(|(_, v)| v).collect(),
        );
        let outer_aux = std::mem::take(&mut self.aux);
        let mut code = Code::new();
        self.run(&sub, &[], &mut code, false);
        let result = self.result();
        self.stack = outer;
        self.aux = outer_aux;
        if q.output.items.is_empty() {
            quote!(|#(#declared),*| { #(#code)* })
        } else {
            let ret = results(self.u(), &q.output.items);
            quote!(|#(#declared),*| -> #ret { #(#code)* #result })
        }
    }

    /// Emits a block; returns whether it ended in a jump or return (tail position only).
    pub fn block(&mut self, block: &Block, code: &mut Code, tail: bool) -> bool {
        let last = block.ops.len().saturating_sub(1);
        for (i, op) in block.ops.iter().enumerate() {
            if let Op::Spawn(sub) = op {
                // `[ ... ] strand.spawn drop drop ...`: the id and every copied slot dropped.
                let drops = block.ops[i + 1..]
                    .iter()
                    .take_while(
                        |op| matches!(op, Op::Builtin { builtin, .. } if builtin.name == "drop"),
                    )
                    .count();
                self.spawn(sub, drops > sub.consumed, code);
                continue;
            }
            if self.op(op, code, tail && i == last) {
                return true;
            }
        }
        false
    }

    /// Runs a combinator body: inline, or a call of one of the popped quotations.
    pub(super) fn run(&mut self, sub: &Sub, quotes: &[Value], code: &mut Code, tail: bool) -> bool {
        match &sub.code {
            SubCode::Inline(block) => self.block(block, code, tail),
            SubCode::Value { quote, outputs } => {
                let q = &quotes[*quote];
                let f = self.take(q);
                // A closure written in place must be parenthesized to be called.
                let f = if matches!(q.expr, Expr::Quot(_)) {
                    quote!((#f))
                } else {
                    f
                };
                let args = self.pop_n(sub.consumed);
                let args = self.take_group(&args, &[]);
                self.bind_results(quote!(#f(#(#args),*)), outputs, code);
                false
            }
        }
    }

    fn op(&mut self, op: &Op, code: &mut Code, tail: bool) -> bool {
        match op {
            Op::Push(lit) => self.push_literal(lit, code),
            Op::PushQuot(key) => {
                let ty = self.word.lits[*key].var.clone();
                self.stack.push(Value {
                    expr: Expr::Quot(*key),
                    ty,
                });
            }
            Op::Builtin { builtin, outputs } => {
                let inputs = builtins::lookup(builtin.name)
                    .expect("table builtins are in the table")
                    .sig
                    .input
                    .items
                    .len();
                let args = self.pop_n(inputs);
                match builtin.emit {
                    // A duplicate shares its local; a move clones when it must.
                    Emit::Shuffle(order) => {
                        self.stack.extend(order.iter().map(|&i| args[i].clone()))
                    }
                    Emit::Code(emit) => {
                        let borrowed: Vec<bool> = (0..args.len())
                            .map(|i| builtin.borrows.contains(&i))
                            .collect();
                        let exprs = self.take_group(&args, &borrowed);
                        self.bind_results(emit(&exprs), outputs, code);
                    }
                    Emit::Special(_) => unreachable!("special builtins have their own ops"),
                }
            }
            Op::Pick(depth) => {
                let v = self.stack[self.stack.len() - 1 - depth].clone();
                self.stack.push(v);
            }
            Op::Roll(depth) => {
                let v = self.stack.remove(self.stack.len() - 1 - depth);
                self.stack.push(v);
            }
            Op::ToAux => {
                let v = self.pop();
                self.aux.push(v);
            }
            Op::FromAux => {
                let v = self.aux.pop().expect("the checker balances the aux stack");
                self.stack.push(v);
            }
            Op::Call {
                callee,
                inputs,
                outputs,
                tail: is_tail,
            } => {
                let args = self.pop_n(*inputs);
                if let (true, true, Callee::Word(name)) = (*is_tail, tail, callee) {
                    if let Some(jump) = self.jump(name, &args) {
                        code.push(jump);
                        return true;
                    }
                }
                let args = self.take_group(&args, &[]);
                let f = match callee {
                    Callee::Word(name) => {
                        let ident = ident(name);
                        quote!(#ident)
                    }
                    Callee::Rust(path) => path.clone(),
                };
                self.bind_results(quote!(#f(#(#args),*)), outputs, code);
            }
            Op::Apply(sub) => {
                let q = self.pop();
                return self.run(sub, &[q], code, tail);
            }
            Op::Expand(sub) => return self.run(sub, &[], code, tail),
            Op::Dip(sub) => {
                let q = self.pop();
                let x = self.pop();
                self.holding(vec![x.clone()], |e| e.run(sub, &[q], code, false));
                self.stack.push(x);
            }
            Op::Keep(sub) => {
                let q = self.pop();
                let x = self.pop();
                self.stack.push(x.clone());
                self.holding(vec![x.clone()], |e| e.run(sub, &[q], code, false));
                self.stack.push(x);
            }
            Op::Bi(first, second) => {
                let quotes = self.pop_n(2);
                let x = self.pop();
                self.stack.push(x.clone());
                self.holding(vec![x.clone()], |e| e.run(first, &quotes, code, false));
                self.stack.push(x);
                self.run(second, &quotes, code, false);
            }
            Op::If {
                quotes,
                then,
                otherwise,
            } => return self.branch(*quotes, then, otherwise, code, tail),
            Op::Times(sub) => self.times(sub, code),
            Op::Spawn(sub) => self.spawn(sub, false, code),
        }
        false
    }

    fn push_literal(&mut self, lit: &Lit, code: &mut Code) {
        let (expr, ty) = match lit {
            Lit::Int(n) => {
                let n = Literal::i64_suffixed(*n);
                (quote!(#n), Ty::Int)
            }
            Lit::Float(x) if x.is_infinite() && *x > 0.0 => (quote!(f64::INFINITY), Ty::Float),
            Lit::Float(x) if x.is_infinite() => (quote!(f64::NEG_INFINITY), Ty::Float),
            Lit::Float(x) => {
                let x = Literal::f64_suffixed(*x);
                (quote!(#x), Ty::Float)
            }
            Lit::Bool(b) => (quote!(#b), Ty::Bool),
            Lit::Str(s) => {
                let s = Literal::string(s);
                (quote!(::std::string::String::from(#s)), Ty::Str)
            }
        };
        let negative = match lit {
            Lit::Int(n) => *n < 0,
            Lit::Float(x) => x.is_sign_negative() && x.is_finite(),
            _ => false,
        };
        if negative {
            // `-5i64.method()` would negate the method's result: bind it first.
            self.bind_results(expr, &[ty], code);
        } else {
            self.stack.push(Value {
                expr: Expr::Const(expr),
                ty,
            });
        }
    }

    /// The jump for a tail call of `callee`, if it is this word or in its tail group.
    fn jump(&mut self, callee: &str, args: &[Value]) -> Option<TokenStream> {
        if let Some(group) = self.group.clone() {
            let (_, variant) = group.variants.iter().find(|(name, _)| name == callee)?;
            let (state, states) = (&group.state, &group.states);
            let args = self.take_group(args, &[]);
            return Some(quote!(#state = #states::#variant(#(#args),*); continue;));
        }
        if callee != self.word.rust {
            return None;
        }
        let params = self.params.clone();
        let assign = self.assign(&params, args);
        Some(quote!(#assign continue;))
    }

    /// `strand.spawn`: the new strand gets copies of the slots its body consumes, moved
    /// into its closure; what it leaves is dropped when it ends. When the parent drops its
    /// own slots right away (`strand.spawn drop drop ...`), they are moved, not copied.
    fn spawn(&mut self, sub: &Sub, parent_drops_them: bool, code: &mut Code) {
        let quotation = self.pop();
        let at = self.stack.len() - sub.consumed;
        let originals = self.stack[at..].to_vec();
        if parent_drops_them {
            for slot in &mut self.stack[at..] {
                slot.expr = Expr::Const(quote!(()));
            }
        }
        let mut copies: Vec<Value> = Vec::new();
        for (i, value) in originals.iter().enumerate() {
            let movable = parent_drops_them
                && match value.expr {
                    Expr::Local(l) => {
                        !self.is_live(l) && !originals[..i].iter().any(|o| o.same(value))
                    }
                    _ => true,
                };
            let copy = if movable {
                value.clone()
            } else {
                self.own_copy(value, code)
            };
            copies.push(copy);
        }
        let parent = std::mem::replace(&mut self.stack, copies);
        let parent_aux = std::mem::take(&mut self.aux);
        let mut child = Code::new();
        self.holding(parent.iter().chain(&parent_aux).cloned().collect(), |e| {
            e.run(sub, &[quotation], &mut child, false)
        });
        self.stack = parent;
        self.aux = parent_aux;
        self.bind_results(
            quote!(::seq::runtime::spawn(move || { #(#child)* })),
            &[Ty::Int],
            code,
        );
    }
}

fn has_channel(ty: &Ty) -> bool {
    match ty {
        Ty::Chan(_) => true,
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

/// A Rust identifier from a word's Rust name (`r#` for keywords).
pub(super) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
