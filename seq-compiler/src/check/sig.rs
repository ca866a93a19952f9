//! Signatures: stack effects as written ([`EffectExpr`]) turned into [`SigEffect`]s, the
//! form the unifier instantiates. Builtin effects are written in Seq syntax in the table and
//! parsed here with the same parser as user code.

use crate::ast::{EffectExpr, Item, StackExpr, TypeExpr, TypeKind};
use crate::types::{SigEffect, SigStack, SigTy};

/// The signature of a declared effect.
pub fn sig_of(effect: &EffectExpr) -> SigEffect {
    SigEffect {
        input: stack(&effect.inputs),
        output: stack(&effect.outputs),
    }
}

fn stack(s: &StackExpr) -> SigStack {
    SigStack {
        row: s.row.as_ref().map(|(name, _)| name.clone()),
        items: s.items.iter().map(ty).collect(),
    }
}

fn ty(t: &TypeExpr) -> SigTy {
    kind(&t.kind)
}

fn kind(k: &TypeKind) -> SigTy {
    match k {
        TypeKind::Int => SigTy::Int,
        TypeKind::Float => SigTy::Float,
        TypeKind::Bool => SigTy::Bool,
        TypeKind::String => SigTy::Str,
        TypeKind::Channel(None) => SigTy::Chan(None),
        TypeKind::Channel(Some(element)) => SigTy::Chan(Some(Box::new(kind(element)))),
        TypeKind::List(None) => SigTy::List(None),
        TypeKind::List(Some(element)) => SigTy::List(Some(Box::new(kind(element)))),
        TypeKind::Map(None) => SigTy::Map(None),
        TypeKind::Map(Some(kv)) => SigTy::Map(Some(Box::new((kind(&kv.0), kind(&kv.1))))),
        TypeKind::Var(c) => SigTy::Var(*c),
        TypeKind::Quotation(q) => SigTy::Quot(Box::new(sig_of(q))),
    }
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
        Some(Item::Word(w)) => sig_of(&w.effect),
        _ => panic!("builtin effect `{effect}` does not parse"),
    }
}
