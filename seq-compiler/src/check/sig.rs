//! Signatures: stack effects as written ([`EffectExpr`]) turned into [`SigEffect`]s, the
//! form the unifier instantiates. Builtin effects are written in Seq syntax in the table and
//! parsed here with the same parser as user code.
//!
//! Names of unions and declared Rust types are resolved here, against the program's
//! [`TypeNames`]; an unknown name is an error at its token.

use crate::ast::{EffectExpr, Item, StackExpr, TypeExpr, TypeKind};
use crate::diag::{Diagnostic, Span};
use crate::types::{Named, SigEffect, SigStack, SigTy};
use std::collections::HashMap;

/// The program's own type names (unions and `type` declarations).
pub type TypeNames = HashMap<String, Named>;

/// The signature of a declared effect.
pub fn sig_of(effect: &EffectExpr, names: &TypeNames) -> Result<SigEffect, Diagnostic> {
    Ok(SigEffect {
        input: stack(&effect.inputs, names)?,
        output: stack(&effect.outputs, names)?,
    })
}

fn stack(s: &StackExpr, names: &TypeNames) -> Result<SigStack, Diagnostic> {
    Ok(SigStack {
        row: s.row.as_ref().map(|(name, _)| name.clone()),
        items: s
            .items
            .iter()
            .map(|t| ty_of(t, names))
            .collect::<Result<_, _>>()?,
    })
}

/// The signature type of a written type.
pub fn ty_of(t: &TypeExpr, names: &TypeNames) -> Result<SigTy, Diagnostic> {
    kind(&t.kind, t.span, names)
}

fn kind(k: &TypeKind, span: Span, names: &TypeNames) -> Result<SigTy, Diagnostic> {
    let boxed = |k: &TypeKind| kind(k, span, names).map(Box::new);
    Ok(match k {
        TypeKind::Int => SigTy::Int,
        TypeKind::Float => SigTy::Float,
        TypeKind::Bool => SigTy::Bool,
        TypeKind::String => SigTy::Str,
        TypeKind::Symbol => SigTy::Sym,
        TypeKind::Variant => SigTy::Variant,
        TypeKind::Named(name) => match names.get(name) {
            Some(named) => SigTy::Named(named.clone()),
            None => {
                let known: Vec<&str> = names.keys().map(String::as_str).collect();
                return Err(crate::parse::unknown_type(name, span, &known));
            }
        },
        TypeKind::Weave(None) => SigTy::Weave(None),
        TypeKind::Ctx(None) => SigTy::Ctx(None),
        TypeKind::Weave(Some(yr)) => SigTy::Weave(Some(Box::new((
            kind(&yr.0, span, names)?,
            kind(&yr.1, span, names)?,
        )))),
        TypeKind::Ctx(Some(yr)) => SigTy::Ctx(Some(Box::new((
            kind(&yr.0, span, names)?,
            kind(&yr.1, span, names)?,
        )))),
        TypeKind::Channel(None) => SigTy::Chan(None),
        TypeKind::Channel(Some(element)) => SigTy::Chan(Some(boxed(element)?)),
        TypeKind::List(None) => SigTy::List(None),
        TypeKind::List(Some(element)) => SigTy::List(Some(boxed(element)?)),
        TypeKind::Map(None) => SigTy::Map(None),
        TypeKind::Map(Some(kv)) => SigTy::Map(Some(Box::new((
            kind(&kv.0, span, names)?,
            kind(&kv.1, span, names)?,
        )))),
        TypeKind::Var(c) => SigTy::Var(*c),
        TypeKind::Quotation(q) => SigTy::Quot(Box::new(sig_of(q, names)?)),
        TypeKind::Closure(q) => SigTy::Closure(Box::new(sig_of(q, names)?)),
    })
}

/// The builtin types that are Rust types of the runtime, known by name like a program's
/// declared `type`s: `Socket` (a network connection, listener or UDP socket).
pub fn builtin_types() -> TypeNames {
    [("Socket", "::seq::runtime::net::Socket")]
        .into_iter()
        .map(|(name, rust)| {
            let named = Named {
                name: name.to_string(),
                rust: Some(rust.to_string()),
            };
            (name.to_string(), named)
        })
        .collect()
}

/// Parses a builtin's effect from the table.
///
/// # Panics
/// If the table holds an effect that does not parse: a bug in the table, caught by its
/// unit test.
pub fn parse_builtin_effect(effect: &str) -> SigEffect {
    let source = format!(": builtin {effect} ;");
    let program = crate::lex::text::lex(&source)
        .ok()
        .and_then(|tokens| crate::parse::parse(&tokens).ok());
    match program.as_ref().and_then(|p| p.items.first()) {
        Some(Item::Word(w)) => sig_of(&w.effect, &builtin_types())
            .unwrap_or_else(|_| panic!("builtin effect `{effect}` names an unknown type")),
        _ => panic!("builtin effect `{effect}` does not parse"),
    }
}
