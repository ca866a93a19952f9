//! Where typed values meet dynamic ones (`Variant`): a value is matched against the type a
//! word needs gradually (see [`super::unify`]), and where its type still differs from that
//! type, it is converted before the word runs ([`Op::Coerce`]): into a `Value`, or out of
//! one, checked at run time.
//!
//! Invariant: after [`BodyChecker::meet`] the slot has exactly the needed type, so a
//! program whose types never involve `Variant` gets no conversion at all.

use super::body::BodyChecker;
use super::ir::Op;
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
}
