//! Loops: `times`, `each-integer`, `integer-fold`, the list loops `list.each`,
//! `list.map`, `list.filter`, `list.fold`, the map loops, and `file.for-each-line`.
//!
//! A loop body must leave the stack as it found it, after taking what each run is given
//! (the iteration number, the element, or the line); `list.map` and `list.filter` bodies also leave
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

    /// `file.for-each-line ( ..a String [ ..a String -- ..a ] -- ..a Bool )`: the body
    /// takes each line and leaves the stack as it found it; a Bool comes after the loop.
    pub(super) fn file_lines(&mut self, name: &str, span: Span) -> Step<Op> {
        let needs = "( String [ .. String -- .. ] )";
        let q = self.pop_quotation(name, span, needs)?;
        self.pop_typed(name, span, needs, (Ty::Str, Some(1)), "a String path")?;
        self.materialize_all()?;
        let shown_before = self.shown();
        let start = self.frame.stack();
        let origin = Origin::word(span, name);
        self.frame.push(Slot::pushed_by(Ty::Str, &origin));
        let sub = self.run_quotation(q, 0, false, name, span)?;
        self.materialize_all()?;
        if self.u.unify_stacks(&start, &self.frame.stack()).is_err() {
            return Err(Diagnostic::new(
                span,
                format!(
                    "the quotation of `{name}` gets each line on top of {shown_before} and must leave {shown_before} as it was, but it leaves {}",
                    self.shown()
                ),
            ));
        }
        self.normalize();
        self.frame.push(Slot::pushed_by(Ty::Bool, &origin));
        Ok(Op::Times(sub, Loop::FileLines, 0))
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

    /// Upstream's form of a list or map loop, `list acc 10 [ .. ] list.fold`: values
    /// between the collection (and accumulator) and the quotation literal `key` are
    /// captured by it and given to each run on top of its inputs. As upstream counts
    /// them: the values its body takes beyond what each run is given, when the slot below
    /// them holds a collection; a body that does not check on its own counts the values
    /// between the quotation and the nearest collection.
    fn capture_count(&mut self, key: usize, map: bool, folds: bool) -> usize {
        self.normalize();
        let standard = usize::from(folds);
        let given = if map { 2 } else { 1 } + standard;
        let len = self.frame.items.len();
        let kind_at = |me: &Self, depth: usize| -> Option<Ty> {
            len.checked_sub(1 + depth)
                .map(|i| me.u.shallow(&me.frame.items[i].ty))
        };
        let collection = |t: &Ty, open: bool| match t {
            Ty::List(_) => !map,
            Ty::Map(..) => map,
            Ty::Var(_) | Ty::Variant => open,
            _ => false,
        };
        // Nothing to capture without a collection deeper than where it would stand.
        if !(standard + 1..len).any(|d| kind_at(self, d).is_some_and(|t| collection(&t, true))) {
            return 0;
        }
        match self.reach(key) {
            Some(reach) => match reach.checked_sub(given) {
                Some(n)
                    if n > 0
                        && kind_at(self, n + standard).is_some_and(|t| collection(&t, true)) =>
                {
                    n
                }
                _ => 0,
            },
            None => match kind_at(self, standard) {
                Some(t) if collection(&t, true) => 0,
                None => 0,
                _ => (standard + 1..len)
                    .find(|&d| kind_at(self, d).is_some_and(|t| collection(&t, false)))
                    .map_or(0, |depth| depth - standard),
            },
        }
    }

    /// How many values a quotation literal's body takes from below where it starts,
    /// checked on its own and then forgotten; `None` if it does not check on its own.
    fn reach(&mut self, key: usize) -> Option<usize> {
        let saved = self.save();
        let natural = self.natural(key);
        self.restore(saved);
        match natural {
            Ok((Ty::Quot(q), _)) => Some(q.input.items.len()),
            _ => None,
        }
    }

    /// The list and map loops.
    pub(super) fn list_loop(&mut self, name: &str, span: Span, kind: Loop) -> Step<Op> {
        let map = matches!(kind, Loop::MapEach | Loop::MapFold);
        let needs = loop_needs(map, kind.folds());
        let q = self.pop_quotation(name, span, needs)?;
        let count = match q.quot {
            Some(key) => self.capture_count(key, map, kind.folds()),
            None => 0,
        };
        if count == 0 {
            return self.list_loop_capturing(name, span, kind, q, 0);
        }
        // A loop that does not check with the captures may still check as ours: the
        // quotation reaching below the collection.
        let saved = self.save();
        match self.list_loop_capturing(name, span, kind, q.clone(), count) {
            Ok(op) => Ok(op),
            Err(error) => {
                self.restore(saved);
                self.list_loop_capturing(name, span, kind, q, 0)
                    .map_err(|_| error)
            }
        }
    }

    /// A list or map loop whose quotation captures the `count` values below it.
    fn list_loop_capturing(
        &mut self,
        name: &str,
        span: Span,
        kind: Loop,
        q: Slot,
        count: usize,
    ) -> Step<Op> {
        let map = matches!(kind, Loop::MapEach | Loop::MapFold);
        let needs = loop_needs(map, kind.folds());
        let mut captured: Vec<Slot> = (0..count).map(|_| self.frame.pop()).collect();
        captured.reverse();
        for slot in &mut captured {
            if let Some(key) = slot.quot.take() {
                self.materialize(key)?;
            }
        }
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

/// What a list or map loop needs, for messages.
fn loop_needs(map: bool, folds: bool) -> &'static str {
    match (map, folds) {
        (false, false) => "( List [ .. ] )",
        (false, true) => "( List U [ .. ] )",
        (true, false) => "( Map [ .. ] )",
        (true, true) => "( Map U [ .. ] )",
    }
}
