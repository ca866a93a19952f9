//! Closures (reference section 5): a quotation literal that must become a value of a
//! `Closure[ a -- b ]` type — an input a word declares so, or a declared output — and
//! whose body needs more inputs than that type gives, captures the missing values from the
//! slots right below it, by copy, where it becomes the value. The captured values leave
//! the stack; the closure takes the literal's place ([`Op::Capture`]). When the closure
//! runs, the captured values sit on top of its inputs, in the order they had.
//!
//! A plain `[ a -- b ]` type never captures: it is a function pointer in Rust. A literal
//! that would need to is an error whose help says to write `Closure[ a -- b ]`.

use super::body::{BodyChecker, Step};
use super::frame::Slot;
use super::ir::Op;
use super::report::show_slots;
use crate::diag::Diagnostic;
use crate::types::{QuotTy, StackTy, Ty};

impl BodyChecker<'_, '_> {
    /// Before the top slots are matched against `expected` (bottom first): each pending
    /// literal among them whose expected type is a closure becomes one. The capture ops
    /// are queued in `self.prelude` for the caller to emit first.
    pub(super) fn capture_closures(&mut self, expected: &[Ty]) -> Step {
        for i in (0..expected.len()).rev() {
            let Ty::Quot(q) = self.u.resolve(&expected[i]) else {
                continue;
            };
            if !q.closure {
                continue;
            }
            // A capture below takes slots away: the stack may now be too short, which
            // matching it against `expected` reports.
            let Some(index) = (self.frame.items.len() + i).checked_sub(expected.len()) else {
                break;
            };
            let Some(key) = self.frame.items[index].quot else {
                continue;
            };
            self.capture(index, key, &q)?;
        }
        Ok(())
    }

    fn capture(&mut self, index: usize, key: usize, expected: &QuotTy) -> Step {
        let close = self.lits[key].quotation.close;
        if self.lits[key].value.is_some() {
            return Err(Diagnostic::new(
                close,
                "this quotation is used both as a plain quotation and as a closure",
            )
            .help("write it twice, once for each use"));
        }
        let (natural, sub) = self.natural(key)?;
        let Ty::Quot(natural) = self.u.resolve(&natural) else {
            unreachable!("a literal's natural type is a quotation")
        };
        let count = natural
            .input
            .items
            .len()
            .saturating_sub(expected.input.items.len());
        // Values to capture: the `count` slots right below the literal.
        let depth = self.frame.items.len() - 1 - index;
        if self.ensure(depth + 1 + count).is_err() {
            return Err(Diagnostic::new(
                close,
                format!(
                    "this quotation captures {count} value(s) from below it, but the stack is {}",
                    self.shown()
                ),
            ));
        }
        let index = self.frame.items.len() - 1 - depth;
        let captured: Vec<Slot> = self.frame.items[index - count..index].to_vec();
        let mismatch = |this: &Self| {
            Diagnostic::new(
                close,
                format!(
                    "this quotation has the effect {} and is used where {} is expected, capturing {} from below it",
                    this.u.show(&Ty::Quot(natural.clone())),
                    this.u.show(&Ty::Quot(Box::new(expected.clone()))),
                    show_slots(&this.u, &captured)
                ),
            )
        };
        let given = natural.input.items.len() - count;
        for (slot, ty) in captured.iter().zip(&natural.input.items[given..]) {
            if self.u.unify(&slot.ty, ty).is_err() {
                return Err(
                    mismatch(self).note(format!("where it is made, the stack is {}", self.shown()))
                );
            }
        }
        let rest = StackTy {
            row: natural.input.row,
            items: natural.input.items[..given].to_vec(),
        };
        if self.u.unify_stacks(&rest, &expected.input).is_err()
            || self
                .u
                .unify_stacks(&natural.output, &expected.output)
                .is_err()
        {
            return Err(mismatch(self));
        }
        let closure = Ty::Quot(Box::new(expected.clone()));
        let var = self.lits[key].var.clone();
        if self.u.unify(&var, &closure).is_err() {
            return Err(mismatch(self));
        }
        self.dynamic_types
            .extend(captured.iter().map(|s| s.ty.clone()));
        self.lits[key].value = Some((closure.clone(), sub));
        self.lits[key].captures = count;
        // The captured slots leave the stack; the closure stays where the literal was.
        let mut above: Vec<Slot> = (0..=depth).map(|_| self.frame.pop()).collect();
        for _ in 0..count {
            self.frame.pop();
        }
        above.reverse();
        above[0].quot = None;
        above[0].ty = closure;
        for slot in above {
            self.frame.push(slot);
        }
        self.prelude.push(Op::Capture { depth, count });
        Ok(())
    }
}
