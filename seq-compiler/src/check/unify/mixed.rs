//! Containers whose elements mix types: a list that gets an Int and then a String holds
//! dynamic values (`List<Variant>`), as every list does in Seq's reference.
//!
//! Type variables made for the element type of a list, map or channel are marked as
//! such. When a unification fails, the marked variables behind the two types that
//! clashed are kept ([`Unifier::conflict`]); the checker then checks the word again with
//! those variables `Variant` from the moment they are made ([`Unifier::mixed`]), which is
//! the same moment on every check, since checking a body makes its variables in the same
//! order each time.

use super::Unifier;
use crate::types::{Ty, TyVar};

impl Unifier {
    /// Makes the type variables numbered `vars` `Variant` when they are made.
    pub fn mixed(&mut self, vars: Vec<TyVar>) {
        self.dynamic = vars;
    }

    /// The element-type variables behind the two types of the last failed unification.
    pub fn conflict(&self) -> &[TyVar] {
        &self.conflict
    }

    /// Marks the type variables in `ty` as element types.
    pub fn mark_elements(&mut self, ty: &Ty) {
        let mut vars = Vec::new();
        self.vars(ty, &mut vars);
        for v in vars {
            self.tys[v as usize].element = true;
        }
    }

    /// What a variable is bound to, so that it can follow `ty`: the last variable of its
    /// chain of bindings (which holds the type), or the type itself.
    pub(super) fn holder(&self, ty: &Ty) -> Ty {
        let mut ty = ty;
        while let Ty::Var(v) = ty {
            match &self.tys[*v as usize].bound {
                Some(next @ Ty::Var(_)) => ty = next,
                _ => break,
            }
        }
        match ty {
            Ty::Var(_) => ty.clone(),
            _ => self.shallow(ty),
        }
    }

    /// The element-type variables on the chain of bindings from `ty`.
    pub(super) fn element_vars(&self, ty: &Ty) -> Vec<TyVar> {
        let mut out = Vec::new();
        let mut ty = ty;
        while let Ty::Var(v) = ty {
            if self.tys[*v as usize].element {
                out.push(*v);
            }
            match &self.tys[*v as usize].bound {
                Some(next) => ty = next,
                None => break,
            }
        }
        out
    }
}
