//! Weaves in the checker: `strand.weave` runs its body on a stack of its own (the context
//! under the first resumed value) where it may yield values of one type; a word that
//! yields declares `| Yield T`, and every yield is held to the type of the code it is in
//! (the word's declaration or the weave). A quotation made inside such code may yield as
//! it does.

use super::body::{BodyChecker, Step};
use super::frame::{Frame, Origin, Slot};
use super::ir::Op;
use super::unify::Vars;
use crate::diag::{Diagnostic, Span};
use crate::types::{QuotTy, Ty};

impl BodyChecker<'_, '_> {
    /// Instantiates an effect with its `| Yield T` (tied to the effect's variables).
    pub(super) fn instantiate_yielding(
        &mut self,
        sig: &crate::types::SigEffect,
        yields: Option<&crate::types::SigTy>,
        vars: Vars,
    ) -> (QuotTy, Option<Ty>) {
        let Some(yields) = yields else {
            return (self.u.instantiate(sig, vars), None);
        };
        let mut with = sig.clone();
        with.output.items.push(yields.clone());
        let mut effect = self.u.instantiate(&with, vars);
        let yielded = effect.output.items.pop();
        (effect, yielded)
    }

    /// Code that yields `ty` (through `who`): allowed in a weave's body and in a word
    /// declared `| Yield T` with the same type.
    pub(super) fn yielded(&mut self, ty: Ty, span: Span, who: &str) -> Step {
        match self.yield_to.last().cloned().flatten() {
            Some((to, context)) => {
                if self.u.unify(&to, &ty).is_err() {
                    return Err(Diagnostic::new(
                        span,
                        format!(
                            "`{who}` yields {}, but {context} {}",
                            self.u.show(&ty),
                            self.u.show(&to)
                        ),
                    ));
                }
                Ok(())
            }
            None => {
                let shown = self.u.show(&ty);
                let d = Diagnostic::new(
                    span,
                    format!(
                        "`{who}` yields {shown}, but `{}` does not declare that it yields",
                        self.current.name
                    ),
                );
                Err(d.help(format!("only a weave's body and words declared to yield can: declare it at the end of the effect, `( ... -- ... | Yield {shown} )`")))
            }
        }
    }

    /// `strand.weave`: the body runs on a stack of its own, the context under the first
    /// resumed value, and may yield values of one type (not necessarily the type it is
    /// resumed with); what it leaves is dropped.
    pub(super) fn weave(&mut self, name: &str, span: Span) -> Step<Op> {
        let q = self.pop_quotation(name, span, "( [ Ctx T -- ] )")?;
        let (yields, resumed) = (self.u.fresh_ty(), self.u.fresh_ty());
        for ty in [&yields, &resumed] {
            self.u.mark_elements(ty);
        }
        let pair = || (Box::new(yields.clone()), Box::new(resumed.clone()));
        let row = self.u.rigid_row("w", false);
        let origin = Origin::word(span, name);
        let (y, r) = pair();
        let start = vec![
            Slot::pushed_by(Ty::Ctx(y, r), &origin),
            Slot::pushed_by(resumed.clone(), &origin),
        ];
        let parent = std::mem::replace(&mut self.frame, Frame::new(row, start));
        self.yield_to
            .push(Some((yields.clone(), "the weave yields".to_string())));
        let sub = self
            .run_quotation(q, 0, false, name, span)
            .and_then(|sub| self.materialize_all().map(|()| sub));
        self.yield_to.pop();
        self.frame = parent;
        let sub = sub?;
        for ty in [&yields, &resumed] {
            self.send_types.push(ty.clone());
            self.element_types.push(ty.clone());
        }
        let (y, r) = pair();
        self.frame.push(Slot::pushed_by(Ty::Weave(y, r), &origin));
        Ok(Op::Weave {
            body: sub,
            yields,
            resumed,
        })
    }
}
