//! Combinators, conditionals, the aux stack and inline expansion.
//!
//! A quotation literal consumed by a combinator is checked right where it runs, on the
//! real stack, so errors inside it show that stack; a quotation *value* is applied by its
//! type. Both arms of a conditional run from the same starting stack and must leave
//! stacks that unify. A word whose effect has row variables is expanded: its body is
//! checked in place at every use.

use super::body::{BodyChecker, Step};
use super::dynamic::retype;
use super::frame::{Origin, Slot};
use super::ir::{Loop, Op, Sub, SubCode};
use super::report::{show_slots, with_origin};
use super::WordInfo;
use crate::ast::{BlockIf, Item, Stmt};
use crate::builtins::Special;
use crate::diag::{Diagnostic, Span};
use crate::types::Ty;

/// One arm of a conditional.
enum Arm<'p> {
    /// Statements of a block-form `if`.
    Stmts(&'p [Stmt]),
    /// A popped quotation, with its index among the popped quotations.
    Quotation(Slot, usize),
    /// Nothing (the missing arm of `when` / `unless`).
    Empty,
}

impl<'c, 'p> BodyChecker<'c, 'p> {
    /// Checks a combinator or other special builtin.
    pub(super) fn special(
        &mut self,
        special: Special,
        name: &str,
        span: Span,
        tail: bool,
    ) -> Step<Op> {
        self.normalize();
        self.before = self.shown();
        match special {
            Special::Call => {
                let q = self.pop_quotation(name, span, "( [ .. ] )")?;
                Ok(Op::Apply(self.run_quotation(q, 0, tail, name, span)?))
            }
            Special::Dip => {
                let q = self.pop_quotation(name, span, "( T [ .. ] )")?;
                let x = self.pop_any(name, span, "( T [ .. ] )")?;
                let sub = self.run_quotation(q, 0, false, name, span)?;
                self.frame.push(x);
                Ok(Op::Dip(sub))
            }
            Special::Keep => {
                let q = self.pop_quotation(name, span, "( T [ .. ] )")?;
                let x = self.pop_any(name, span, "( T [ .. ] )")?;
                self.frame.push(x.clone());
                let sub = self.run_quotation(q, 0, false, name, span)?;
                self.frame.push(x);
                Ok(Op::Keep(sub, span))
            }
            Special::Bi => {
                let needs = "( T [ .. ] [ .. ] )";
                let second = self.pop_quotation(name, span, needs)?;
                let first = self.pop_quotation(name, span, needs)?;
                let x = self.pop_any(name, span, needs)?;
                self.frame.push(x.clone());
                let a = self.run_quotation(first, 0, false, name, span)?;
                self.frame.push(x);
                let b = self.run_quotation(second, 1, false, name, span)?;
                Ok(Op::Bi(a, b, span))
            }
            Special::If => {
                let needs = "( Bool [ .. ] [ .. ] )";
                let otherwise = self.pop_quotation(name, span, needs)?;
                let then = self.pop_quotation(name, span, needs)?;
                self.pop_typed(name, span, needs, (Ty::Bool, Some(2)), "a Bool condition")?;
                self.branch(
                    Arm::Quotation(then, 0),
                    Arm::Quotation(otherwise, 1),
                    2,
                    span,
                    tail,
                    "if",
                )
            }
            Special::When | Special::Unless => {
                let needs = "( Bool [ .. ] )";
                let q = self.pop_quotation(name, span, needs)?;
                self.pop_typed(name, span, needs, (Ty::Bool, Some(1)), "a Bool condition")?;
                let arm = Arm::Quotation(q, 0);
                if special == Special::When {
                    self.branch(arm, Arm::Empty, 1, span, tail, name)
                } else {
                    self.branch(Arm::Empty, arm, 1, span, tail, name)
                }
            }
            Special::Loop(Loop::FileLines) => self.file_lines(name, span),
            Special::Loop(kind) if kind.over_collection() => self.list_loop(name, span, kind),
            Special::Loop(kind) => self.times(name, span, kind),
            Special::Spawn => self.spawn(name, span),
            Special::Weave => self.weave(name, span),
            Special::While | Special::Until => self.while_loop(name, span, special == Special::Until),
            Special::Cond => Err(Diagnostic::new(
                span,
                "`cond` needs the number of (predicate, body) pairs as an Int literal right before it, e.g. `2 cond`",
            )),
            Special::ToAux => {
                let slot = self.pop_any(name, span, "( T )")?;
                self.frame.aux.last_mut().expect("aux per body").push(slot);
                Ok(Op::ToAux)
            }
            Special::FromAux => match self.frame.aux.last_mut().expect("aux per body").pop() {
                Some(slot) => {
                    self.frame.push(slot);
                    Ok(Op::FromAux)
                }
                None => Err(Diagnostic::new(
                    span,
                    "`aux>` but the aux stack is empty: no `>aux` before it in this body",
                )),
            },
            Special::Pick | Special::Roll => {
                unreachable!("pick and roll are read with their depth")
            }
            Special::StackDump => {
                // Every slot this body knows is printed (converted to a `Value`) and dropped.
                while let Some(mut slot) = self.frame.items.last().cloned() {
                    if let Some(key) = slot.quot.take() {
                        self.materialize(key)?;
                    }
                    if !matches!(self.u.shallow(&slot.ty), Ty::Quot(_) | Ty::Ctx(..)) {
                        self.dynamic_types.push(slot.ty);
                    }
                    self.frame.pop();
                }
                Ok(Op::Builtin {
                    builtin: crate::builtins::lookup(name).expect("a builtin").builtin,
                    outputs: Vec::new(),
                    at: span,
                })
            }
        }
    }

    /// The block form `cond if A else B then`.
    pub(super) fn block_if(&mut self, b: &'p BlockIf, span: Span, tail: bool) -> Step<Op> {
        self.normalize();
        self.before = self.shown();
        self.pop_typed(
            "if",
            span,
            "( Bool )",
            (Ty::Bool, Some(0)),
            "a Bool condition",
        )?;
        self.branch(
            Arm::Stmts(&b.then_body),
            Arm::Stmts(&b.else_body),
            0,
            span,
            tail,
            "if",
        )
    }

    /// Expands a word whose effect has row variables: its body runs in place. A call of
    /// it in tail position inside its own expansion starts the body again: the expansion
    /// is then a loop ([`Op::Loop`]), checked again with every quotation literal on the
    /// stack a value, since the slots it carries are variables.
    pub(super) fn expand(&mut self, info: &WordInfo<'p>, span: Span, tail: bool) -> Step<Op> {
        if let Some(i) = self.loop_starts.iter().rposition(|l| l.name == info.name) {
            if tail && i + 1 == self.loop_starts.len() {
                return self.again(info, span);
            }
        }
        if self.expanding.contains(&info.name) {
            return Err(Diagnostic::new(
                span,
                format!("`{}` cannot call itself here: a word with row variables in its effect is expanded where it is used, so it may call itself only in tail position", info.name),
            ));
        }
        let saved = self.save();
        let (sub, looped) = self.expand_once(info, span)?;
        if !looped {
            return Ok(Op::Expand(sub));
        }
        self.restore(saved);
        self.materialize_all()?;
        let (body, _) = self.expand_once(info, span)?;
        let len = self.frame.items.len();
        let outputs = self.frame.items[len - body.produced..]
            .iter()
            .map(|s| s.ty.clone())
            .collect();
        let looping = Op::Loop { body, outputs };
        Ok(looping)
    }

    fn expand_once(&mut self, info: &WordInfo<'p>, span: Span) -> Step<(Sub, bool)> {
        let Item::Word(def) = info.item else {
            unreachable!("Rust functions have concrete effects and are never expanded")
        };
        self.normalize();
        self.expanding.push(info.name);
        self.loop_starts.push(super::body::LoopStart {
            name: info.name,
            start: self.frame.stack(),
            looped: false,
        });
        let sub = self
            .run_sub(&def.body, true, def.end, &format!("`{}`", info.name))
            .map_err(|d| d.note(format!("while expanding `{}` at {}", info.name, span.start)));
        let start = self.loop_starts.pop().expect("pushed above");
        self.expanding.pop();
        Ok((sub?, start.looped))
    }

    /// A word with row variables calling itself in tail position: the stack must have the
    /// types it started with.
    fn again(&mut self, info: &WordInfo<'p>, span: Span) -> Step<Op> {
        self.materialize_all()?;
        self.normalize();
        let start = self.loop_starts.last().expect("looked up").start.clone();
        let shown_start = show_slots(
            &self.u,
            &self
                .u
                .resolve_stack(&start)
                .items
                .into_iter()
                .map(Slot::of)
                .collect::<Vec<_>>(),
        );
        if self.u.unify_stacks(&start, &self.frame.stack()).is_err() {
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{}` calls itself on the stack {} but started from {}: a word with row variables that calls itself must call itself on a stack of the types it started from",
                    info.name,
                    self.shown(),
                    shown_start
                ),
            ));
        }
        self.loop_starts.last_mut().expect("looked up").looped = true;
        // Nothing follows the jump: what the path leaves is whatever the other paths
        // leave (a fresh row meets any stack).
        while !self.frame.items.is_empty() {
            self.frame.pop();
        }
        self.frame.row = self.u.fresh_row(false);
        Ok(Op::Again)
    }

    /// `strand.spawn`: the child runs the quotation on a copy of the stack; the parent's
    /// stack is unchanged but for the new strand's id.
    fn spawn(&mut self, name: &str, span: Span) -> Step<Op> {
        let q = self.pop_quotation(name, span, "( [ .. ] )")?;
        let parent = self.frame.snapshot();
        let sub = self.run_quotation(q, 0, false, name, span)?;
        self.frame.restore(parent);
        self.normalize();
        let len = self.frame.items.len();
        let captured: Vec<Ty> = self.frame.items[len - sub.consumed..]
            .iter()
            .map(|s| s.ty.clone())
            .collect();
        self.send_types.extend(captured);
        self.frame
            .push(Slot::pushed_by(Ty::Int, &Origin::word(span, name)));
        Ok(Op::Spawn(sub, span))
    }

    /// Runs both arms from the same stack and requires them to agree.
    fn branch(
        &mut self,
        then: Arm<'p>,
        otherwise: Arm<'p>,
        quotes: usize,
        span: Span,
        tail: bool,
        word: &str,
    ) -> Step<Op> {
        let start = self.frame.snapshot();
        let aux_start = self.frame.aux.last().expect("aux per body").clone();
        let shown_start = self.shown();
        let mut then_sub = self.run_arm(then, tail, word, span)?;
        self.normalize();
        let then_row = self.frame.row;
        let mut then_slots = self.frame.items.clone();
        let then_aux =
            std::mem::replace(self.frame.aux.last_mut().expect("aux per body"), aux_start);
        self.frame.restore(start);
        self.normalize();
        let mut else_sub = self.run_arm(otherwise, tail, word, span)?;
        self.normalize();
        let else_aux = self.frame.aux.last().expect("aux per body").clone();
        self.aux_agrees(&then_aux, &else_aux, span, word)?;
        // Where the arms leave different quotation literals, both become values.
        let (la, lb) = (then_slots.len(), self.frame.items.len());
        for i in 1..=la.min(lb) {
            let (qa, qb) = (then_slots[la - i].quot, self.frame.items[lb - i].quot);
            if qa != qb {
                for key in [qa, qb].into_iter().flatten() {
                    self.materialize(key)?;
                }
                self.frame.items[lb - i].quot = None;
            }
        }
        // Where one arm leaves a dynamic value and the other a typed one, they meet.
        let types = |slots: &[Slot]| slots.iter().map(|s| s.ty.clone()).collect::<Vec<_>>();
        let (then_types, else_types) = (types(&then_slots), types(&self.frame.items));
        let mut arms = [(&mut then_sub, then_types), (&mut else_sub, else_types)];
        if let Some(joined) = self.convert_arms(&mut arms, word, span) {
            retype(&mut then_slots, &joined);
            retype(&mut self.frame.items, &joined);
        }
        let then_stack = crate::types::StackTy {
            row: then_row,
            items: then_slots.iter().map(|s| s.ty.clone()).collect(),
        };
        if self
            .u
            .unify_stacks(&then_stack, &self.frame.stack())
            .is_err()
        {
            let (a, b) = (show_slots(&self.u, &then_slots), self.shown());
            let message = match (word, quotes) {
                ("when", _) => format!("the quotation of `when` must leave the stack as it found it: it found {shown_start} and left {a}"),
                ("unless", _) => format!("the quotation of `unless` must leave the stack as it found it: it found {shown_start} and left {b}"),
                (_, 0) => format!("the branches of `if` disagree: the `if` part leaves {a} but the `else` part leaves {b}"),
                _ => format!("the branches of `if` disagree: the true quotation leaves {a} but the false quotation leaves {b}"),
            };
            let d = Diagnostic::new(span, message);
            let d = match quotes {
                1 => d,
                _ => d.note(format!("both start from {shown_start}")),
            };
            // A closure value on one side, a plain quotation on the other.
            let closure = |t: &Ty| matches!(self.u.resolve(t), Ty::Quot(q) if q.closure);
            let plain = |t: &Ty| matches!(self.u.resolve(t), Ty::Quot(q) if !q.closure);
            let mixed = then_slots
                .iter()
                .zip(&self.frame.items)
                .any(|(a, b)| (closure(&a.ty) && plain(&b.ty)) || (plain(&a.ty) && closure(&b.ty)));
            return Err(if mixed {
                d.help("a quotation literal becomes a closure only where an effect declares `Closure[ .. ]`: make it in a word that returns one, e.g. `: inc ( -- Closure[ Int -- Int ] ) [ 1 i.+ ] ;`")
            } else {
                d
            });
        }
        self.normalize();
        Ok(Op::If {
            quotes,
            then: then_sub,
            otherwise: else_sub,
        })
    }

    fn run_arm(&mut self, arm: Arm<'p>, tail: bool, word: &str, span: Span) -> Step<Sub> {
        match arm {
            Arm::Stmts(stmts) => self.run_arm_body(stmts, tail),
            // `[ .. ] [ .. ] if` of literals is the block form written with quotations.
            Arm::Quotation(slot, _) if word == "if" && slot.quot.is_some() => {
                let key = slot.quot.expect("matched");
                self.run_arm_body(&self.lits[key].quotation.body, tail)
            }
            Arm::Quotation(slot, index) => self.run_quotation(slot, index, tail, word, span),
            Arm::Empty => Ok(Sub::empty()),
        }
    }

    /// The aux stacks two arms leave must agree (they started from the same one).
    pub(super) fn aux_agrees(&mut self, a: &[Slot], b: &[Slot], span: Span, word: &str) -> Step {
        let agree = a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| self.u.unify(&x.ty, &y.ty).is_ok());
        if agree {
            return Ok(());
        }
        Err(Diagnostic::new(
            span,
            format!(
                "the arms of `{word}` leave different aux stacks: one leaves {} and another {}",
                show_slots(&self.u, a),
                show_slots(&self.u, b)
            ),
        )
        .help("each arm must take (`aux>`) and set aside (`>aux`) the same values"))
    }

    /// Runs a popped quotation: a literal in place, a value by its type.
    pub(super) fn run_quotation(
        &mut self,
        slot: Slot,
        index: usize,
        tail: bool,
        who: &str,
        span: Span,
    ) -> Step<Sub> {
        if let Some(key) = slot.quot {
            let q = self.lits[key].quotation;
            return self.run_sub(&q.body, tail, q.close, "this quotation");
        }
        let Ty::Quot(q) = self.u.shallow(&slot.ty) else {
            unreachable!("pop_quotation only returns quotations")
        };
        let quotation = self.u.instantiate_quot(&q);
        let shown_q = self.u.show(&Ty::Quot(q));
        let wrong = |me: &Self| {
            Diagnostic::new(
                span,
                format!(
                    "`{who}` runs a quotation {shown_q} but the stack is {}",
                    me.shown()
                ),
            )
        };
        self.frame.begin_mark();
        let outputs = if quotation.input.row == quotation.output.row {
            let n = quotation.input.items.len();
            if self.ensure(n).is_err() {
                self.frame.end_mark();
                return Err(wrong(self));
            }
            let base = self.frame.items.len() - n;
            for i in 0..n {
                if let Some(key) = self.frame.items[base + i].quot.take() {
                    self.materialize(key)?;
                }
                let slot = self.frame.items[base + i].clone();
                if self.u.unify(&slot.ty, &quotation.input.items[i]).is_err() {
                    self.frame.end_mark();
                    return Err(with_origin(wrong(self), &self.u, &slot));
                }
            }
            for _ in 0..n {
                self.frame.pop();
            }
            quotation.output.items.clone()
        } else {
            // The quotation's rows are tied to particular stacks: unify the whole stack.
            self.materialize_all()?;
            self.normalize();
            if self
                .u
                .unify_stacks(&self.frame.stack(), &quotation.input)
                .is_err()
            {
                self.frame.end_mark();
                return Err(wrong(self));
            }
            while !self.frame.items.is_empty() {
                self.frame.pop();
            }
            let out = self.u.resolve_stack(&quotation.output);
            self.frame.row = out.row;
            out.items
        };
        let origin = Origin::word(span, who);
        for ty in &outputs {
            self.frame.push(Slot::pushed_by(ty.clone(), &origin));
        }
        let (consumed, produced) = self.frame.end_mark();
        Ok(Sub {
            code: SubCode::Value {
                quote: index,
                outputs,
            },
            consumed,
            produced,
        })
    }

    /// Pops the quotation a combinator needs.
    pub(super) fn pop_quotation(&mut self, who: &str, span: Span, needs: &str) -> Step<Slot> {
        if self.ensure(1).is_err() {
            return Err(self.underflow_before(who, needs, span));
        }
        let top = self.frame.items.last().expect("ensured").clone();
        let is_quotation = top.quot.is_some() || matches!(self.u.shallow(&top.ty), Ty::Quot(_));
        if !is_quotation {
            let d = Diagnostic::new(
                span,
                format!(
                    "`{who}` needs a quotation on top: it needs {needs} but the stack is {}",
                    self.before
                ),
            );
            let d = with_origin(d, &self.u, &top);
            // `cond [ .. ] if`: one quotation where `if` takes two.
            let d = if who == "if" && matches!(self.u.shallow(&top.ty), Ty::Bool) {
                d.help("`if` takes two quotations, `cond [ then ] [ else ] if`; for one, write `cond [ .. ] when` (or `unless`), or the block form `cond if .. then`")
            } else {
                d
            };
            return Err(d);
        }
        Ok(self.frame.pop())
    }

    /// Pops any one value.
    pub(super) fn pop_any(&mut self, who: &str, span: Span, needs: &str) -> Step<Slot> {
        if self.ensure(1).is_err() {
            return Err(self.underflow_before(who, needs, span));
        }
        Ok(self.frame.pop())
    }

    /// Pops a value that must have type `ty`. With `taken`, the number of slots above it
    /// the step has already popped, a `Variant` is converted to it; without, it must
    /// have the type (a value a loop's condition leaves).
    pub(super) fn pop_typed(
        &mut self,
        who: &str,
        span: Span,
        needs: &str,
        (ty, taken): (Ty, Option<usize>),
        what: &str,
    ) -> Step {
        if self.ensure(1).is_err() {
            return Err(self.underflow_before(who, needs, span));
        }
        let top = self.frame.items.len() - 1;
        if let Some(key) = self.frame.items[top].quot.take() {
            self.materialize(key)?;
        }
        let slot = self.frame.items[top].clone();
        let matched = match taken {
            Some(taken) => self.meet(top, taken, &ty, who, span),
            None => self.u.unify(&slot.ty, &ty),
        };
        if matched.is_err() {
            let d = Diagnostic::new(
                span,
                format!(
                    "`{who}` needs {what}: it needs {needs} but the stack is {}",
                    self.before
                ),
            );
            return Err(with_origin(d, &self.u, &slot));
        }
        self.frame.pop();
        Ok(())
    }
}
