//! Loops: `times`, `each-integer`, `integer-fold`, and the list loops `list.each`,
//! `list.map`, `list.filter`, `list.fold`.
//!
//! A loop body must leave the stack as it found it, after taking what each run is given
//! (the iteration number, or the element); `list.map` and `list.filter` bodies also leave
//! one value on top (the new element, or whether to keep the element). Every literal on
//! the stack becomes a value first: loop-carried slots are variables.

use super::body::{BodyChecker, Step};
use super::frame::{Origin, Slot};
use super::ir::{Loop, Op};
use crate::diag::{Diagnostic, Span};
use crate::types::Ty;

impl BodyChecker<'_, '_> {
    /// `times`, `each-integer` and `integer-fold`: the body must leave the stack as it
    /// found it (after taking the iteration number, where there is one).
    pub(super) fn times(&mut self, name: &str, span: Span, kind: Loop) -> Step<Op> {
        let needs = if kind == Loop::Fold {
            "( Int T [ .. ] )"
        } else {
            "( Int [ .. ] )"
        };
        let q = self.pop_quotation(name, span, needs)?;
        let accumulator = match kind {
            Loop::Fold => Some(self.pop_any(name, span, needs)?),
            _ => None,
        };
        let taken = 1 + usize::from(accumulator.is_some());
        self.pop_typed(name, span, needs, (Ty::Int, Some(taken)), "an Int count")?;
        if let Some(acc) = accumulator {
            self.frame.push(acc);
        }
        // Loop-carried slots are variables: no literal may stay a literal across iterations.
        self.materialize_all()?;
        let shown_before = self.shown();
        let start = self.frame.stack();
        if kind != Loop::Times {
            self.frame
                .push(Slot::pushed_by(Ty::Int, &Origin::word(span, name)));
        }
        let sub = self.run_quotation(q, 0, false, name, span)?;
        self.materialize_all()?;
        if self.u.unify_stacks(&start, &self.frame.stack()).is_err() {
            let takes = if kind == Loop::Times {
                ""
            } else {
                "take the iteration number and "
            };
            return Err(Diagnostic::new(
                span,
                format!(
                    "the quotation of `{name}` must {takes}leave the stack as it found it: it found {shown_before} and left {}",
                    self.shown()
                ),
            ));
        }
        self.normalize();
        Ok(Op::Times(sub, kind, 0))
    }

    /// `while` / `until`: the condition leaves the stack as it found it plus a Bool, the
    /// body leaves it as it found it.
    pub(super) fn while_loop(&mut self, name: &str, span: Span, until: bool) -> Step<Op> {
        let needs = "( [ .. -- .. Bool ] [ .. ] )";
        let body_q = self.pop_quotation(name, span, needs)?;
        let cond_q = self.pop_quotation(name, span, needs)?;
        self.materialize_all()?;
        let shown_before = self.shown();
        let start = self.frame.stack();
        let cond = self.run_quotation(cond_q, 0, false, name, span)?;
        self.materialize_all()?;
        self.before = self.shown();
        self.pop_typed(
            name,
            span,
            needs,
            (Ty::Bool, None),
            "its condition to leave a Bool on top",
        )?;
        let unchanged = |me: &mut Self, what: &str| -> Step {
            if me.u.unify_stacks(&start, &me.frame.stack()).is_err() {
                return Err(Diagnostic::new(
                    span,
                    format!(
                        "the {what} of `{name}` must leave the stack as it found it: it found {shown_before} and left {}",
                        me.shown()
                    ),
                ));
            }
            Ok(())
        };
        unchanged(self, "condition (under its Bool)")?;
        self.normalize();
        let body = self.run_quotation(body_q, 1, false, name, span)?;
        self.materialize_all()?;
        unchanged(self, "body")?;
        self.normalize();
        Ok(Op::While { cond, body, until })
    }

    /// Upstream's form of a list or map loop, `list acc 10 [ .. ] list.fold`: when the
    /// collection (and accumulator) are not right below a quotation literal but a
    /// collection is deeper down, the values between are captured by the quotation and
    /// given to each run on top of its inputs. Returns them (popped).
    fn upstream_captures(&mut self, map: bool, folds: bool) -> Step<Vec<Slot>> {
        self.normalize();
        let standard = usize::from(folds);
        let len = self.frame.items.len();
        let kind_at = |me: &Self, depth: usize| -> Option<Ty> {
            len.checked_sub(1 + depth)
                .map(|i| me.u.shallow(&me.frame.items[i].ty))
        };
        let collection = |t: &Ty| matches!((t, map), (Ty::List(_), false) | (Ty::Map(..), true));
        match kind_at(self, standard) {
            Some(t) if collection(&t) || matches!(t, Ty::Var(_)) => return Ok(Vec::new()),
            None => return Ok(Vec::new()),
            _ => {}
        }
        let Some(depth) =
            (standard + 1..len).find(|&d| kind_at(self, d).is_some_and(|t| collection(&t)))
        else {
            return Ok(Vec::new());
        };
        let mut captured: Vec<Slot> = (0..depth - standard).map(|_| self.frame.pop()).collect();
        captured.reverse();
        for slot in &mut captured {
            if let Some(key) = slot.quot.take() {
                self.materialize(key)?;
            }
        }
        Ok(captured)
    }

    /// The list and map loops.
    pub(super) fn list_loop(&mut self, name: &str, span: Span, kind: Loop) -> Step<Op> {
        let map = matches!(kind, Loop::MapEach | Loop::MapFold);
        let needs = match (map, kind.folds()) {
            (false, false) => "( List [ .. ] )",
            (false, true) => "( List U [ .. ] )",
            (true, false) => "( Map [ .. ] )",
            (true, true) => "( Map U [ .. ] )",
        };
        let q = self.pop_quotation(name, span, needs)?;
        let captured = match q.quot {
            Some(_) => self.upstream_captures(map, kind.folds())?,
            None => Vec::new(),
        };
        let accumulator = match kind.folds() {
            true => Some(self.pop_any(name, span, needs)?),
            false => None,
        };
        // What each run is given: the element, or the key and the value.
        let given: Vec<Ty> = (0..if map { 2 } else { 1 })
            .map(|_| self.u.fresh_ty())
            .collect();
        for ty in &given {
            self.u.mark_elements(ty);
        }
        let (collection, what) = if map {
            self.key_types.push(given[0].clone());
            self.element_types.push(given[1].clone());
            let (k, v) = (Box::new(given[0].clone()), Box::new(given[1].clone()));
            (Ty::Map(k, v), "a Map")
        } else {
            self.element_types.push(given[0].clone());
            (Ty::List(Box::new(given[0].clone())), "a List")
        };
        let taken = 1 + captured.len() + usize::from(accumulator.is_some());
        self.pop_typed(name, span, needs, (collection, Some(taken)), what)?;
        let element = given[0].clone();
        if let Some(acc) = accumulator {
            self.frame.push(acc);
        }
        self.materialize_all()?;
        let shown_before = self.shown();
        let start = self.frame.stack();
        let origin = Origin::word(span, name);
        for ty in &given {
            self.frame.push(Slot::pushed_by(ty.clone(), &origin));
        }
        for slot in &captured {
            self.frame.push(slot.clone());
        }
        let sub = self.run_quotation(q, 0, false, name, span)?;
        self.materialize_all()?;
        let left = self.shown();
        let (must_leave, result) = match kind {
            Loop::ListMap => (format!("{} and the new element", shown_before), None),
            Loop::ListFilter => (format!("{} and a Bool", shown_before), Some(Ty::Bool)),
            _ => (format!("{} as it was", shown_before), None),
        };
        let mut produced = None;
        if matches!(kind, Loop::ListMap | Loop::ListFilter) && self.ensure(1).is_ok() {
            let top = self.frame.pop();
            produced = Some(top.ty.clone());
            if let Some(expected) = result {
                if self.u.unify(&top.ty, &expected).is_err() {
                    produced = None;
                    self.frame.push(top);
                }
            }
        }
        let agrees = produced.is_some() || !matches!(kind, Loop::ListMap | Loop::ListFilter);
        if !agrees || self.u.unify_stacks(&start, &self.frame.stack()).is_err() {
            return Err(Diagnostic::new(
                span,
                format!(
                    "the quotation of `{name}` gets each {} on top of {shown_before} and must leave {must_leave}, but it leaves {left}",
                    if map { "key and value" } else { "element" }
                ),
            ));
        }
        self.normalize();
        let list = match (kind, produced) {
            (Loop::ListMap, Some(new_element)) => Some(Ty::List(Box::new(new_element))),
            (Loop::ListFilter, _) => Some(Ty::List(Box::new(element))),
            _ => None,
        };
        if let Some(ty) = list {
            if let Ty::List(e) = &ty {
                self.element_types.push((**e).clone());
            }
            self.frame.push(Slot::pushed_by(ty, &origin));
        }
        Ok(Op::Times(sub, kind, captured.len()))
    }
}
