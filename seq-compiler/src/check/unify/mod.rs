//! Unification of value types and row-polymorphic stack types.
//!
//! Variables are flexible (bound by unification) or rigid (a declared signature's `T` or
//! `..a` inside the word that declares it: equal only to themselves). A row variable may
//! also be *own*: the implicit row of a quotation type, which every use of the quotation
//! instantiates afresh, so one quotation can run on stacks of any depth.
//!
//! Unification is strict or *gradual*. A `Variant` is a value whose type is known only at
//! run time ([`Ty::Variant`]); strictly it equals only itself, but gradually it is
//! *consistent* with any type a value can be converted to and from (every type but a
//! weave context's; a quotation is held whole), also inside lists and maps, which convert element
//! by element. A gradual unification may therefore leave two types that differ: the
//! checker then converts the value ([`Unifier::same`] tells). Meeting a `Variant`, the
//! unknown element types of a list, map, channel or weave become `Variant` too, so a
//! dynamic list converts to a list of dynamic values without a copy.
//!
//! Invariants: a bound variable is never rebound; no variable is bound to a type that
//! contains it (occurs check), so resolution always terminates. An own row is only ever
//! bound to other rows local to its quotation; once it is bound to a stack outside, the
//! quotation's resolved row is that outer row (not own) and uses no longer instantiate it.

mod instantiate;
pub use instantiate::Vars;
mod mixed;
mod show;

use crate::types::{QuotTy, RowVar, StackTy, Ty, TyVar};

/// How closely two types must agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Equal.
    Strict,
    /// Equal, or a value of one converts to the other (one side is dynamic).
    Gradual,
}

#[derive(Clone, Debug)]
struct TyInfo {
    bound: Option<Ty>,
    rigid: Option<String>,
    /// The name it was declared with, for messages, while it is still flexible.
    label: Option<char>,
    /// Made for the element type of a list, map or channel.
    element: bool,
}

#[derive(Clone, Debug)]
struct RowInfo {
    bound: Option<StackTy>,
    rigid: Option<String>,
    own: bool,
}

/// The variable store: bindings of every type and row variable of one word's check.
#[derive(Clone, Debug, Default)]
pub struct Unifier {
    tys: Vec<TyInfo>,
    rows: Vec<RowInfo>,
    /// Type variables that are `Variant` from the start (see [`Unifier::mixed`]).
    dynamic: Vec<TyVar>,
    /// The element-type variables behind the types of the last failed unification.
    conflict: Vec<TyVar>,
}

/// Two types that cannot be made equal.
#[derive(Debug)]
pub struct Mismatch;

/// The result of a unification.
pub type Unified = Result<(), Mismatch>;

impl Unifier {
    /// A new flexible type variable.
    pub fn fresh_ty(&mut self) -> Ty {
        self.push_ty(None, None)
    }

    /// A new type variable; a flexible one is bound to `Variant` if it is one of
    /// [`Unifier::mixed`]'s.
    fn push_ty(&mut self, rigid: Option<String>, label: Option<char>) -> Ty {
        let var = self.tys.len() as TyVar;
        let dynamic = rigid.is_none() && self.dynamic.contains(&var);
        self.tys.push(TyInfo {
            bound: dynamic.then_some(Ty::Variant),
            rigid,
            label,
            element: false,
        });
        Ty::Var(var)
    }

    fn rigid_ty(&mut self, name: char) -> Ty {
        self.push_ty(Some(name.to_string()), None)
    }

    /// A flexible type variable declared as `name`.
    fn labelled_ty(&mut self, name: char) -> Ty {
        self.push_ty(None, Some(name))
    }

    /// A new flexible row variable.
    pub fn fresh_row(&mut self, own: bool) -> RowVar {
        self.rows.push(RowInfo {
            bound: None,
            rigid: None,
            own,
        });
        (self.rows.len() - 1) as RowVar
    }

    /// A new rigid row variable (one that cannot be refined), named for messages.
    pub fn rigid_row(&mut self, name: &str, own: bool) -> RowVar {
        self.rows.push(RowInfo {
            bound: None,
            rigid: Some(name.to_string()),
            own,
        });
        (self.rows.len() - 1) as RowVar
    }

    /// The name of a rigid type variable.
    pub fn rigid_name(&self, var: TyVar) -> Option<&str> {
        self.tys[var as usize].rigid.as_deref()
    }

    /// The declared type variables bound so far, with their types.
    pub fn labelled(&self) -> Vec<(char, Ty)> {
        self.tys
            .iter()
            .filter_map(|t| Some((t.label?, t.bound.clone()?)))
            .collect()
    }

    /// The name a flexible type variable was declared with (`T` of an effect whose type
    /// variables are being inferred).
    pub fn label(&self, var: TyVar) -> Option<char> {
        self.tys[var as usize].label
    }

    /// Makes an unbound flexible variable rigid under `name`: once a body is checked, an
    /// element type nothing fixed becomes a generic parameter of the word.
    pub fn name_free(&mut self, var: TyVar, name: String) {
        self.tys[var as usize].rigid = Some(name);
    }

    /// Binds every unbound flexible type variable to `ty`.
    pub fn default_free(&mut self, ty: Ty) {
        for info in &mut self.tys {
            if info.bound.is_none() && info.rigid.is_none() {
                info.bound = Some(ty.clone());
            }
        }
    }

    /// The unbound flexible type variables in a type.
    pub fn free_vars(&self, ty: &Ty, out: &mut Vec<TyVar>) {
        let mut all = Vec::new();
        self.vars(ty, &mut all);
        for v in all {
            if self.tys[v as usize].rigid.is_none() && !out.contains(&v) {
                out.push(v);
            }
        }
    }

    /// Every unbound type variable (rigid or not) in a type.
    pub fn vars(&self, ty: &Ty, out: &mut Vec<TyVar>) {
        match self.resolve(ty) {
            Ty::Var(v) if !out.contains(&v) => out.push(v),
            Ty::Quot(q) => {
                for t in q.input.items.iter().chain(&q.output.items) {
                    self.vars(t, out);
                }
            }
            Ty::Chan(t) | Ty::List(t) => self.vars(&t, out),
            Ty::Map(k, v) | Ty::Weave(k, v) | Ty::Ctx(k, v) => {
                self.vars(&k, out);
                self.vars(&v, out);
            }
            _ => {}
        }
    }

    /// Whether a row variable is rigid (cannot be refined).
    pub fn is_rigid_row(&self, row: RowVar) -> bool {
        self.rows[row as usize].rigid.is_some()
    }

    /// Follows bindings at the top of a type only.
    pub fn shallow(&self, ty: &Ty) -> Ty {
        self.shallow_ref(ty).clone()
    }

    /// As [`Unifier::shallow`], without copying: a deep type is cloned once, by the
    /// caller that needs it, not at every link of a chain of bindings.
    fn shallow_ref<'a>(&'a self, mut ty: &'a Ty) -> &'a Ty {
        while let Ty::Var(v) = ty {
            match &self.tys[*v as usize].bound {
                Some(t) => ty = t,
                None => break,
            }
        }
        ty
    }

    /// Applies every binding, all the way down. Linear in the size of the result: the
    /// levels of a deep type are not copied again at each level.
    pub fn resolve(&self, ty: &Ty) -> Ty {
        match self.shallow_ref(ty) {
            Ty::Quot(q) => Ty::Quot(Box::new(self.resolve_quot(q))),
            Ty::Chan(t) => Ty::Chan(Box::new(self.resolve(t))),
            Ty::Weave(y, r) => Ty::Weave(Box::new(self.resolve(y)), Box::new(self.resolve(r))),
            Ty::Ctx(y, r) => Ty::Ctx(Box::new(self.resolve(y)), Box::new(self.resolve(r))),
            Ty::List(t) => Ty::List(Box::new(self.resolve(t))),
            Ty::Map(k, v) => Ty::Map(Box::new(self.resolve(k)), Box::new(self.resolve(v))),
            other => other.clone(),
        }
    }

    /// Resolves both sides of a quotation type.
    pub fn resolve_quot(&self, q: &QuotTy) -> QuotTy {
        QuotTy {
            input: self.resolve_stack(&q.input),
            output: self.resolve_stack(&q.output),
            closure: q.closure,
        }
    }

    /// Flattens a stack type: the result's row is unbound and its items are resolved.
    pub fn resolve_stack(&self, stack: &StackTy) -> StackTy {
        let mut items: Vec<Ty> = stack.items.iter().rev().map(|t| self.resolve(t)).collect();
        let mut row = stack.row;
        while let Some(below) = &self.rows[row as usize].bound {
            items.extend(below.items.iter().rev().map(|t| self.resolve(t)));
            row = below.row;
        }
        items.reverse();
        StackTy { row, items }
    }

    /// Makes two types equal.
    pub fn unify(&mut self, a: &Ty, b: &Ty) -> Unified {
        self.unify_in(a, b, Mode::Strict)
    }

    /// Makes two types equal, or consistent where one of them is dynamic (see the module
    /// docs): a value of `a` can then be converted to `b`.
    pub fn unify_gradual(&mut self, a: &Ty, b: &Ty) -> Unified {
        self.unify_in(a, b, Mode::Gradual)
    }

    /// Whether a type is or holds `Variant` (as far as it is known).
    pub fn mentions_variant(&self, ty: &Ty) -> bool {
        match self.shallow(ty) {
            Ty::Variant => true,
            Ty::List(t) | Ty::Chan(t) => self.mentions_variant(&t),
            Ty::Map(k, v) | Ty::Weave(k, v) | Ty::Ctx(k, v) => {
                self.mentions_variant(&k) || self.mentions_variant(&v)
            }
            _ => false,
        }
    }

    /// Whether two types that unified gradually are one type: no conversion between
    /// them is needed (they differ only where one is dynamic and the other is not).
    pub fn same(&self, a: &Ty, b: &Ty) -> bool {
        match (self.shallow(a), self.shallow(b)) {
            (Ty::Variant, Ty::Variant) => true,
            (Ty::Variant, _) | (_, Ty::Variant) => false,
            (Ty::List(x), Ty::List(y)) => self.same(&x, &y),
            (Ty::Map(k1, v1), Ty::Map(k2, v2)) => self.same(&k1, &k2) && self.same(&v1, &v2),
            _ => true,
        }
    }

    fn unify_in(&mut self, a_written: &Ty, b_written: &Ty, mode: Mode) -> Unified {
        let (a, b) = (self.shallow(a_written), self.shallow(b_written));
        // A variable is bound to the variable that holds the other type, not to a copy of
        // the type: a conflict can then name the element type it came from.
        match (&a, &b) {
            (Ty::Var(x), Ty::Var(y)) if x == y => Ok(()),
            // Two flexible variables: the one an effect declared keeps its name.
            (Ty::Var(x), Ty::Var(y))
                if self.tys[*x as usize].rigid.is_none()
                    && self.tys[*y as usize].rigid.is_none()
                    && self.tys[*x as usize].label.is_some()
                    && self.tys[*y as usize].label.is_none() =>
            {
                let holder = self.holder(a_written);
                self.bind_ty(*y, holder)
            }
            (Ty::Var(x), _) if self.tys[*x as usize].rigid.is_none() => {
                let holder = self.holder(b_written);
                self.bind_ty(*x, holder)
            }
            (_, Ty::Var(y)) if self.tys[*y as usize].rigid.is_none() => {
                let holder = self.holder(a_written);
                self.bind_ty(*y, holder)
            }
            (Ty::Int, Ty::Int)
            | (Ty::Float, Ty::Float)
            | (Ty::Bool, Ty::Bool)
            | (Ty::Str, Ty::Str)
            | (Ty::Sym, Ty::Sym)
            | (Ty::Variant, Ty::Variant) => Ok(()),
            (Ty::Variant, other) | (other, Ty::Variant) if mode == Mode::Gradual => {
                // A Variant put where a list's or map's elements have a type of their own
                // makes those elements Variants (as upstream's lists hold any value),
                // rather than being converted: a conflict, for the checker to retry.
                let typed = if matches!(a, Ty::Variant) {
                    b_written
                } else {
                    a_written
                };
                let elements = self.element_vars(typed);
                if !elements.is_empty() && !matches!(other, Ty::Var(_)) {
                    self.conflict = elements;
                    return Err(Mismatch);
                }
                self.spread_dynamic(other)
            }
            (Ty::Named(x), Ty::Named(y)) if x.name == y.name => Ok(()),
            (Ty::Quot(p), Ty::Quot(q)) if p.closure == q.closure && self.both_own_rigid(p, q) => {
                // Each works on whatever lies below its inputs: alike when their items are.
                let sides = [(&p.input, &q.input), (&p.output, &q.output)];
                for (x, y) in sides {
                    let (x, y) = (self.resolve_stack(x), self.resolve_stack(y));
                    if x.items.len() != y.items.len()
                        || x.row != p.input.row
                        || y.row != q.input.row
                    {
                        return Err(Mismatch);
                    }
                    for (a, b) in x.items.iter().zip(&y.items) {
                        self.unify(a, b)?;
                    }
                }
                Ok(())
            }
            (Ty::Quot(p), Ty::Quot(q)) if p.closure == q.closure => {
                self.unify_stacks(&p.input, &q.input)?;
                self.unify_stacks(&p.output, &q.output)
            }
            // Lists and maps convert element by element; a channel or weave is shared.
            (Ty::List(x), Ty::List(y)) => self.unify_in(x, y, mode),
            (Ty::Map(k1, v1), Ty::Map(k2, v2)) => {
                self.unify_in(k1, k2, mode)?;
                self.unify_in(v1, v2, mode)
            }
            (Ty::Chan(x), Ty::Chan(y)) => self.unify(x, y),
            (Ty::Weave(y1, r1), Ty::Weave(y2, r2)) | (Ty::Ctx(y1, r1), Ty::Ctx(y2, r2)) => {
                self.unify(y1, y2)?;
                self.unify(r1, r2)
            }
            _ => {
                self.conflict = self.element_vars(a_written);
                self.conflict.extend(self.element_vars(b_written));
                Err(Mismatch)
            }
        }
    }

    /// Makes a type consistent with a dynamic value: the unknown element types in it
    /// become dynamic. A quotation is held whole (its types must be known by then); a
    /// weave's context cannot be dynamic.
    fn spread_dynamic(&mut self, ty: &Ty) -> Unified {
        match self.shallow(ty) {
            Ty::List(t) | Ty::Chan(t) => self.element_dynamic(&t),
            Ty::Map(k, v) | Ty::Weave(k, v) => {
                self.element_dynamic(&k)?;
                self.element_dynamic(&v)
            }
            Ty::Ctx(..) => Err(Mismatch),
            _ => Ok(()),
        }
    }

    fn element_dynamic(&mut self, element: &Ty) -> Unified {
        match self.shallow(element) {
            Ty::Var(v) if self.tys[v as usize].rigid.is_none() => self.bind_ty(v, Ty::Variant),
            other => self.spread_dynamic(&other),
        }
    }

    fn bind_ty(&mut self, var: TyVar, ty: Ty) -> Unified {
        if self.ty_occurs(var, &ty) {
            return Err(Mismatch);
        }
        self.tys[var as usize].bound = Some(ty);
        Ok(())
    }

    fn ty_occurs(&self, var: TyVar, ty: &Ty) -> bool {
        match self.shallow(ty) {
            Ty::Var(v) => v == var,
            Ty::Quot(q) => [&q.input, &q.output].into_iter().any(|s| {
                let s = self.resolve_stack(s);
                s.items.iter().any(|t| self.ty_occurs(var, t))
            }),
            Ty::Chan(t) | Ty::List(t) => self.ty_occurs(var, &t),
            Ty::Map(k, v) | Ty::Weave(k, v) | Ty::Ctx(k, v) => {
                self.ty_occurs(var, &k) || self.ty_occurs(var, &v)
            }
            _ => false,
        }
    }

    /// Makes two stack types equal, aligning them from the top.
    pub fn unify_stacks(&mut self, a: &StackTy, b: &StackTy) -> Unified {
        let (a, b) = (self.resolve_stack(a), self.resolve_stack(b));
        let common = a.items.len().min(b.items.len());
        for k in 1..=common {
            self.unify(&a.items[a.items.len() - k], &b.items[b.items.len() - k])?;
        }
        let rest_a = StackTy {
            row: a.row,
            items: a.items[..a.items.len() - common].to_vec(),
        };
        let rest_b = StackTy {
            row: b.row,
            items: b.items[..b.items.len() - common].to_vec(),
        };
        // Unifying the items may have bound either row.
        let (rest_a, rest_b) = (self.resolve_stack(&rest_a), self.resolve_stack(&rest_b));
        match (rest_a.items.is_empty(), rest_b.items.is_empty()) {
            (true, true) => self.unify_rows(rest_a.row, rest_b.row),
            (true, false) => self.bind_row(rest_a.row, rest_b),
            (false, true) => self.bind_row(rest_b.row, rest_a),
            (false, false) => self.unify_stacks(&rest_a, &rest_b),
        }
    }

    /// Whether two quotation types each have a rigid row of their own, distinct ones
    /// (two quotation types of one declared effect).
    fn both_own_rigid(&self, p: &QuotTy, q: &QuotTy) -> bool {
        let own_rigid = |t: &QuotTy| {
            let row = &self.rows[t.input.row as usize];
            t.input.row == t.output.row && row.own && row.rigid.is_some()
        };
        p.input.row != q.input.row && own_rigid(p) && own_rigid(q)
    }

    fn unify_rows(&mut self, a: RowVar, b: RowVar) -> Unified {
        if a == b {
            return Ok(());
        }
        if self.rows[a as usize].rigid.is_none() {
            self.bind_row(
                a,
                StackTy {
                    row: b,
                    items: Vec::new(),
                },
            )
        } else {
            self.bind_row(
                b,
                StackTy {
                    row: a,
                    items: Vec::new(),
                },
            )
        }
    }

    fn bind_row(&mut self, row: RowVar, stack: StackTy) -> Unified {
        if self.rows[row as usize].rigid.is_some() || self.row_occurs(row, &stack) {
            return Err(Mismatch);
        }
        self.rows[row as usize].bound = Some(stack);
        Ok(())
    }

    fn row_occurs(&self, row: RowVar, stack: &StackTy) -> bool {
        let stack = self.resolve_stack(stack);
        stack.row == row || stack.items.iter().any(|t| self.row_occurs_in_ty(row, t))
    }

    fn row_occurs_in_ty(&self, row: RowVar, ty: &Ty) -> bool {
        match self.shallow(ty) {
            Ty::Quot(q) => self.row_occurs(row, &q.input) || self.row_occurs(row, &q.output),
            Ty::Chan(t) | Ty::List(t) => self.row_occurs_in_ty(row, &t),
            Ty::Map(k, v) | Ty::Weave(k, v) | Ty::Ctx(k, v) => {
                self.row_occurs_in_ty(row, &k) || self.row_occurs_in_ty(row, &v)
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests;
