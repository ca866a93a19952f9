//! Effects that leave element types to inference (`: lv ( List T -- List )`) are refined
//! from their bodies before any caller is checked: `list.push` ties both `List`s to `T`,
//! so callers see `( List<T> T -- List<T> )` and a chain `list-of 3 lv 9 lv` types its
//! list. Without this each plain `List` of an effect would be a fresh, unrelated element
//! type at every call.
//!
//! A word is refined from its checked effect when every type in it can be written in an
//! effect (no quotation types); element types its body leaves open become type variables
//! of their own. Two passes let a word refine through another refined word.

use super::body::BodyChecker;
use super::unify::Unifier;
use super::Context;
use crate::ast::Item;
use crate::types::{SigEffect, SigStack, SigTy, Ty};

/// Refines, in place, the effects of the context's words that say plain `List`, `Map`,
/// `Channel`, `Weave` or `Ctx`.
pub fn refine(cx: &mut Context) {
    for _ in 0..2 {
        let mut refined = Vec::new();
        // In source order, so the result does not depend on hashing.
        let mut words: Vec<_> = cx.words.iter().collect();
        words.sort_by_key(|(_, info)| info.item.name().span.start);
        for (name, info) in words {
            let Item::Word(def) = info.item else { continue };
            if info.inline || !has_open_container(&info.sig) {
                continue;
            }
            let mut checker = BodyChecker::new(cx, info);
            let Ok((_, effect)) = checker.check_body(&def.body, def.end, true) else {
                continue;
            };
            if checker.generalize(&effect).is_err() {
                continue;
            }
            let mut letters = Letters::new(&info.sig);
            let side = |items: &[Ty], letters: &mut Letters| -> Option<Vec<SigTy>> {
                items
                    .iter()
                    .map(|t| written(&checker.u, t, letters))
                    .collect()
            };
            let (Some(input), Some(output)) = (
                side(&effect.input.items, &mut letters),
                side(&effect.output.items, &mut letters),
            ) else {
                continue;
            };
            refined.push((
                *name,
                SigEffect {
                    input: SigStack {
                        row: info.sig.input.row.clone(),
                        items: input,
                    },
                    output: SigStack {
                        row: info.sig.output.row.clone(),
                        items: output,
                    },
                },
            ));
        }
        if refined.is_empty() {
            return;
        }
        for (name, sig) in refined {
            if let Some(info) = cx.words.get_mut(name) {
                info.sig = sig;
            }
        }
    }
}

fn has_open_container(sig: &SigEffect) -> bool {
    fn open(t: &SigTy) -> bool {
        match t {
            SigTy::List(None)
            | SigTy::Map(None)
            | SigTy::Chan(None)
            | SigTy::Weave(None)
            | SigTy::Ctx(None) => true,
            SigTy::List(Some(t))
            | SigTy::Chan(Some(t))
            | SigTy::Weave(Some(t))
            | SigTy::Ctx(Some(t)) => open(t),
            SigTy::Map(Some(kv)) => open(&kv.0) || open(&kv.1),
            _ => false,
        }
    }
    sig.input.items.iter().chain(&sig.output.items).any(open)
}

/// Type variable letters: those of the effect, and fresh ones for element types that
/// were named `E1`, `E2`, ... when the body left them open.
struct Letters {
    used: Vec<char>,
    fresh: Vec<(String, char)>,
}

impl Letters {
    fn new(sig: &SigEffect) -> Letters {
        let mut names = Vec::new();
        super::sig_vars(&sig.input, &mut names);
        super::sig_vars(&sig.output, &mut names);
        Letters {
            used: names.iter().filter_map(|n| n.chars().next()).collect(),
            fresh: Vec::new(),
        }
    }

    fn letter(&mut self, name: &str) -> Option<char> {
        if let [c] = name.chars().collect::<Vec<_>>()[..] {
            return Some(c);
        }
        if let Some((_, c)) = self.fresh.iter().find(|(n, _)| n == name) {
            return Some(*c);
        }
        let c = ('A'..='Z').rev().find(|c| !self.used.contains(c))?;
        self.used.push(c);
        self.fresh.push((name.to_string(), c));
        Some(c)
    }
}

/// A checked type as an effect would write it; `None` for what an effect cannot say.
fn written(u: &Unifier, ty: &Ty, letters: &mut Letters) -> Option<SigTy> {
    let boxed = |t: &Ty, letters: &mut Letters| written(u, t, letters).map(Box::new);
    Some(match u.resolve(ty) {
        Ty::Int => SigTy::Int,
        Ty::Float => SigTy::Float,
        Ty::Bool => SigTy::Bool,
        Ty::Str => SigTy::Str,
        Ty::Sym => SigTy::Sym,
        Ty::Variant => SigTy::Variant,
        Ty::Named(n) => SigTy::Named(n),
        Ty::Var(v) => SigTy::Var(letters.letter(u.rigid_name(v)?)?),
        Ty::List(t) => SigTy::List(Some(boxed(&t, letters)?)),
        Ty::Chan(t) => SigTy::Chan(Some(boxed(&t, letters)?)),
        Ty::Weave(t) => SigTy::Weave(Some(boxed(&t, letters)?)),
        Ty::Ctx(t) => SigTy::Ctx(Some(boxed(&t, letters)?)),
        Ty::Map(k, v) => SigTy::Map(Some(Box::new((
            written(u, &k, letters)?,
            written(u, &v, letters)?,
        )))),
        Ty::Quot(_) => return None,
    })
}
