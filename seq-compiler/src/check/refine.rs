//! Inferring effects: what a word's body fixes in its effect, callers see.
//!
//! Type variables of an effect are fixed by the body when it fixes them (`: nil ( -- L )
//! :Nil variant.make-0 ;` is `( -- Variant )` to its callers) and stay generic when it
//! leaves them free; so are the element types of a plain `List`, `Map` or `Channel`
//! (`: lv ( List T -- List ) list.push ;` is `( List<T> T -- List<T> )`, so a chain
//! `list-of 3 lv 9 lv` types its list). Each word is inferred from its effect as written,
//! with its callees' inferred effects, in source order and again until no effect changes:
//! element types flow from callee to caller and, through generic words, back.
//!
//! An effect is inferred when every type in it can be written in an effect (no quotation
//! types); element types its body leaves open become type variables of their own. A word
//! whose body does not check keeps its effect as written and is marked, so that checking
//! it again reports why.

use super::unify::Unifier;
use super::word::check_word;
use super::Context;
use crate::ast::Item;
use crate::types::{SigEffect, SigStack, SigTy, Ty};

/// Rounds over all words before giving up on a fixpoint (each round can only fix more).
const MAX_ROUNDS: usize = 8;

/// Infers, in place, the effects of the context's words that have type variables or
/// plain containers.
pub fn refine(cx: &mut Context) {
    // In source order, so the result does not depend on hashing.
    let mut words: Vec<&str> = cx
        .words
        .values()
        .filter(|info| matches!(info.item, Item::Word(_)) && !info.inline)
        .filter(|info| open(&info.declared, info.declared_yields.as_ref()))
        .map(|info| info.name)
        .collect();
    words.sort_by_key(|name| cx.words[name].item.name().span.start);
    for _ in 0..MAX_ROUNDS {
        let mut changed = false;
        for name in &words {
            let inferred = infer(cx, name);
            let info = cx.words.get_mut(name).expect("collected above");
            info.inferred = inferred.is_some();
            if let Some((sig, yields)) = inferred {
                if info.sig != sig || info.yields != yields {
                    changed = true;
                    info.sig = sig;
                    info.yields = yields;
                }
            }
        }
        if !changed {
            return;
        }
    }
}

/// The effect and `| Yield T` of a word as its body fixes them, if the body checks.
fn infer(cx: &Context, name: &str) -> Option<(SigEffect, Option<SigTy>)> {
    let info = &cx.words[name];
    let Item::Word(def) = info.item else {
        return None;
    };
    let (mut checker, result) = check_word(cx, info, def, true);
    let (_, effect) = result.ok()?;
    checker.generalize(&effect);
    let mut letters = Letters::new(&info.declared);
    let mut side = |items: &[Ty]| -> Option<Vec<SigTy>> {
        items
            .iter()
            .map(|t| written(&checker.u, t, &mut letters))
            .collect()
    };
    let mut input = side(&effect.input.items)?;
    let mut output = side(&effect.output.items)?;
    loosen(&info.declared.input.items, &mut input);
    loosen(&info.declared.output.items, &mut output);
    // What the body may yield, as `check_body` instantiated it.
    let yields = match checker.yield_to.first().cloned().flatten() {
        Some((ty, _)) => Some(written(&checker.u, &ty, &mut letters)?),
        None => None,
    };
    let sig = SigEffect {
        input: SigStack {
            row: info.declared.input.row.clone(),
            items: input,
        },
        output: SigStack {
            row: info.declared.output.row.clone(),
            items: output,
        },
    };
    Some((sig, yields))
}

/// Where the effect as written has a bare type variable (`( M String -- Bool )`) and the
/// body fixes it to a list or map of one concrete element type, that element type becomes
/// `Variant`: upstream's containers hold values of any type, and such a word (a helper
/// reading one field of a record-like map) is called with maps whose other values have
/// other types. Only the values the word reads are converted, when it reads them. Element
/// types written in the effect (`Map<String, Bool>`, `List`) are kept as they are.
fn loosen(declared: &[SigTy], inferred: &mut [SigTy]) {
    for (written, ty) in declared.iter().zip(inferred.iter_mut()) {
        if !matches!(written, SigTy::Var(_)) {
            continue;
        }
        let concrete = |t: &SigTy| !matches!(t, SigTy::Var(_) | SigTy::Variant);
        match ty {
            SigTy::List(Some(elem)) if concrete(elem) => **elem = SigTy::Variant,
            SigTy::Map(Some(kv)) if concrete(&kv.1) => kv.1 = SigTy::Variant,
            _ => {}
        }
    }
}

/// Whether an effect has anything to infer: a type variable or a plain container.
fn open(sig: &SigEffect, yields: Option<&SigTy>) -> bool {
    fn open_ty(t: &SigTy) -> bool {
        match t {
            SigTy::Var(_)
            | SigTy::List(None)
            | SigTy::Map(None)
            | SigTy::Chan(None)
            | SigTy::Weave(None)
            | SigTy::Ctx(None) => true,
            SigTy::List(Some(t)) | SigTy::Chan(Some(t)) => open_ty(t),
            SigTy::Map(Some(kv)) | SigTy::Weave(Some(kv)) | SigTy::Ctx(Some(kv)) => {
                open_ty(&kv.0) || open_ty(&kv.1)
            }
            _ => false,
        }
    }
    sig.input
        .items
        .iter()
        .chain(&sig.output.items)
        .chain(yields)
        .any(open_ty)
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
        Ty::Weave(y, r) => SigTy::Weave(Some(Box::new((
            written(u, &y, letters)?,
            written(u, &r, letters)?,
        )))),
        Ty::Ctx(y, r) => SigTy::Ctx(Some(Box::new((
            written(u, &y, letters)?,
            written(u, &r, letters)?,
        )))),
        Ty::Map(k, v) => SigTy::Map(Some(Box::new((
            written(u, &k, letters)?,
            written(u, &v, letters)?,
        )))),
        Ty::Quot(_) => return None,
    })
}
