//! The checker's types: value types, stack types with row variables, quotation types.
//!
//! A stack type is a row variable (the unknown rest of the stack) with known item types on
//! top of it, bottom first. Row and type variables are indexes into the checker's
//! [`crate::check::unify::Unifier`], which holds their bindings.

/// A type variable (index into the unifier).
pub type TyVar = u32;
/// A row variable (index into the unifier).
pub type RowVar = u32;

/// The type of one stack slot.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// `i64`
    Int,
    /// `f64`
    Float,
    /// `bool`
    Bool,
    /// `String`
    Str,
    /// `Symbol`
    Sym,
    /// `Variant`: a dynamically typed record.
    Variant,
    /// A union of the program, or a Rust type it declared.
    Named(Named),
    /// A type variable, bound or not.
    Var(TyVar),
    /// A quotation: runs on the stack with this effect.
    Quot(Box<QuotTy>),
    /// A channel carrying this element type.
    Chan(Box<Ty>),
    /// A list of this element type.
    List(Box<Ty>),
    /// A map with these key and value types.
    Map(Box<Ty>, Box<Ty>),
    /// A weave's handle: what it yields, what it is resumed with.
    Weave(Box<Ty>, Box<Ty>),
    /// A weave's context, inside its body: what it yields, what it is resumed with.
    Ctx(Box<Ty>, Box<Ty>),
}

impl Ty {
    /// Whether values of this type are `Copy` in the generated Rust (so `dup` needs no
    /// clone). Only meaningful on resolved types.
    pub fn is_copy(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float | Ty::Bool | Ty::Sym | Ty::Ctx(..))
            || matches!(self, Ty::Quot(q) if !q.closure)
    }
}

/// A type known by name: a union of the program (a Rust enum it generates) or a Rust type
/// declared with `type Name = path ;`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    /// The Seq name.
    pub name: String,
    /// For a declared Rust type, its path as written; `None` for a union.
    pub rust: Option<String>,
}

/// A whole stack: a row variable and the items above it (bottom first).
#[derive(Clone, Debug, PartialEq)]
pub struct StackTy {
    /// The rest of the stack.
    pub row: RowVar,
    /// Items above the row, bottom first.
    pub items: Vec<Ty>,
}

/// A quotation's effect.
#[derive(Clone, Debug, PartialEq)]
pub struct QuotTy {
    /// The stack it needs.
    pub input: StackTy,
    /// The stack it leaves.
    pub output: StackTy,
    /// A closure (`Closure[ a -- b ]`): it may hold values captured where it was made,
    /// so in Rust it is a shared `dyn Fn`, not a function pointer.
    pub closure: bool,
}

/// A type in a signature: variables are named, not yet instantiated.
#[derive(Clone, Debug, PartialEq)]
pub enum SigTy {
    /// `Int`
    Int,
    /// `Float`
    Float,
    /// `Bool`
    Bool,
    /// `String`
    Str,
    /// `Symbol`
    Sym,
    /// `Variant`
    Variant,
    /// A union or a declared Rust type.
    Named(Named),
    /// A named type variable (`T`).
    Var(char),
    /// A quotation type.
    Quot(Box<SigEffect>),
    /// A closure type `Closure[ a -- b ]`.
    Closure(Box<SigEffect>),
    /// `Channel`; `None` when the element type is left to inference.
    Chan(Option<Box<SigTy>>),
    /// `List`; `None` when the element type is left to inference.
    List(Option<Box<SigTy>>),
    /// `Map`; `None` when the key and value types are left to inference.
    Map(Option<Box<(SigTy, SigTy)>>),
    /// `Weave`, `Weave<T>` or `Weave<Y, R>` (what it yields, what it is resumed with).
    Weave(Option<Box<(SigTy, SigTy)>>),
    /// `Ctx`, `Ctx<T>` or `Ctx<Y, R>`.
    Ctx(Option<Box<(SigTy, SigTy)>>),
}

/// One side of a signature effect.
#[derive(Clone, Debug, PartialEq)]
pub struct SigStack {
    /// An explicit row variable, or `None` for the implicit one.
    pub row: Option<String>,
    /// Types, bottom first.
    pub items: Vec<SigTy>,
}

/// A stack effect in a signature.
#[derive(Clone, Debug, PartialEq)]
pub struct SigEffect {
    /// Inputs.
    pub input: SigStack,
    /// Outputs.
    pub output: SigStack,
}

impl SigEffect {
    /// Whether any explicit row variable is more than the implicit pass-through row: such a
    /// word is row-polymorphic in a way a Rust signature cannot express, so it is expanded
    /// at each use instead of becoming a function.
    pub fn needs_inline(&self) -> bool {
        self.input.row != self.output.row
            || self
                .input
                .items
                .iter()
                .chain(&self.output.items)
                .any(SigTy::mentions_row)
    }
}

impl SigTy {
    fn mentions_row(&self) -> bool {
        match self {
            SigTy::Quot(q) | SigTy::Closure(q) => {
                q.input.row.is_some()
                    || q.output.row.is_some()
                    || q.input
                        .items
                        .iter()
                        .chain(&q.output.items)
                        .any(SigTy::mentions_row)
            }
            SigTy::Chan(Some(t)) | SigTy::List(Some(t)) => t.mentions_row(),
            SigTy::Map(Some(kv)) | SigTy::Weave(Some(kv)) | SigTy::Ctx(Some(kv)) => {
                kv.0.mentions_row() || kv.1.mentions_row()
            }
            _ => false,
        }
    }
}

/// Renders an effect with its `| Yield T`: `( Ctx<Int> Int -- | Yield Int )`.
pub fn show_sig_yielding(effect: &SigEffect, yields: Option<&SigTy>) -> String {
    let shown = show_sig(effect);
    match yields {
        Some(t) => format!("{}| Yield {} )", &shown[..shown.len() - 1], show_sig_ty(t)),
        None => shown,
    }
}

/// Renders a signature effect as Seq writes it: `( ..a Int -- ..a Bool )`.
pub fn show_sig(effect: &SigEffect) -> String {
    format!(
        "( {}-- {})",
        show_sig_stack(&effect.input),
        show_sig_stack(&effect.output)
    )
}

fn show_sig_stack(stack: &SigStack) -> String {
    let mut out = String::new();
    if let Some(row) = &stack.row {
        out.push_str("..");
        out.push_str(row);
        out.push(' ');
    }
    for item in &stack.items {
        out.push_str(&show_sig_ty(item));
        out.push(' ');
    }
    out
}

/// Renders one signature type.
pub fn show_sig_ty(ty: &SigTy) -> String {
    match ty {
        SigTy::Int => "Int".into(),
        SigTy::Float => "Float".into(),
        SigTy::Bool => "Bool".into(),
        SigTy::Str => "String".into(),
        SigTy::Sym => "Symbol".into(),
        SigTy::Variant => "Variant".into(),
        SigTy::Named(n) => n.name.clone(),
        SigTy::Var(c) => c.to_string(),
        SigTy::Quot(q) => {
            let inner = show_sig(q);
            format!("[{}]", &inner[1..inner.len() - 1])
        }
        SigTy::Closure(q) => {
            let inner = show_sig(q);
            format!("Closure[{}]", &inner[1..inner.len() - 1])
        }
        SigTy::Weave(None) => "Weave".into(),
        SigTy::Weave(Some(yr)) => show_pair("Weave", &yr.0, &yr.1),
        SigTy::Ctx(None) => "Ctx".into(),
        SigTy::Ctx(Some(yr)) => show_pair("Ctx", &yr.0, &yr.1),
        SigTy::Chan(None) => "Channel".into(),
        SigTy::Chan(Some(t)) => format!("Channel<{}>", show_sig_ty(t)),
        SigTy::List(None) => "List".into(),
        SigTy::List(Some(t)) => format!("List<{}>", show_sig_ty(t)),
        SigTy::Map(None) => "Map".into(),
        SigTy::Map(Some(kv)) => format!("Map<{}, {}>", show_sig_ty(&kv.0), show_sig_ty(&kv.1)),
    }
}

/// `Weave<T>` when it yields what it is resumed with, else `Weave<Y, R>`.
fn show_pair(name: &str, yields: &SigTy, resumed: &SigTy) -> String {
    if yields == resumed {
        format!("{name}<{}>", show_sig_ty(yields))
    } else {
        format!("{name}<{}, {}>", show_sig_ty(yields), show_sig_ty(resumed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quot(input: Option<&str>, output: Option<&str>) -> SigTy {
        SigTy::Quot(Box::new(SigEffect {
            input: SigStack {
                row: input.map(Into::into),
                items: vec![],
            },
            output: SigStack {
                row: output.map(Into::into),
                items: vec![],
            },
        }))
    }

    fn effect(top: Option<&str>, items: Vec<SigTy>) -> SigEffect {
        SigEffect {
            input: SigStack {
                row: top.map(Into::into),
                items,
            },
            output: SigStack {
                row: top.map(Into::into),
                items: vec![],
            },
        }
    }

    #[test]
    fn which_effects_are_expanded_inline() {
        assert!(!effect(None, vec![SigTy::Int]).needs_inline());
        assert!(!effect(Some("a"), vec![SigTy::Int]).needs_inline());
        assert!(!effect(None, vec![quot(None, None)]).needs_inline());
        assert!(effect(Some("a"), vec![quot(Some("a"), Some("a"))]).needs_inline());
        let mut e = effect(Some("a"), vec![]);
        e.output.row = Some("b".into());
        assert!(e.needs_inline());
    }

    #[test]
    fn signatures_render_as_seq() {
        let e = SigEffect {
            input: SigStack {
                row: Some("a".into()),
                items: vec![SigTy::Int, quot(Some("a"), Some("b"))],
            },
            output: SigStack {
                row: Some("b".into()),
                items: vec![SigTy::Var('T')],
            },
        };
        assert_eq!(show_sig(&e), "( ..a Int [ ..a -- ..b ] -- ..b T )");
    }
}
