//! Emitting one body: the IR run over a symbolic stack of Rust expressions.
//!
//! The stack holds [`Value`]s ([`super::values`]); shuffles move or share them and emit
//! nothing. Each operation pops its inputs, emits its code, and pushes its results.
//!
//! Control flow ([`super::control`]) runs branch and loop bodies over just the slots they
//! reach, as the checker measured them.
//!
//! The same emitter writes a word's `_async` form in async mode (`Emitter::asynchronous`,
//! see [`super::asynchronous`]): only waiting calls and builtins differ; closure bodies
//! switch back to sync mode, and weave bodies are in the mode their kind needs.

use super::asynchronous::Awaits;
use super::locals::Local;
use super::rust_ty::default_value;
pub use super::values::{Code, Expr, Value};
use crate::builtins::{self, Emit};
use crate::check::ir::{Block, Callee, Lit, Loop, Op, Sub, SubCode};
use crate::check::unify::Unifier;
use crate::check::CheckedWord;
use crate::types::Ty;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// Emits the body of one word.
#[derive(Clone)]
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
    /// Loop variables built as a `Vec` in the loop being emitted (`builders`).
    pub(super) builders: Vec<Local>,
    /// Builders pushed onto while another slot held them: they cannot be built in place.
    pub(super) shared_builders: Vec<Local>,
    /// Inside the loop of an expanded word that calls itself: the loop's variables. A
    /// path that ends leaves the loop (`break`) rather than the function.
    pub(super) expansion_loop: Option<Vec<Local>>,
    /// What waits, and the wrappers the emitted code needs (`asynchronous`).
    pub(super) awaits: &'a Awaits,
    /// The code being emitted runs in an `async fn` or block (async mode): waiting words
    /// and builtins are awaited. Closures and weave bodies on a stack of their own are
    /// always synchronous.
    pub(super) asynchronous: bool,
    /// The function being emitted is a word's `_async` form (calls within its component
    /// are boxed).
    pub(super) in_async_fn: bool,
    /// Inside the future of a spawned body.
    pub(super) in_spawn: bool,
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
    /// An emitter for `word` with an empty stack, in sync mode.
    pub fn new(word: &'a CheckedWord<'p>, awaits: &'a Awaits) -> Self {
        Emitter {
            word,
            next: 0,
            stack: Vec::new(),
            aux: Vec::new(),
            params: Vec::new(),
            saved: Vec::new(),
            group: None,
            builders: Vec::new(),
            shared_builders: Vec::new(),
            expansion_loop: None,
            awaits,
            asynchronous: false,
            in_async_fn: false,
            in_spawn: false,
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
                shared_at: None,
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

    /// Emits a block; returns whether it ended in a jump or return (tail position only),
    /// or in a failure (anywhere).
    pub fn block(&mut self, block: &Block, code: &mut Code, tail: bool) -> bool {
        // The conversions of a word's results come after its last op, which stays in tail
        // position: a jump there skips them (the jump's target converts its own).
        let last = block
            .ops
            .iter()
            .rposition(|op| !matches!(op, Op::Coerce { .. }))
            .unwrap_or(0);
        for (i, op) in block.ops.iter().enumerate() {
            if let Op::Spawn(sub, at) = op {
                // `[ ... ] strand.spawn drop drop ...`: the id and every copied slot dropped.
                let drops = block.ops[i + 1..]
                    .iter()
                    .take_while(
                        |op| matches!(op, Op::Builtin { builtin, .. } if builtin.name == "drop"),
                    )
                    .count();
                self.spawn(sub, drops > sub.consumed, at.rust(), code);
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
                let captures = matches!(self.value_ty(q), Ty::Quot(t) if t.closure);
                // A closure is called through a borrow of its `Arc`: no copy per call.
                let f = self
                    .take_group(std::slice::from_ref(q), &[captures])
                    .remove(0);
                // A closure written in place must be parenthesized to be called; a
                // capturing closure is called through its `Arc`.
                let f = if matches!(q.expr, Expr::Quot(_)) {
                    quote!((#f))
                } else if captures {
                    quote!((*#f))
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
                    shared_at: None,
                });
            }
            Op::Builtin {
                builtin,
                outputs,
                at,
            } => {
                let inputs = builtins::lookup(builtin.name)
                    .expect("table builtins are in the table")
                    .sig
                    .input
                    .items
                    .len();
                let args = self.pop_n(inputs);
                if builtin.name == "list.push" && self.builder_push(&args, code) {
                    return false;
                }
                // Async mode awaits the asynchronous form of a waiting builtin.
                let emit = match (self.asynchronous, builtin.waits) {
                    (true, Some(form)) => form,
                    _ => builtin.emit,
                };
                match emit {
                    // A duplicate shares its local; a move clones when it must.
                    Emit::Shuffle(order) => {
                        let at = at.rust();
                        self.stack.extend(order.iter().map(|&i| {
                            let mut slot = args[i].clone();
                            if order.iter().filter(|&&j| j == i).count() > 1 {
                                slot.shared_at = Some(at);
                            }
                            slot
                        }))
                    }
                    Emit::Code(_)
                    | Emit::Fallback(_)
                    | Emit::Typed(_)
                    | Emit::Located(_)
                    | Emit::Inputs(_) => {
                        let borrowed: Vec<bool> = (0..args.len())
                            .map(|i| builtin.borrows.contains(&i))
                            .collect();
                        let last: Vec<bool> = match emit {
                            Emit::Inputs(_) => {
                                (0..args.len()).map(|i| self.last_use(&args, i)).collect()
                            }
                            _ => Vec::new(),
                        };
                        let exprs = self.take_group(&args, &borrowed);
                        let expr = match emit {
                            Emit::Fallback(emit) => {
                                let fallback = default_value(self.u(), &outputs[0]);
                                emit(&exprs, &fallback)
                            }
                            Emit::Code(emit) => emit(&exprs),
                            Emit::Located(emit) => emit(&exprs, &at.start.to_string()),
                            Emit::Inputs(emit) => {
                                let inputs: Vec<builtins::Input> = args
                                    .iter()
                                    .zip(exprs)
                                    .zip(last)
                                    .map(|((arg, expr), last_use)| builtins::Input {
                                        expr,
                                        text: match &arg.expr {
                                            Expr::Text(text) => Some(text.as_str()),
                                            _ => None,
                                        },
                                        last_use,
                                    })
                                    .collect();
                                emit(&inputs)
                            }
                            Emit::Typed(emit) => {
                                let types = builtins::Types {
                                    inputs: args.iter().map(|v| self.slot_type(&v.ty)).collect(),
                                    outputs: outputs.iter().map(|t| self.slot_type(t)).collect(),
                                };
                                emit(&exprs, &types)
                            }
                            _ => unreachable!("matched above"),
                        };
                        let expr = super::spans::located_at(expr, at.rust());
                        self.bind_results(expr, outputs, code);
                    }
                    Emit::Special(builtins::Special::StackDump) => self.stack_dump(code),
                    Emit::Special(_) => unreachable!("special builtins have their own ops"),
                }
            }
            Op::Pick(depth, at) => {
                let mut v = self.stack[self.stack.len() - 1 - depth].clone();
                v.shared_at = Some(at.rust());
                self.stack.push(v.clone());
                let below = self.stack.len() - 2 - depth;
                self.stack[below] = v;
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
                annotate,
            } => {
                let args = self.pop_n(*inputs);
                if let (true, true, Callee::Word(name)) = (*is_tail, tail, callee) {
                    if let Some(jump) = self.jump(name, &args) {
                        code.push(jump);
                        return true;
                    }
                }
                let args = self.take_group(&args, &[]);
                let call = self.call(callee, &args);
                match annotate {
                    true => self.bind_typed(call, outputs, code),
                    false => self.bind_results(call, outputs, code),
                }
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
            Op::Keep(sub, at) => {
                let q = self.pop();
                let x = self.pop().shared_by(at.rust());
                self.stack.push(x.clone());
                self.holding(vec![x.clone()], |e| e.run(sub, &[q], code, false));
                self.stack.push(x);
            }
            Op::Bi(first, second, at) => {
                let quotes = self.pop_n(2);
                let x = self.pop().shared_by(at.rust());
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
            Op::Times(sub, Loop::FileLines, _) => self.file_lines(sub, code),
            Op::Times(sub, kind, captured) if kind.over_collection() => {
                self.list_loop(sub, *kind, *captured, code)
            }
            Op::Times(sub, kind, _) => self.times(sub, *kind, code),
            Op::Spawn(sub, at) => self.spawn(sub, false, at.rust(), code),
            Op::Union {
                op,
                inputs,
                outputs,
            } => self.union_op(op, *inputs, outputs, code),
            Op::Match { union, arms } => return self.match_(union, arms, code, tail),
            Op::Capture { depth, count } => self.capture(*depth, *count, code),
            Op::Loop { body, outputs } => self.expansion_loop(body, outputs, code),
            Op::Again => {
                let targets = self
                    .expansion_loop
                    .clone()
                    .expect("the checker starts an expansion only inside its loop");
                let stack = std::mem::take(&mut self.stack);
                let assign = self.assign(&targets, &stack);
                code.push(quote!(#assign continue;));
                return true;
            }
            Op::Fail(message) => {
                code.push(quote!(::core::panic!(#message);));
                return true;
            }
            Op::Coerce {
                depth,
                from,
                to,
                word,
                at,
            } => {
                let i = self.stack.len() - 1 - depth;
                let value = self.stack.remove(i);
                let expr = self.take(&value);
                let at = at.start.to_string();
                let converted = super::convert::convert(self.u(), expr, (from, to), word, &at);
                let (local, converted_value) = self.local(to);
                let b = super::locals::bind(local);
                code.push(quote!(let #b = #converted;));
                self.stack.insert(i, converted_value);
            }
            Op::Weave {
                body,
                yields,
                resumed,
            } => self.weave(body, yields, resumed, code),
            Op::While { cond, body, until } => self.while_loop(cond, body, *until, code),
            Op::Cond {
                arms,
                value,
                result,
            } => self.cond(arms, value, result, code),
        }
        false
    }

    /// A type's Seq name (an expression) and Rust type, for a typed builtin.
    fn slot_type(&self, ty: &Ty) -> builtins::SlotType {
        let u = self.u();
        let rust = super::rust_ty::rust_ty(u, ty);
        let mut vars = Vec::new();
        u.vars(ty, &mut vars);
        let seq = if vars.is_empty() {
            let name = u.show(ty);
            quote!(#name)
        } else {
            quote!(::core::any::type_name::<#rust>())
        };
        let default = default_value(u, ty);
        builtins::SlotType { seq, rust, default }
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
                self.stack.push(Value {
                    expr: Expr::Text(s.clone()),
                    ty: Ty::Str,
                    shared_at: None,
                });
                return;
            }
            Lit::Sym(s) => {
                let s = Literal::string(s);
                (quote!(::seq::runtime::Symbol::new(#s)), Ty::Sym)
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
                shared_at: None,
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

    /// `strand.weave`: the body becomes the weave's, run from the context and the first
    /// resumed value; what it leaves is dropped when it ends. A body that can await its
    /// yields ([`super::waits::Waits::stackless_weave`]) is a future, emitted in async
    /// mode (`Weave::new_async(move |ctx, first| async move { .. })`); any other runs on
    /// a coroutine of its own (`Weave::new(move |ctx, first| { .. })`).
    fn weave(&mut self, sub: &Sub, yields: &Ty, resumed: &Ty, code: &mut Code) {
        let quotation = self.pop();
        let context = Ty::Ctx(Box::new(yields.clone()), Box::new(resumed.clone()));
        let (ctx, ctx_value) = self.local(&context);
        let (first, first_value) = self.local(resumed);
        let mut body = Code::new();
        let stackless = self.awaits.waits.stackless_weave(sub);
        self.apart(vec![ctx_value, first_value], Vec::new(), |e| {
            if stackless {
                e.spawned(true, |e| e.run(sub, &[quotation], &mut body, false))
            } else {
                e.synchronously(|e| e.run(sub, &[quotation], &mut body, false))
            }
        });
        let (ctx_b, first_b) = (super::locals::bind(ctx), super::locals::bind(first));
        let (ctx_t, first_t) = (
            super::rust_ty::rust_ty(self.u(), &context),
            super::rust_ty::rust_ty(self.u(), resumed),
        );
        let weave = if stackless {
            quote!(::seq::runtime::Weave::new_async(move |#ctx_b: #ctx_t, #first_b: #first_t| async move { #(#body)* }))
        } else {
            quote!(::seq::runtime::Weave::new(move |#ctx_b: #ctx_t, #first_b: #first_t| { #(#body)* }))
        };
        self.bind_results(
            weave,
            &[Ty::Weave(
                Box::new(yields.clone()),
                Box::new(resumed.clone()),
            )],
            code,
        );
    }

    /// `strand.spawn`: the new strand gets copies of the slots its body consumes, moved
    /// into its closure; what it leaves is dropped when it ends. When the parent drops its
    /// own slots right away (`strand.spawn drop drop ...`), they are moved, not copied.
    /// A body that waits is a future (`spawn_async(async move { .. })`), emitted in async
    /// mode, whether the parent is synchronous or not; a body that is one awaited call
    /// is that call's future (`spawn_async(word_async(..))`).
    fn spawn(&mut self, sub: &Sub, parent_drops_them: bool, word: Span, code: &mut Code) {
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
                self.own_copy(&value.clone().shared_by(word), code)
            };
            copies.push(copy);
        }
        let mut child = Code::new();
        let waits = self.awaits.waits.sub(sub);
        self.apart(copies, Vec::new(), |e| {
            e.spawned(waits, |e| e.run(sub, &[quotation], &mut child, false))
        });
        // The spawn, its parentheses and the strand's body (not its statements) carry the
        // word's span: a value that is not `Send` is reported at the `strand.spawn`.
        let located = |tokens| super::spans::outside_at(tokens, word);
        let (function, argument) = match waits.then(|| lone_await(&child)).flatten() {
            // The body is one awaited call: the strand is that call's future.
            Some(future) => (quote!(spawn_async), future),
            None if waits => (
                quote!(spawn_async),
                located(quote!(async move { #(#child)* })),
            ),
            None => (quote!(spawn), located(quote!(move || { #(#child)* }))),
        };
        let spawn = located(quote!(::seq::runtime::#function(#argument)));
        self.bind_results(spawn, &[Ty::Int], code);
    }
}

/// The future of a body that is one statement awaiting it, `future.await;` (a call of a
/// waiting word or builtin whose result is `()`), with no other `.await` inside.
fn lone_await(code: &Code) -> Option<TokenStream> {
    use proc_macro2::TokenTree;
    fn awaits(stream: &TokenStream) -> usize {
        stream
            .clone()
            .into_iter()
            .map(|tree| match tree {
                TokenTree::Ident(i) if i == "await" => 1,
                TokenTree::Group(g) => awaits(&g.stream()),
                _ => 0,
            })
            .sum()
    }
    let [statement] = code.as_slice() else {
        return None;
    };
    let mut trees: Vec<TokenTree> = statement.clone().into_iter().collect();
    let tail = trees.split_off(trees.len().checked_sub(3)?);
    let is_await = matches!(
        tail.as_slice(),
        [TokenTree::Punct(dot), TokenTree::Ident(name), TokenTree::Punct(semi)]
            if dot.as_char() == '.' && name == "await" && semi.as_char() == ';'
    );
    // Not a binding (`let v = f().await;`): only a call whose result is `()`.
    let binds = trees.iter().any(|tree| match tree {
        TokenTree::Ident(i) => i == "let",
        TokenTree::Punct(p) => p.as_char() == '=',
        _ => false,
    });
    let future: TokenStream = trees.into_iter().collect();
    (is_await && !binds && awaits(&future) == 0 && !future.is_empty()).then_some(future)
}

/// A Rust identifier from a word's Rust name (`r#` for keywords).
pub(super) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}
