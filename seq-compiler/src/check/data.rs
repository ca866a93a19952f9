//! Unions and declared Rust types: their names, their variants and fields, and the words a
//! union generates (`Make-Circle`, `is-Circle?`, `Circle-r`).
//!
//! Invariants once collected: union, variant and type names are unique across the
//! program; every field has one type (no type or row variable; a plain `List`, `Map` or
//! `Channel` holds `Variant`s) and a Rust name; every union has a variant whose value does not
//! contain the union itself ([`UnionInfo::default`]), which is its default value.

use super::ir::UnionOp;
use super::sig::{ty_of, TypeNames};
use crate::ast::{Item, Program, UnionDef};
use crate::diag::{Diagnostic, Span};
use crate::names::rust_name;
use crate::types::{Named, SigEffect, SigStack, SigTy};
use std::collections::HashMap;

/// The most fields a variant may have.
pub const MAX_FIELDS: usize = 12;

/// The program's unions and Rust types.
#[derive(Default)]
pub struct Data {
    /// Every type name the program defines.
    pub names: TypeNames,
    /// The unions, in source order.
    pub unions: Vec<UnionInfo>,
    /// Variant name → (union index, variant index).
    pub variants: HashMap<String, (usize, usize)>,
    /// The words the unions generate, by Seq name.
    pub words: HashMap<String, UnionWord>,
}

/// A checked union.
pub struct UnionInfo {
    /// Its name (also its Rust name).
    pub name: String,
    /// Its doc comment, one entry per line (empty when none was written).
    pub doc: Vec<String>,
    /// Where it is defined.
    pub span: Span,
    /// Its variants, in order.
    pub variants: Vec<VariantInfo>,
    /// The variant of the default value (the first one that does not contain the union).
    pub default: usize,
}

/// One variant of a union.
pub struct VariantInfo {
    /// Its name (also its Rust name).
    pub name: String,
    /// Its doc comment, one entry per line (empty when none was written).
    pub doc: Vec<String>,
    /// Its fields, in declaration order.
    pub fields: Vec<FieldInfo>,
}

/// One field of a variant.
pub struct FieldInfo {
    /// The Seq name.
    pub name: String,
    /// Its doc comment, one entry per line (empty when none was written).
    pub doc: Vec<String>,
    /// The Rust field name.
    pub rust: String,
    /// Its type.
    pub ty: SigTy,
    /// Where its type is written (a trait the type lacks is reported there).
    pub ty_at: crate::diag::Span,
}

impl FieldInfo {
    /// Whether the field holds a union (kept behind an `Arc`, so unions may nest and
    /// recurse and copies stay cheap).
    pub fn boxed(&self) -> bool {
        matches!(&self.ty, SigTy::Named(n) if n.rust.is_none())
    }
}

/// A word a union generates.
pub struct UnionWord {
    /// Its effect.
    pub sig: SigEffect,
    /// What it does.
    pub op: UnionOp,
}

/// Collects every union and type of the program, reporting problems into `errors`.
pub fn collect(program: &Program, errors: &mut Vec<Diagnostic>) -> Data {
    let mut data = Data {
        names: super::sig::builtin_types(),
        ..Data::default()
    };
    let mut defined_at: HashMap<&str, Span> = HashMap::new();
    let mut accepted: Vec<&UnionDef> = Vec::new();
    for item in &program.items {
        let (name, rust) = match item {
            Item::Union(u) => (&u.name, None),
            Item::Type(t) => (&t.name, Some(t.path.to_string())),
            _ => continue,
        };
        if crate::parse::TYPE_NAMES.contains(&name.text.as_str()) {
            errors.push(Diagnostic::new(
                name.span,
                format!("`{}` is a builtin type and cannot be redefined", name.text),
            ));
            continue;
        }
        if let Some(first) = defined_at.insert(&name.text, name.span) {
            errors.push(
                Diagnostic::new(
                    name.span,
                    format!("duplicate definition of the type `{}`", name.text),
                )
                .note(format!("first defined at {}", first.start)),
            );
            continue;
        }
        if let Item::Union(u) = item {
            accepted.push(u);
        }
        let named = Named {
            name: name.text.clone(),
            rust,
        };
        data.names.insert(name.text.clone(), named);
    }
    for u in accepted {
        if let Err(d) = union(u, &mut data) {
            errors.push(d);
        }
    }
    if let Err(d) = choose_defaults(&mut data) {
        errors.push(d);
    }
    generate_words(&mut data);
    data
}

fn union(def: &UnionDef, data: &mut Data) -> Result<(), Diagnostic> {
    if def.variants.is_empty() {
        return Err(Diagnostic::new(
            def.name.span,
            format!("union `{}` has no variants", def.name.text),
        ));
    }
    let index = data.unions.len();
    let mut variants = Vec::new();
    for variant in &def.variants {
        // Variants are registered once the whole union is valid: a union with an error
        // leaves no variant behind that names it.
        let owner = if variants
            .iter()
            .any(|v: &VariantInfo| v.name == variant.name.text)
        {
            Some(&def.name.text)
        } else {
            data.variants
                .get(&variant.name.text)
                .map(|(u, _)| &data.unions[*u].name)
        };
        if let Some(owner) = owner {
            return Err(Diagnostic::new(
                variant.name.span,
                format!("`{}` is already a variant of `{owner}`: variant names are unique across the program (each generates `Make-{}`)", variant.name.text, variant.name.text),
            ));
        }
        if variant.fields.len() > MAX_FIELDS {
            return Err(Diagnostic::new(
                variant.fields[MAX_FIELDS].name.span,
                format!(
                    "variant `{}` has {} fields; a variant has at most {MAX_FIELDS}",
                    variant.name.text,
                    variant.fields.len()
                ),
            ));
        }
        let mut fields: Vec<FieldInfo> = Vec::new();
        for field in &variant.fields {
            if fields.iter().any(|f| f.name == field.name.text) {
                return Err(Diagnostic::new(
                    field.name.span,
                    format!(
                        "`{}` has two fields named `{}`",
                        variant.name.text, field.name.text
                    ),
                ));
            }
            let ty = ty_of(&field.ty, &data.names).map_err(|mut d| {
                d.message = d.message.replace(
                    "in a stack effect",
                    &format!("for the field `{}`", field.name.text),
                );
                d
            })?;
            let Some(ty) = field_type(ty) else {
                return Err(Diagnostic::new(
                    field.ty.span,
                    format!(
                        "the type of the field `{}` is not one type: it has a type or row variable",
                        field.name.text,
                    ),
                )
                .note("a field holds one type of value; for any value, use `Variant`"));
            };
            let rust = rust_name(&field.name.text).map_err(|why| {
                Diagnostic::new(
                    field.name.span,
                    format!(
                        "the field name `{}` cannot become a Rust name: {why}",
                        field.name.text
                    ),
                )
            })?;
            fields.push(FieldInfo {
                name: field.name.text.clone(),
                doc: field.doc.clone(),
                rust,
                ty,
                ty_at: field.ty.span,
            });
        }
        variants.push(VariantInfo {
            name: variant.name.text.clone(),
            doc: variant.doc.clone(),
            fields,
        });
    }
    for (v, variant) in variants.iter().enumerate() {
        data.variants.insert(variant.name.clone(), (index, v));
    }
    data.unions.push(UnionInfo {
        name: def.name.text.clone(),
        doc: def.doc.clone(),
        span: def.name.span,
        variants,
        default: 0,
    });
    Ok(())
}

/// A field's type as the union holds it: a plain `List`, `Map`, `Channel` or `Weave` holds
/// `Variant`s (as upstream's do); `None` for a type variable or a row variable, which a
/// field cannot have.
fn field_type(ty: SigTy) -> Option<SigTy> {
    let element = |t: Option<Box<SigTy>>| -> Option<Box<SigTy>> {
        Some(Box::new(match t {
            Some(t) => field_type(*t)?,
            None => SigTy::Variant,
        }))
    };
    Some(match ty {
        SigTy::Var(_) => return None,
        SigTy::List(t) => SigTy::List(Some(element(t)?)),
        SigTy::Chan(t) => SigTy::Chan(Some(element(t)?)),
        SigTy::Weave(yr) => {
            let (y, r) = match yr {
                Some(yr) => (Some(Box::new(yr.0)), Some(Box::new(yr.1))),
                None => (None, None),
            };
            SigTy::Weave(Some(Box::new((*element(y)?, *element(r)?))))
        }
        SigTy::Ctx(_) => return None,
        SigTy::Map(kv) => {
            let (k, v) = match kv {
                Some(kv) => (Some(Box::new(kv.0)), Some(Box::new(kv.1))),
                None => (None, None),
            };
            SigTy::Map(Some(Box::new((*element(k)?, *element(v)?))))
        }
        SigTy::Quot(q) | SigTy::Closure(q) if q.needs_inline() => return None,
        SigTy::Quot(q) | SigTy::Closure(q)
            if q.input.items.iter().chain(&q.output.items).any(has_var) =>
        {
            return None
        }
        other => other,
    })
}

/// Whether a type mentions a type variable.
fn has_var(t: &SigTy) -> bool {
    match t {
        SigTy::Var(_) => true,
        SigTy::List(Some(t)) | SigTy::Chan(Some(t)) => has_var(t),
        SigTy::Map(Some(kv)) | SigTy::Weave(Some(kv)) | SigTy::Ctx(Some(kv)) => {
            has_var(&kv.0) || has_var(&kv.1)
        }
        SigTy::Quot(q) | SigTy::Closure(q) => {
            q.input.items.iter().chain(&q.output.items).any(has_var)
        }
        _ => false,
    }
}

/// Picks each union's default variant: the first whose fields all have finite defaults.
/// A union with none has no finite value at all.
fn choose_defaults(data: &mut Data) -> Result<(), Diagnostic> {
    let index: HashMap<&str, usize> = data
        .unions
        .iter()
        .enumerate()
        .map(|(i, u)| (u.name.as_str(), i))
        .collect();
    let mut chosen: Vec<Option<usize>> = vec![None; data.unions.len()];
    loop {
        let mut changed = false;
        for (i, u) in data.unions.iter().enumerate() {
            if chosen[i].is_some() {
                continue;
            }
            let finite = |f: &FieldInfo| match &f.ty {
                SigTy::Named(n) => index
                    .get(n.name.as_str())
                    .is_some_and(|&j| chosen[j].is_some()),
                _ => true,
            };
            if let Some(v) = u.variants.iter().position(|v| v.fields.iter().all(finite)) {
                chosen[i] = Some(v);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (u, choice) in data.unions.iter_mut().zip(&chosen) {
        match choice {
            Some(v) => u.default = *v,
            None => {
                return Err(Diagnostic::new(
                    u.span,
                    format!(
                        "every variant of `{}` contains a `{}`, so no value of it can ever be made",
                        u.name, u.name
                    ),
                )
                .help("give it a variant that does not contain it, e.g. `Leaf` or `Nil`"))
            }
        }
    }
    Ok(())
}

fn generate_words(data: &mut Data) {
    for u in &data.unions {
        let union_ty = SigTy::Named(data.names[&u.name].clone());
        let stack = |items: Vec<SigTy>| SigStack { row: None, items };
        let effect = |input: Vec<SigTy>, output: Vec<SigTy>| SigEffect {
            input: stack(input),
            output: stack(output),
        };
        for v in &u.variants {
            let fields: Vec<SigTy> = v.fields.iter().map(|f| f.ty.clone()).collect();
            data.words.insert(
                format!("Make-{}", v.name),
                UnionWord {
                    sig: effect(fields, vec![union_ty.clone()]),
                    op: UnionOp::Make {
                        union: u.name.clone(),
                        variant: v.name.clone(),
                        fields: v
                            .fields
                            .iter()
                            .map(|f| (f.rust.clone(), f.boxed()))
                            .collect(),
                    },
                },
            );
            data.words.insert(
                format!("is-{}?", v.name),
                UnionWord {
                    sig: effect(vec![union_ty.clone()], vec![SigTy::Bool]),
                    op: UnionOp::Is {
                        union: u.name.clone(),
                        variant: v.name.clone(),
                    },
                },
            );
            for f in &v.fields {
                let word = format!("{}-{}", v.name, f.name);
                data.words.insert(
                    word.clone(),
                    UnionWord {
                        sig: effect(vec![union_ty.clone()], vec![f.ty.clone()]),
                        op: UnionOp::Field {
                            union: u.name.clone(),
                            variant: v.name.clone(),
                            field: f.rust.clone(),
                            boxed: f.boxed(),
                            word,
                        },
                    },
                );
            }
        }
    }
}
