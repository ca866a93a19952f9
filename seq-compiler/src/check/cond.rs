//! `value [p1] [b1] [p2] [b2] 2 cond` (reference 3.11): the Int literal right before
//! `cond` counts the (predicate, body) pairs. Each predicate runs on the value alone and
//! must leave it and a Bool (`[ V -- V Bool ]`); each body runs on the value alone and
//! leaves the result (`[ V -- R ]`), the same R for every body. The value's own stack is
//! isolated: the quotations cannot reach below it.

use super::body::{BodyChecker, Step};
use super::frame::{Frame, Origin, Slot};
use super::ir::{Op, Sub};
use super::report::show_slots;
use crate::diag::{Diagnostic, Span};
use crate::types::{StackTy, Ty};

impl BodyChecker<'_, '_> {
    /// `n cond` (the count already read).
    pub(super) fn cond(&mut self, n: i64, span: Span, count_span: Span) -> Step<Op> {
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
        Ok(Op::Cond {
            arms,
            value: value.ty,
            result,
        })
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
