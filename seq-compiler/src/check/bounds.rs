//! Generic parameters of the words' Rust functions and their bounds.
//!
//! A type variable an effect leaves free becomes a generic parameter `T: Clone`, with
//! more bounds where the body needs them: `Send + 'static` where it crosses strands,
//! `Default` for a channel's or list's element, `Ord` for a map key, `Dynamic` where it
//! is converted to or from a `Variant`. A parameter passed to another word's parameter
//! needs that parameter's bounds too: they are propagated along calls until nothing
//! changes.

use super::body::BodyChecker;
use super::{sig_vars, CheckedWord};
use crate::types::{QuotTy, SigEffect};
use std::collections::HashMap;

/// A generic parameter of a word's Rust function: a type variable of its effect, or a
/// channel element type the body leaves to callers.
#[derive(Clone)]
pub struct Generic {
    /// `T`, or `E1` for an element type.
    pub name: String,
    /// Crosses strands: needs `Send + 'static`.
    pub send: bool,
    /// A channel or list element: needs `Default` (reads past the end, or of a closed
    /// channel, give the default).
    pub element: bool,
    /// A map key: needs `Ord`.
    pub key: bool,
    /// Stored in or read from a `Variant`: needs `Dynamic`.
    pub dynamic: bool,
}

/// The generic parameters of a checked word, with the bounds its body needs.
pub(super) fn generics(
    checker: &mut BodyChecker,
    sig: &SigEffect,
    effect: &QuotTy,
) -> Vec<Generic> {
    let extra = checker.generalize(effect);
    let mut names: Vec<String> = Vec::new();
    sig_vars(&sig.input, &mut names);
    sig_vars(&sig.output, &mut names);
    for name in extra {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let named = |types: &[crate::types::Ty]| -> Vec<String> {
        let mut vars = Vec::new();
        for ty in types {
            checker.u.vars(ty, &mut vars);
        }
        vars.iter()
            .filter_map(|v| checker.u.rigid_name(*v).map(str::to_string))
            .collect()
    };
    let send = named(&checker.send_types);
    let element = named(&checker.element_types);
    let key = named(&checker.key_types);
    let dynamic = named(&checker.dynamic_types);
    names
        .into_iter()
        .map(|name| Generic {
            key: key.contains(&name),
            dynamic: dynamic.contains(&name),
            send: send.contains(&name),
            element: element.contains(&name),
            name,
        })
        .collect()
}

impl Generic {
    /// Adds `other`'s bounds; returns whether any was new.
    fn absorb(&mut self, other: &Generic) -> bool {
        let before = (self.send, self.element, self.key, self.dynamic);
        self.send |= other.send;
        self.element |= other.element;
        self.key |= other.key;
        self.dynamic |= other.dynamic;
        before != (self.send, self.element, self.key, self.dynamic)
    }
}

/// Gives each word's generic parameters the bounds of the callees' parameters they are
/// passed to, until nothing changes.
pub(super) fn propagate(words: &mut [CheckedWord]) {
    let index: HashMap<String, usize> = words
        .iter()
        .enumerate()
        .map(|(i, w)| (w.rust.clone(), i))
        .collect();
    loop {
        let mut changed = false;
        for w in 0..words.len() {
            for (callee, named) in words[w].calls.clone() {
                let Some(&c) = index.get(&callee) else {
                    continue;
                };
                for param in words[c].generics.clone() {
                    let Some((_, ty)) = named.iter().find(|(n, _)| param.name == n.to_string())
                    else {
                        continue;
                    };
                    let caller = &mut words[w];
                    let mut vars = Vec::new();
                    caller.unifier.vars(ty, &mut vars);
                    for v in vars {
                        let Some(name) = caller.unifier.rigid_name(v).map(str::to_string) else {
                            continue;
                        };
                        if let Some(g) = caller.generics.iter_mut().find(|g| g.name == name) {
                            changed |= g.absorb(&param);
                        }
                    }
                }
            }
        }
        if !changed {
            return;
        }
    }
}
