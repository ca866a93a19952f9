//! `value [p1] [b1] [p2] [b2] 2 cond` (reference 3.11): the Int literal right before
//! `cond` counts the (predicate, body) pairs. Each predicate runs with the value on top
//! and must leave the stack as it found it and a Bool; the body of the first that leaves
//! true runs on that stack; no match is a runtime error.
//!
//! When every quotation is a literal (as upstream writes `cond`), they run in place on
//! the whole stack, so a body may use the values below the one tested, and the bodies
//! must leave stacks that agree, as the arms of an `if` do. The result is nested `if`s
//! whose last `else` fails. Quotation values run on the value alone: each body leaves
//! one result, the same R for every body.

use super::body::{BodyChecker, Step};
use super::dynamic::retype;
use super::frame::{Frame, Origin, Slot};
use super::ir::{Block, Op, Sub, SubCode};
use super::report::show_slots;
use crate::builtins;
use crate::diag::{Diagnostic, Span};
use crate::types::{StackTy, Ty};

impl BodyChecker<'_, '_> {
    /// `n cond` (the count already read).
    pub(super) fn cond(
        &mut self,
        n: i64,
        span: Span,
        count_span: Span,
        tail: bool,
    ) -> Step<Vec<Op>> {
        let pairs = match usize::try_from(n) {
            Ok(p) if (1..=32).contains(&p) => p,
            _ => {
                return Err(Diagnostic::new(
                    count_span,
                    format!("`cond` needs a count of 1 to 32 (predicate, body) pairs, not {n}"),
                ))
            }
        };
        self.normalize();
        self.before = self.shown();
        let needs = "( V [ V -- V Bool ] [ V -- R ] ... )";
        let mut quotes = Vec::new();
        for _ in 0..2 * pairs {
            quotes.push(self.pop_quotation("cond", span, needs)?);
        }
        quotes.reverse();
        if quotes.iter().all(|q| q.quot.is_some()) {
            return self.cond_in_place(&quotes, span, tail);
        }
        let value = self.pop_any("cond", span, needs)?;
        // Every arm is given the value: a quotation literal becomes one.
        if let Some(key) = value.quot {
            self.materialize(key)?;
        }
        let result = self.u.fresh_ty();
        let origin = Origin::word(span, "cond");
        let mut arms = Vec::new();
        for (i, pair) in quotes.chunks(2).enumerate() {
            let keeps = [value.ty.clone(), Ty::Bool];
            let predicate =
                self.isolated(&pair[0], i * 2, &value, &keeps, span, &origin, "predicate")?;
            let body = self.isolated(
                &pair[1],
                i * 2 + 1,
                &value,
                std::slice::from_ref(&result),
                span,
                &origin,
                "body",
            )?;
            arms.push((predicate, body));
        }
        self.frame.push(Slot::pushed_by(result.clone(), &origin));
        Ok(vec![Op::Cond {
            arms,
            value: value.ty,
            result,
        }])
    }

    /// `cond` of quotation literals: predicates and bodies run in place; nested `if`s.
    fn cond_in_place(&mut self, quotes: &[Slot], span: Span, tail: bool) -> Step<Vec<Op>> {
        if self.ensure(1).is_err() {
            return Err(self.underflow_before("cond", "a value to test", span));
        }
        self.materialize_all()?;
        let start = self.frame.snapshot();
        let shown_start = self.shown();
        let mut predicates = Vec::new();
        for (i, pair) in quotes.chunks(2).enumerate() {
            self.frame.restore(start.clone());
            self.normalize();
            let before = self.frame.stack();
            let predicate = self.run_quotation(pair[0].clone(), 2 * i, false, "cond", span)?;
            self.materialize_all()?;
            self.before = self.shown();
            let needs = "( .. Bool ) from each predicate";
            self.pop_typed(
                "cond",
                span,
                needs,
                (Ty::Bool, None),
                "each predicate to leave a Bool on top",
            )?;
            if self.u.unify_stacks(&before, &self.frame.stack()).is_err() {
                return Err(Diagnostic::new(
                    span,
                    format!(
                        "each predicate of `cond` must leave the stack as it found it and a Bool: it found {shown_start} and left {} under the Bool",
                        self.shown()
                    ),
                ));
            }
            predicates.push(predicate);
        }
        let mut bodies = Vec::new();
        let mut left = Vec::new();
        for (i, pair) in quotes.chunks(2).enumerate() {
            self.frame.restore(start.clone());
            self.normalize();
            let body = self.run_quotation(pair[1].clone(), 2 * i + 1, tail, "cond", span)?;
            self.materialize_all()?;
            self.normalize();
            left.push((self.frame.row, self.frame.items.clone()));
            bodies.push(body);
        }
        // Where a body leaves a dynamic value and another a typed one, they meet.
        let mut arms: Vec<(&mut Sub, Vec<Ty>)> = bodies
            .iter_mut()
            .zip(&left)
            .map(|(sub, (_, slots))| (sub, slots.iter().map(|s| s.ty.clone()).collect()))
            .collect();
        if let Some(joined) = self.convert_arms(&mut arms, "cond", span) {
            for (_, slots) in &mut left {
                retype(slots, &joined);
            }
            retype(&mut self.frame.items, &joined);
        }
        let (first_row, first) = &left[0];
        let first_stack = StackTy {
            row: *first_row,
            items: first.iter().map(|s| s.ty.clone()).collect(),
        };
        for (i, (row, slots)) in left.iter().enumerate().skip(1) {
            let stack = StackTy {
                row: *row,
                items: slots.iter().map(|s| s.ty.clone()).collect(),
            };
            if self.u.unify_stacks(&first_stack, &stack).is_err() {
                return Err(Diagnostic::new(
                    span,
                    format!(
                        "the bodies of `cond` disagree: the first leaves {} but body {} leaves {}",
                        show_slots(&self.u, first),
                        i + 1,
                        show_slots(&self.u, slots)
                    ),
                )
                .note(format!("each starts from {shown_start}")));
            }
        }
        self.normalize();
        // Nested `if`s, innermost first: `p1 if b1 else (p2 if b2 else (.. fail))`.
        let net = bodies[0].produced as isize - bodies[0].consumed as isize;
        let reach = predicates
            .iter()
            .chain(&bodies)
            .map(|s| s.consumed)
            .max()
            .unwrap_or(0);
        let produced = (reach as isize + net).max(0) as usize;
        let fail = Op::Fail("cond: no predicate matched".into());
        let mut rest = Sub {
            code: SubCode::Inline(Block { ops: vec![fail] }),
            consumed: reach,
            produced,
        };
        for (predicate, body) in predicates.into_iter().zip(bodies).rev() {
            let ops = vec![
                Op::Expand(predicate),
                Op::If {
                    quotes: 0,
                    then: body,
                    otherwise: rest,
                },
            ];
            rest = Sub {
                code: SubCode::Inline(Block { ops }),
                consumed: reach,
                produced,
            };
        }
        // The quotation literals leave the stack first; they run in place.
        let drop = builtins::lookup("drop").expect("a builtin").builtin;
        let mut ops: Vec<Op> = (0..quotes.len())
            .map(|_| Op::Builtin {
                builtin: drop,
                outputs: Vec::new(),
                at: span,
            })
            .collect();
        ops.push(Op::Expand(rest));
        Ok(ops)
    }

    /// Runs one of `cond`'s quotations on the value alone; it must leave `leaves`.
    #[allow(clippy::too_many_arguments)]
    fn isolated(
        &mut self,
        quotation: &Slot,
        index: usize,
        value: &Slot,
        leaves: &[Ty],
        span: Span,
        origin: &Origin,
        what: &str,
    ) -> Step<Sub> {
        let row = self.u.rigid_row("c", false);
        let start = vec![Slot::pushed_by(value.ty.clone(), origin)];
        let outer = std::mem::replace(&mut self.frame, Frame::new(row, start));
        let sub = self.run_quotation(quotation.clone(), index, false, "cond", span).and_then(|sub| {
            self.materialize_all()?;
            let expected = StackTy {
                row,
                items: leaves.to_vec(),
            };
            if self.u.unify_stacks(&self.frame.stack(), &expected).is_err() {
                return Err(Diagnostic::new(
                    span,
                    format!(
                        "each {what} of `cond` must leave {} from the value alone, but one leaves {}",
                        self.u.show_items(leaves),
                        show_slots(&self.u, &self.frame.items)
                    ),
                ));
            }
            Ok(sub)
        });
        self.frame = outer;
        sub
    }
}
