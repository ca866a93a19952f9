//! Signatures become types: a word's effect with rigid variables to check its body
//! against, with flexible type variables to infer what its body fixes, or with fresh
//! variables for one use of it. Variables made for the element types of lists, maps,
//! channels and weaves are marked as such (see `mixed`).

use super::Unifier;
use crate::types::{QuotTy, RowVar, SigEffect, SigStack, SigTy, StackTy, Ty};
use std::collections::HashMap;

impl Unifier {
    /// A copy of a quotation type for one use: an own row is replaced by a fresh one, so
    /// the quotation runs on whatever lies below its inputs.
    pub fn instantiate_quot(&mut self, q: &QuotTy) -> QuotTy {
        let mut q = self.resolve_quot(q);
        if q.input.row == q.output.row && self.rows[q.input.row as usize].own {
            let fresh = self.fresh_row(true);
            q.input.row = fresh;
            q.output.row = fresh;
        }
        q
    }

    /// Turns a signature into types, with variables as `vars` says.
    pub fn instantiate(&mut self, sig: &SigEffect, vars: Vars) -> QuotTy {
        self.instantiate_named(sig, vars).0
    }

    /// One type of a signature, its variables fresh (a union field's type).
    pub fn instantiate_type(&mut self, ty: &SigTy) -> Ty {
        let mut names = Names {
            vars: Vars::Fresh,
            tys: HashMap::new(),
            rows: HashMap::new(),
        };
        self.instantiate_ty(ty, &mut names)
    }

    /// As [`Unifier::instantiate`], also giving the type each type variable became.
    pub fn instantiate_named(&mut self, sig: &SigEffect, vars: Vars) -> (QuotTy, Vec<(char, Ty)>) {
        let mut names = Names {
            vars,
            tys: HashMap::new(),
            rows: HashMap::new(),
        };
        let top = names.row(self, None);
        let effect = self.instantiate_effect(sig, top, &mut names);
        let mut named: Vec<(char, Ty)> = names.tys.into_iter().collect();
        named.sort_by_key(|(c, _)| *c);
        (effect, named)
    }

    fn instantiate_effect(
        &mut self,
        sig: &SigEffect,
        implicit: RowVar,
        names: &mut Names,
    ) -> QuotTy {
        let side = |u: &mut Unifier, s: &SigStack, names: &mut Names| StackTy {
            row: match &s.row {
                Some(name) => names.row(u, Some(name)),
                None => implicit,
            },
            items: s.items.iter().map(|t| u.instantiate_ty(t, names)).collect(),
        };
        let input = side(self, &sig.input, names);
        let output = side(self, &sig.output, names);
        QuotTy {
            input,
            output,
            closure: false,
        }
    }

    fn instantiate_ty(&mut self, ty: &SigTy, names: &mut Names) -> Ty {
        match ty {
            SigTy::Int => Ty::Int,
            SigTy::Float => Ty::Float,
            SigTy::Bool => Ty::Bool,
            SigTy::Str => Ty::Str,
            SigTy::Sym => Ty::Sym,
            SigTy::Variant => Ty::Variant,
            SigTy::Named(n) => Ty::Named(n.clone()),
            SigTy::Var(c) => names.ty(self, *c),
            SigTy::Chan(t) => Ty::Chan(self.element(t.as_deref(), names)),
            SigTy::Weave(yr) | SigTy::Ctx(yr) => {
                let (y, r) = match yr {
                    Some(yr) => (Some(&yr.0), Some(&yr.1)),
                    None => (None, None),
                };
                let (y, r) = (self.element(y, names), self.element(r, names));
                match ty {
                    SigTy::Weave(_) => Ty::Weave(y, r),
                    _ => Ty::Ctx(y, r),
                }
            }
            SigTy::List(t) => Ty::List(self.element(t.as_deref(), names)),
            SigTy::Map(kv) => {
                let (k, v) = match kv {
                    Some(kv) => (Some(&kv.0), Some(&kv.1)),
                    None => (None, None),
                };
                Ty::Map(self.element(k, names), self.element(v, names))
            }
            SigTy::Quot(q) | SigTy::Closure(q) => {
                let own = if names.vars != Vars::Fresh {
                    self.rigid_row("q", true)
                } else {
                    self.fresh_row(true)
                };
                let mut effect = self.instantiate_effect(q, own, names);
                effect.closure = matches!(ty, SigTy::Closure(_));
                Ty::Quot(Box::new(effect))
            }
        }
    }

    /// The element type of a list, map, channel or weave: written, or fresh; its variables
    /// are marked as element types.
    fn element(&mut self, written: Option<&SigTy>, names: &mut Names) -> Box<Ty> {
        let ty = match written {
            Some(t) => self.instantiate_ty(t, names),
            None => self.fresh_ty(),
        };
        self.mark_elements(&ty);
        Box::new(ty)
    }
}

/// How [`Unifier::instantiate`] makes a signature's variables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vars {
    /// Rigid: to check a word's body against its effect.
    Rigid,
    /// Rigid rows, flexible types: to infer what a word's body fixes its effect's type
    /// variables to.
    Inferred,
    /// Flexible: one use of a word.
    Fresh,
}

/// Variable names met while instantiating one signature.
struct Names {
    vars: Vars,
    tys: HashMap<char, Ty>,
    rows: HashMap<Option<String>, RowVar>,
}

impl Names {
    fn ty(&mut self, u: &mut Unifier, name: char) -> Ty {
        let vars = self.vars;
        self.tys
            .entry(name)
            .or_insert_with(|| match vars {
                Vars::Rigid => u.rigid_ty(name),
                Vars::Inferred => u.labelled_ty(name),
                Vars::Fresh => u.fresh_ty(),
            })
            .clone()
    }

    fn row(&mut self, u: &mut Unifier, name: Option<&String>) -> RowVar {
        let rigid = self.vars != Vars::Fresh;
        *self.rows.entry(name.cloned()).or_insert_with(|| {
            let label = name.map(String::as_str).unwrap_or("rest");
            if rigid {
                u.rigid_row(label, false)
            } else {
                u.fresh_row(false)
            }
        })
    }
}
