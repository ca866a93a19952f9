//! Checking one body: walks the statements over a [`Frame`], unifying each word's effect
//! with the stack, and builds the body's IR.
//!
//! Combinators live in `combinators`, applying signatures and materializing
//! quotation literals in `apply`, a whole word's check in `word`; this module holds the
//! checker's state and walks statements (literals, shuffles, builtins, words).
//!
//! A quotation literal is materialized exactly when it is consumed by something typed (a
//! builtin with code, a word, a Rust function, a condition or count), when it is left at
//! the end of a body, when two branches leave different things in its slot, and, for
//! every literal on the stack, before a `times` loop. The emitter follows the same rule.

use super::frame::{Frame, Origin, Slot};
use super::ir::{Block, Callee, Lit, Op, QuotLit, Sub};
use super::report::{show_needs, show_slots, with_origin};
use super::unify::Unifier;
use super::{Context, WordInfo};
use crate::ast::{Stmt, StmtKind};
use crate::builtins::{self, Emit};
use crate::diag::{Diagnostic, Span};
use crate::types::{StackTy, Ty};

/// The state of checking one word.
pub struct BodyChecker<'c, 'p> {
    pub(super) cx: &'c Context<'p>,
    pub(super) current: &'c WordInfo<'p>,
    pub(super) u: Unifier,
    pub(super) frame: Frame,
    pub(super) lits: Vec<QuotLit<'p>>,
    pub(super) expanding: Vec<&'p str>,
    /// The stack as shown before the current combinator popped its operands.
    pub(super) before: String,
    /// Types that cross strands (channel elements, values a spawned strand copies): their
    /// type variables need `Send + 'static`.
    pub send_types: Vec<Ty>,
    /// Channel and list element types: their type variables need `Default` (a receive on
    /// a closed channel, or a read past a list's end, yields the default).
    pub element_types: Vec<Ty>,
    /// Map key types: their type variables need `Ord` (maps keep keys in order).
    pub key_types: Vec<Ty>,
    /// Types converted to or from `Variant`: their type variables need `Dynamic`.
    pub dynamic_types: Vec<Ty>,
    /// What the step being checked needs done before its own op: closures made from
    /// literals, values converted to or from `Variant`.
    pub(super) prelude: Vec<Op>,
    /// What the code being checked may yield: the word's `| Yield T`, a weave body's
    /// value type, or nothing (`None`: yielding is an error there).
    pub(super) yield_to: Vec<Option<(Ty, String)>>,
    /// The type each type variable of the last signature applied became.
    pub(super) instance: Vec<(char, Ty)>,
    /// The words called, by Rust name, with the types their type variables became: a
    /// caller's generic parameter passed to a callee's needs the callee's bounds.
    pub calls: Vec<(String, Vec<(char, Ty)>)>,
    /// The words with row variables being expanded (or checked on their own), innermost
    /// last, with the stack each started from: a call of one in tail position starts it
    /// again ([`Op::Again`]).
    pub(super) loop_starts: Vec<LoopStart<'p>>,
    /// Inferring the word's effect: the body is checked against the effect as written,
    /// whose type variables it may fix (`: nil ( -- L ) :Nil variant.make-0 ;` makes `L`
    /// a `Variant`).
    pub infer: bool,
}

/// Where the expansion of a word with row variables started.
pub(super) struct LoopStart<'p> {
    /// The word.
    pub name: &'p str,
    /// The stack when it started.
    pub start: StackTy,
    /// Whether it called itself (then it is a loop).
    pub looped: bool,
}

/// Result of a step: the diagnostic on failure.
pub type Step<T = ()> = Result<T, Diagnostic>;

/// What checking a step may change: saved to try a step and undo it.
pub(super) struct Saved<'p> {
    frame: Frame,
    u: Unifier,
    lits: Vec<QuotLit<'p>>,
    recorded: [usize; 4],
    calls: usize,
    prelude: Vec<Op>,
}

impl<'c, 'p> BodyChecker<'c, 'p> {
    /// A checker for `current`'s body.
    pub fn new(cx: &'c Context<'p>, current: &'c WordInfo<'p>) -> Self {
        let mut u = Unifier::default();
        let row = u.fresh_row(false);
        BodyChecker {
            cx,
            current,
            u,
            frame: Frame::new(row, Vec::new()),
            lits: Vec::new(),
            expanding: Vec::new(),
            before: String::new(),
            send_types: Vec::new(),
            element_types: Vec::new(),
            key_types: Vec::new(),
            dynamic_types: Vec::new(),
            prelude: Vec::new(),
            yield_to: Vec::new(),
            instance: Vec::new(),
            calls: Vec::new(),
            loop_starts: Vec::new(),
            infer: false,
        }
    }

    /// Saves what checking a step may change.
    pub(super) fn save(&self) -> Saved<'p> {
        Saved {
            frame: self.frame.clone(),
            u: self.u.clone(),
            lits: self.lits.clone(),
            recorded: [
                self.send_types.len(),
                self.element_types.len(),
                self.key_types.len(),
                self.dynamic_types.len(),
            ],
            calls: self.calls.len(),
            prelude: self.prelude.clone(),
        }
    }

    /// Undoes every change since `saved` was made.
    pub(super) fn restore(&mut self, saved: Saved<'p>) {
        self.frame = saved.frame;
        self.u = saved.u;
        self.lits = saved.lits;
        self.prelude = saved.prelude;
        self.calls.truncate(saved.calls);
        let lists = [
            &mut self.send_types,
            &mut self.element_types,
            &mut self.key_types,
            &mut self.dynamic_types,
        ];
        for (list, len) in lists.into_iter().zip(saved.recorded) {
            list.truncate(len);
        }
    }

    /// Applies row refinements to the frame: afterwards its row is unbound.
    pub(super) fn normalize(&mut self) {
        let below = self.u.resolve_stack(&StackTy {
            row: self.frame.row,
            items: Vec::new(),
        });
        if below.items.is_empty() && below.row == self.frame.row {
            return;
        }
        let slots = below.items.into_iter().map(Slot::of).collect();
        self.frame.prepend(slots, below.row);
    }

    /// Makes sure `depth` slots are known, refining a flexible row if needed. `Err(())`
    /// means the frame's row is rigid and too short: stack underflow.
    pub(super) fn ensure(&mut self, depth: usize) -> Result<(), ()> {
        self.normalize();
        let have = self.frame.items.len();
        if have >= depth {
            return Ok(());
        }
        if self.u.is_rigid_row(self.frame.row) {
            return Err(());
        }
        let below = self.u.fresh_row(false);
        let items: Vec<Ty> = (0..depth - have).map(|_| self.u.fresh_ty()).collect();
        self.u
            .unify_stacks(
                &StackTy {
                    row: self.frame.row,
                    items: Vec::new(),
                },
                &StackTy { row: below, items },
            )
            .map_err(|_| ())?;
        self.normalize();
        Ok(())
    }

    /// The stack as a message shows it.
    pub(super) fn shown(&self) -> String {
        show_slots(&self.u, &self.frame.items)
    }

    /// "stack underflow: `who` needs ( ... ) but the stack is ( ... )"
    pub(super) fn underflow(&self, who: &str, needs: &str, span: Span) -> Diagnostic {
        Diagnostic::new(
            span,
            format!(
                "stack underflow: `{who}` needs {needs} but the stack is {}",
                self.shown()
            ),
        )
    }

    /// An underflow reported with the stack as it was before the current combinator.
    pub(super) fn underflow_before(&self, who: &str, needs: &str, span: Span) -> Diagnostic {
        Diagnostic::new(
            span,
            format!(
                "stack underflow: `{who}` needs {needs} but the stack is {}",
                self.before
            ),
        )
    }

    /// Materializes every quotation literal on the stack.
    pub(super) fn materialize_all(&mut self) -> Step {
        for i in 0..self.frame.items.len() {
            if let Some(key) = self.frame.items[i].quot.take() {
                self.materialize(key)?;
            }
        }
        Ok(())
    }

    /// Runs statements on the current frame.
    pub(super) fn run_block(&mut self, stmts: &'p [Stmt], tail: bool) -> Step<Block> {
        let mut block = Block::default();
        let mut i = 0;
        while i < stmts.len() {
            let stmt = &stmts[i];
            let last = i + 1 == stmts.len();
            // `n pick` and `n roll` read their literal depth.
            if let (StmtKind::Int(n), Some(next)) = (&stmt.kind, stmts.get(i + 1)) {
                if let StmtKind::Word(w) = &next.kind {
                    if w == "pick" || w == "roll" {
                        let op = self.pick_or_roll(w, *n, next.span, stmt.span)?;
                        block.ops.push(op);
                        i += 2;
                        continue;
                    }
                    if w == "cond" {
                        let last = i + 2 == stmts.len();
                        let ops = self.cond(*n, next.span, stmt.span, tail && last)?;
                        block.ops.extend(ops);
                        i += 2;
                        continue;
                    }
                }
            }
            self.statement(stmt, tail && last, &mut block)?;
            i += 1;
        }
        Ok(block)
    }

    /// Runs an arm of a block-form `if`, of an `if` of two quotation literals or of a
    /// `match`: in place, with the enclosing body's aux stack (it may take what was set
    /// aside before it, as upstream's arms may); the caller requires the arms to leave
    /// the aux stack alike. Measures its reach.
    pub(super) fn run_arm_body(&mut self, stmts: &'p [Stmt], tail: bool) -> Step<Sub> {
        self.frame.begin_mark();
        let block = self.run_block(stmts, tail);
        self.normalize();
        let (consumed, produced) = self.frame.end_mark();
        Ok(Sub {
            code: super::ir::SubCode::Inline(block?),
            consumed,
            produced,
        })
    }

    /// Runs a nested body (a quotation, an expansion) with an aux stack of its own, which
    /// it must leave empty, and measures its reach.
    pub(super) fn run_sub(
        &mut self,
        stmts: &'p [Stmt],
        tail: bool,
        end: Span,
        what: &str,
    ) -> Step<Sub> {
        self.frame.aux.push(Vec::new());
        let sub = self.run_arm_body(stmts, tail);
        let aux = self.frame.aux.pop().expect("pushed above");
        let sub = sub?;
        match aux.last() {
            Some(slot) => {
                let d = Diagnostic::new(end, format!("{what} leaves {} on the aux stack: `>aux` and `aux>` must balance within it", count(aux.len())));
                Err(with_origin(d, &self.u, slot))
            }
            None => Ok(sub),
        }
    }

    fn origin(stmt: &Stmt) -> Option<Origin> {
        let text = match &stmt.kind {
            StmtKind::Int(n) => n.to_string(),
            StmtKind::Float(x) => format!("{x:?}"),
            StmtKind::Bool(b) => b.to_string(),
            StmtKind::Str(s) => format!("{s:?}"),
            StmtKind::Word(w) => w.clone(),
            StmtKind::Quotation(_) => "[ ... ]".into(),
            StmtKind::If(_) => "if".into(),
            StmtKind::Symbol(s) => format!(":{s}"),
            StmtKind::Match(_) => "match".into(),
        };
        Some(Origin {
            span: stmt.span,
            text: text.into(),
        })
    }

    fn statement(&mut self, stmt: &'p Stmt, tail: bool, block: &mut Block) -> Step {
        let before = block.ops.len();
        // A statement inside a combinator's quotation has a prelude of its own.
        let outer = std::mem::take(&mut self.prelude);
        let result = self.statement_ops(stmt, tail, block);
        // Closures made and values converted while checking the statement come before its
        // own op.
        let made = std::mem::replace(&mut self.prelude, outer);
        let at = before.min(block.ops.len());
        block.ops.splice(at..at, made);
        result
    }

    fn statement_ops(&mut self, stmt: &'p Stmt, tail: bool, block: &mut Block) -> Step {
        let origin = Self::origin(stmt);
        let literal = |ty: Ty, lit: Lit| {
            (
                Slot {
                    ty,
                    origin: origin.clone(),
                    quot: None,
                },
                lit,
            )
        };
        let (slot, lit) = match &stmt.kind {
            StmtKind::Int(n) => literal(Ty::Int, Lit::Int(*n)),
            StmtKind::Float(x) => literal(Ty::Float, Lit::Float(*x)),
            StmtKind::Bool(b) => literal(Ty::Bool, Lit::Bool(*b)),
            StmtKind::Str(s) => literal(Ty::Str, Lit::Str(s.clone())),
            StmtKind::Symbol(s) => literal(Ty::Sym, Lit::Sym(s.clone())),
            StmtKind::Match(m) => {
                let op = self.match_(m, stmt.span, tail)?;
                block.ops.push(op);
                return Ok(());
            }
            StmtKind::Quotation(q) => {
                let var = self.u.fresh_ty();
                let key = self.lits.len();
                self.lits.push(QuotLit {
                    quotation: q,
                    var: var.clone(),
                    value: None,
                    captures: 0,
                });
                self.frame.push(Slot {
                    ty: var,
                    origin,
                    quot: Some(key),
                });
                block.ops.push(Op::PushQuot(key));
                return Ok(());
            }
            StmtKind::If(b) => {
                let op = self.block_if(b, stmt.span, tail)?;
                block.ops.push(op);
                return Ok(());
            }
            StmtKind::Word(w) => return self.word(w, stmt.span, tail, block),
        };
        self.frame.push(slot);
        block.ops.push(Op::Push(lit));
        Ok(())
    }

    fn word(&mut self, name: &'p str, span: Span, tail: bool, block: &mut Block) -> Step {
        let origin = Origin::word(span, name);
        if name == "pick" || name == "roll" {
            return Err(Diagnostic::new(
                span,
                format!("`{name}` needs its depth as an Int literal right before it, e.g. `2 {name}`"),
            )
            .note(format!("the type of the value `{name}` moves depends on the depth, which must be known when compiling")));
        }
        let name = self.desugar(name, span)?;
        // A program's own `when`, `times`, ... replaces the builtin.
        let own = builtins::LIBRARY.contains(&name) && self.cx.words.contains_key(name);
        if let Some(entry) = builtins::lookup(name).filter(|_| !own) {
            let op = match entry.builtin.emit {
                Emit::Special(special) => self.special(special, name, span, tail)?,
                Emit::Shuffle(outputs) => {
                    let k = entry.sig.input.items.len();
                    if self.ensure(k).is_err() {
                        return Err(self.underflow(
                            name,
                            &show_needs(&entry.sig.input.items),
                            span,
                        ));
                    }
                    let len = self.frame.items.len();
                    let inputs: Vec<Slot> = self.frame.items[len - k..].to_vec();
                    for _ in 0..k {
                        self.frame.pop();
                    }
                    let mut tys = Vec::new();
                    for &i in outputs {
                        tys.push(inputs[i].ty.clone());
                        self.frame.push(inputs[i].clone());
                    }
                    Op::Builtin {
                        builtin: entry.builtin,
                        outputs: tys,
                        at: span,
                    }
                }
                Emit::Typed(_) => {
                    // Values stored in a Variant and values read from one.
                    let dynamic = entry.builtin.name.starts_with("variant.");
                    let k = entry.sig.input.items.len();
                    if dynamic && self.ensure(k).is_ok() {
                        let len = self.frame.items.len();
                        let stored = self.frame.items[len - k..].iter().map(|s| s.ty.clone());
                        self.dynamic_types.extend(stored.collect::<Vec<_>>());
                    }
                    let outputs = self.apply_sig(name, &entry.sig, &origin)?;
                    for ty in outputs.iter().filter(|_| dynamic) {
                        if !matches!(self.u.shallow(ty), Ty::Variant) {
                            self.dynamic_types.push(ty.clone());
                        }
                    }
                    Op::Builtin {
                        builtin: entry.builtin,
                        outputs,
                        at: span,
                    }
                }
                Emit::Code(_) | Emit::Fallback(_) | Emit::Located(_) | Emit::Inputs(_) => {
                    let outputs = self.apply_sig(name, &entry.sig, &origin)?;
                    // What `yield` gives away is what its context yields.
                    if name == "yield" {
                        if let Ty::Ctx(yields, _) = self.u.shallow(&outputs[0]) {
                            self.yielded(*yields, span, name)?;
                        }
                    }
                    Op::Builtin {
                        builtin: entry.builtin,
                        outputs,
                        at: span,
                    }
                }
            };
            block.ops.push(op);
            return Ok(());
        }
        if let Some(generated) = self.cx.data.words.get(name) {
            let outputs = self.apply_sig(name, &generated.sig, &origin)?;
            block.ops.push(Op::Union {
                op: generated.op.clone(),
                inputs: generated.sig.input.items.len(),
                outputs,
            });
            return Ok(());
        }
        let Some(info) = self.cx.words.get(name) else {
            return Err(self.unknown_word(name, span));
        };
        if info.inline {
            let op = self.expand(info, span, tail)?;
            block.ops.push(op);
            return Ok(());
        }
        let outputs = match &info.yields {
            None => self.apply_sig(name, &info.sig, &origin)?,
            Some(yields) => {
                // The yield type is instantiated with the effect: an extra output.
                let mut sig = info.sig.clone();
                sig.output.items.push(yields.clone());
                let mut outputs = self.apply_sig(name, &sig, &origin)?;
                self.frame.pop();
                let yielded = outputs.pop().expect("pushed above");
                self.yielded(yielded, span, name)?;
                outputs
            }
        };
        let callee = match &info.rust_path {
            Some(path) if info.rust_async => Callee::RustAsync(path.clone()),
            Some(path) => Callee::Rust(path.clone()),
            None => Callee::Word(info.rust.clone()),
        };
        // Inside an expansion a call is never a jump of the enclosing word.
        let tail = tail && info.rust_path.is_none() && self.loop_starts.is_empty();
        if let Callee::Word(rust) = &callee {
            self.calls
                .push((rust.clone(), std::mem::take(&mut self.instance)));
        }
        let mut inputs = Vec::new();
        super::sig_vars(&info.sig.input, &mut inputs);
        let mut results = Vec::new();
        super::sig_vars(&info.sig.output, &mut results);
        block.ops.push(Op::Call {
            callee,
            inputs: info.sig.input.items.len(),
            outputs,
            tail,
            annotate: results.iter().any(|v| !inputs.contains(v)),
        });
        Ok(())
    }
}

/// "1 value", "2 values".
pub(super) fn count(n: usize) -> String {
    if n == 1 {
        "1 value".into()
    } else {
        format!("{n} values")
    }
}
