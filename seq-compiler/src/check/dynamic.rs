//! Where typed values meet dynamic ones (`Variant`): a value is matched against the type a
//! word needs gradually (see [`super::unify`]), and where its type still differs from that
//! type, it is converted before the word runs ([`Op::Coerce`]): into a `Value`, or out of
//! one, checked at run time.
//!
//! Where the arms of a conditional meet, one arm may leave a dynamic value where another
//! leaves a typed one (a union's value beside a `Variant`): the typed value is converted
//! at the end of its arm ([`BodyChecker::convert_arms`]).
//!
//! Invariant: after [`BodyChecker::meet`] the slot has exactly the needed type, so a
//! program whose types never involve `Variant` gets no conversion at all.

use super::body::BodyChecker;
use super::ir::{Op, Sub, SubCode};
use super::unify::Unified;
use crate::diag::Span;
use crate::types::Ty;

impl BodyChecker<'_, '_> {
    /// Matches the slot at `index` of the frame with `expected`, converting it where the
    /// types differ; `depth` is the slot's depth from the top when the step's ops run
    /// (slots the step already took count too). The conversion names `word` at `at` if it
    /// fails at run time.
    pub(super) fn meet(
        &mut self,
        index: usize,
        depth: usize,
        expected: &Ty,
        word: &str,
        at: Span,
    ) -> Unified {
        let from = self.frame.items[index].ty.clone();
        self.u.unify_gradual(&from, expected)?;
        if !self.u.same(&from, expected) {
            // A generic type converted to or from a `Value` needs `Dynamic`.
            self.dynamic_types.push(from.clone());
            self.dynamic_types.push(expected.clone());
            self.prelude.push(Op::Coerce {
                depth,
                from,
                to: expected.clone(),
                word: word.to_string(),
                at,
            });
            self.frame.items[index].ty = expected.clone();
        }
        Ok(())
    }

    /// Makes the stacks the arms of a conditional leave (`arms`: each arm's body and the
    /// types of the slots it leaves, bottom first, as many for each) agree where they
    /// differ only in what is dynamic: each arm converts its slots to the joined types at
    /// its end. Returns the joined types, or `None` (and changes nothing an error would
    /// show) where they do not meet, for the caller to report.
    pub(super) fn convert_arms(
        &mut self,
        arms: &mut [(&mut Sub, Vec<Ty>)],
        word: &str,
        at: Span,
    ) -> Option<Vec<Ty>> {
        let n = arms.first()?.1.len();
        if arms.iter().any(|(_, tys)| tys.len() != n) {
            return None;
        }
        // Arms where no Variant is involved agree or not by plain unification.
        if !arms
            .iter()
            .flat_map(|(_, tys)| tys)
            .any(|t| self.u.mentions_variant(t))
        {
            return None;
        }
        let mut trial = self.u.clone();
        for i in 0..n {
            for k in 1..arms.len() {
                trial.unify_gradual(&arms[0].1[i], &arms[k].1[i]).ok()?;
            }
        }
        let joined: Vec<Ty> = (0..n)
            .map(|i| {
                let first = arms[0].1[i].clone();
                arms[1..]
                    .iter()
                    .fold(first, |j, (_, tys)| join(&trial, &j, &tys[i]))
            })
            .collect();
        let converts = |sub: &Sub, tys: &[Ty]| {
            !matches!(sub.code, SubCode::Value { .. })
                || tys.iter().zip(&joined).all(|(t, j)| trial.same(t, j))
        };
        if !arms.iter().all(|(sub, tys)| converts(sub, tys)) {
            return None;
        }
        self.u = trial;
        for (sub, tys) in arms.iter_mut() {
            let SubCode::Inline(block) = &mut sub.code else {
                continue;
            };
            for (i, (ty, to)) in tys.iter().zip(&joined).enumerate() {
                if !self.u.same(ty, to) {
                    self.dynamic_types.push(ty.clone());
                    block.ops.push(Op::Coerce {
                        depth: n - 1 - i,
                        from: ty.clone(),
                        to: to.clone(),
                        word: word.to_string(),
                        at,
                    });
                }
            }
        }
        Some(joined)
    }
}

/// Gives slots the types their arms met at ([`BodyChecker::convert_arms`]).
pub(super) fn retype(slots: &mut [super::frame::Slot], joined: &[Ty]) {
    for (slot, ty) in slots.iter_mut().zip(joined) {
        slot.ty = ty.clone();
    }
}

/// The type two consistent types meet at: dynamic where either is.
fn join(u: &super::unify::Unifier, a: &Ty, b: &Ty) -> Ty {
    match (u.shallow(a), u.shallow(b)) {
        (Ty::Variant, _) | (_, Ty::Variant) => Ty::Variant,
        (Ty::List(x), Ty::List(y)) => Ty::List(Box::new(join(u, &x, &y))),
        (Ty::Map(k1, v1), Ty::Map(k2, v2)) => {
            Ty::Map(Box::new(join(u, &k1, &k2)), Box::new(join(u, &v1, &v2)))
        }
        (a, _) => a,
    }
}
