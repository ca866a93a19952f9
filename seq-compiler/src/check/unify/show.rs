//! Types rendered in Seq terms, for messages: `Int`, `List<String>`, `[ Int -- Bool ]`,
//! a plain `Channel` or `List` while the element type is unknown, `?` for an unknown type.

use super::Unifier;
use crate::types::{RowVar, StackTy, Ty};

impl Unifier {
    /// Renders a type in Seq terms.
    pub fn show(&self, ty: &Ty) -> String {
        match self.resolve(ty) {
            Ty::Int => "Int".into(),
            Ty::Float => "Float".into(),
            Ty::Bool => "Bool".into(),
            Ty::Str => "String".into(),
            Ty::Sym => "Symbol".into(),
            Ty::Variant => "Variant".into(),
            Ty::Named(n) => n.name,
            Ty::Var(v) => match (self.rigid_name(v), self.label(v)) {
                (Some(name), _) => name.to_string(),
                (None, Some(label)) => label.to_string(),
                (None, None) => "?".into(),
            },
            Ty::Chan(element) => self.show_container("Channel", &element),
            Ty::Weave(y, r) => self.show_pair("Weave", &y, &r),
            Ty::Ctx(y, r) => self.show_pair("Ctx", &y, &r),
            Ty::List(element) => self.show_container("List", &element),
            Ty::Map(k, v) => match (self.shallow(&k), self.shallow(&v)) {
                (Ty::Var(a), Ty::Var(b))
                    if self.rigid_name(a).is_none() && self.rigid_name(b).is_none() =>
                {
                    "Map".into()
                }
                _ => format!("Map<{}, {}>", self.show(&k), self.show(&v)),
            },
            Ty::Quot(q) => {
                let rows_differ = q.input.row != q.output.row;
                let side = |s: &StackTy| {
                    let mut out = String::new();
                    if rows_differ {
                        out.push_str(&format!("..{} ", self.row_name(s.row)));
                    }
                    for t in &s.items {
                        out.push_str(&self.show(t));
                        out.push(' ');
                    }
                    out
                };
                let kind = if q.closure { "Closure" } else { "" };
                format!("{kind}[ {}-- {}]", side(&q.input), side(&q.output))
            }
        }
    }

    /// `Weave<Int>`, `Weave<String, Int>` (yields, resumed with), or plain `Weave` while
    /// neither is known.
    fn show_pair(&self, name: &str, yields: &Ty, resumed: &Ty) -> String {
        let unknown =
            |t: &Ty| matches!(self.shallow(t), Ty::Var(v) if self.rigid_name(v).is_none());
        if unknown(yields) && unknown(resumed) {
            return name.into();
        }
        let (y, r) = (self.show(yields), self.show(resumed));
        if y == r {
            format!("{name}<{y}>")
        } else {
            format!("{name}<{y}, {r}>")
        }
    }

    /// `Channel<Int>`, or plain `Channel` while the element type is unknown.
    fn show_container(&self, name: &str, element: &Ty) -> String {
        match self.shallow(element) {
            Ty::Var(v) if self.rigid_name(v).is_none() => name.into(),
            _ => format!("{name}<{}>", self.show(element)),
        }
    }

    fn row_name(&self, row: RowVar) -> String {
        match &self.rows[row as usize].rigid {
            Some(name) => name.clone(),
            None => format!("r{row}"),
        }
    }

    /// Renders stack items as `( Int String )`.
    pub fn show_items(&self, items: &[Ty]) -> String {
        let mut out = String::from("(");
        for t in items {
            out.push(' ');
            out.push_str(&self.show(t));
        }
        out.push_str(" )");
        out
    }
}
