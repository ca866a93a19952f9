//! Which words can wait, so they also get an asynchronous form (`name_async`).
//!
//! A word *waits* if the code the emitter writes for its body could wait: it uses a
//! builtin with an asynchronous form (the `waits` field of [`crate::builtins::Builtin`]:
//! `chan.send`, `chan.receive`, `chan.yield`, `time.sleep-ms`, `yield`, `strand.resume`),
//! calls an `extern async`
//! Rust function, or calls a word that waits. What counts is exactly what the emitter emits inline in
//! the word's function: the word's own ops and every inline body (branch and `match`
//! arms, loop bodies, `cond` and `while` parts, `dip`/`keep`/`bi`, quotation literals run
//! in place, expanded words). Not part of it: quotation literals used as values (they
//! become closures, always synchronous), calls of quotation values (synchronous calls),
//! and the bodies of `strand.spawn` (another strand, which decides for itself) and
//! `strand.weave` (decided on its own, below). The set is the least fixpoint over the
//! call graph.
//!
//! Weaves: a weave's body is a future (no stack of its own, [`Waits::stackless_weave`])
//! when it is a literal and every `yield` it can reach is awaited: no quotation value of
//! the program yields (a closure is called synchronously, and a yield there needs a
//! coroutine's stack). Otherwise the body runs on a coroutine of its own, as a closure.
//!
//! Recursion: an `async fn` that awaits itself, directly or through others, would be a
//! future of infinite size, so calls between waiting words of one strongly connected
//! component of the graph of *all* calls (closures, spawned and woven bodies included)
//! are boxed by the emitter. The components are computed here.
//!
//! Invariants: a word is in the set only if its inline code reaches a waiting builtin,
//! an `extern async` call, or a call of a word in the set; the `_async` names are
//! distinct from every word's Rust name and from each other; a weave body is a future
//! only if no synchronous code of the program can yield.

use super::group::strongly_connected;
use crate::check::ir::{Block, Callee, Op, Sub, SubCode};
use crate::check::CheckedWord;
use std::collections::{HashMap, HashSet};

/// The words that wait, their components and the names of their asynchronous forms.
pub struct Waits {
    /// Rust names of the words that wait.
    waiting: HashSet<String>,
    /// The strongly connected component of each waiting word (among waiting words, over
    /// all calls).
    component: HashMap<String, usize>,
    /// The Rust name of each waiting word's asynchronous form.
    async_names: HashMap<String, String>,
    /// Some quotation value of the program can yield: weaves keep their stacks.
    closures_yield: bool,
}

impl Waits {
    /// Analyzes a checked program's words.
    pub fn new(words: &[CheckedWord]) -> Waits {
        let waiting = reaching(words, waits_itself);
        let yielding = reaching(words, yields_itself);
        let closures_yield = words.iter().any(|word| {
            word.lits.iter().any(|lit| match &lit.value {
                Some((_, sub)) => sub_reaches(sub, &yielding, yields_itself),
                None => false,
            })
        });
        let members: Vec<&CheckedWord> =
            words.iter().filter(|w| waiting.contains(&w.rust)).collect();
        let index: HashMap<&str, usize> = members
            .iter()
            .enumerate()
            .map(|(i, w)| (w.rust.as_str(), i))
            .collect();
        let edges: Vec<Vec<usize>> = members
            .iter()
            .map(|w| {
                let mut calls = Vec::new();
                all_calls(w, &mut calls);
                calls
                    .iter()
                    .filter_map(|c| index.get(c.as_str()).copied())
                    .collect()
            })
            .collect();
        let mut component = HashMap::new();
        for (id, members_of) in strongly_connected(&edges).into_iter().enumerate() {
            for m in members_of {
                component.insert(members[m].rust.clone(), id);
            }
        }
        let mut taken: HashSet<String> = words
            .iter()
            .map(|w| w.rust.trim_start_matches("r#").to_string())
            .collect();
        let mut async_names = HashMap::new();
        for word in &members {
            let base = format!("{}_async", word.rust.trim_start_matches("r#"));
            let mut name = base.clone();
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(name.clone());
            async_names.insert(word.rust.clone(), name);
        }
        Waits {
            waiting,
            component,
            async_names,
            closures_yield,
        }
    }

    /// Whether the word with this Rust name waits.
    pub fn word(&self, rust: &str) -> bool {
        self.waiting.contains(rust)
    }

    /// Whether a body waits (a spawned body: run as a future). A quotation value's body
    /// never does, as far as its caller knows: it is called synchronously.
    pub fn sub(&self, sub: &Sub) -> bool {
        sub_reaches(sub, &self.waiting, waits_itself)
    }

    /// Whether a weave's body is emitted as a future (`Weave::new_async`), holding no
    /// stack between resumes: a literal body, in a program none of whose quotation
    /// values yields.
    pub fn stackless_weave(&self, body: &Sub) -> bool {
        matches!(body.code, SubCode::Inline(_)) && !self.closures_yield
    }

    /// Whether a call from the waiting word `caller` to the waiting word `callee` stays
    /// inside one strongly connected component (recursion: the emitter boxes it).
    pub fn recursive(&self, caller: &str, callee: &str) -> bool {
        matches!(
            (self.component.get(caller), self.component.get(callee)),
            (Some(a), Some(b)) if a == b
        )
    }

    /// The Rust name of a waiting word's asynchronous form (`name_async`).
    pub fn async_name(&self, rust: &str) -> Option<&str> {
        self.async_names.get(rust).map(String::as_str)
    }

    /// Whether a word's code anywhere (closures and nested bodies included) spawns a
    /// body that waits or weaves a body without a stack: its function then builds
    /// futures of its values.
    pub fn spawns_waiting(&self, word: &CheckedWord) -> bool {
        let mut found = false;
        let mut visit = |op: &Op| match op {
            Op::Spawn(sub, _) => found |= self.sub(sub),
            Op::Weave { body, .. } => found |= self.stackless_weave(body),
            _ => {}
        };
        every_op(&word.body, &mut visit);
        for lit in &word.lits {
            if let Some((_, sub)) = &lit.value {
                if let SubCode::Inline(block) = &sub.code {
                    every_op(block, &mut visit);
                }
            }
        }
        found
    }
}

/// The words whose inline code reaches an op for which `itself` holds, directly or
/// through calls of such words: the least fixpoint over the call graph.
fn reaching(words: &[CheckedWord], itself: fn(&Op) -> bool) -> HashSet<String> {
    let mut found: HashSet<String> = HashSet::new();
    loop {
        let before = found.len();
        for word in words {
            if !found.contains(&word.rust) && block_reaches(&word.body, &found, itself) {
                found.insert(word.rust.clone());
            }
        }
        if found.len() == before {
            return found;
        }
    }
}

/// A waiting builtin or an `extern async` call.
fn waits_itself(op: &Op) -> bool {
    match op {
        Op::Builtin { builtin, .. } => builtin.waits.is_some(),
        Op::Call { callee, .. } => matches!(callee, Callee::RustAsync(_)),
        _ => false,
    }
}

/// A `yield`.
fn yields_itself(op: &Op) -> bool {
    matches!(op, Op::Builtin { builtin, .. } if builtin.name == "yield")
}

/// Whether a block's inline code reaches an op for which `itself` holds, given the words
/// known to.
fn block_reaches(block: &Block, words: &HashSet<String>, itself: fn(&Op) -> bool) -> bool {
    block.ops.iter().any(|op| {
        itself(op)
            || matches!(op, Op::Call { callee: Callee::Word(name), .. } if words.contains(name))
            || inline_subs(op)
                .iter()
                .any(|sub| sub_reaches(sub, words, itself))
    })
}

fn sub_reaches(sub: &Sub, words: &HashSet<String>, itself: fn(&Op) -> bool) -> bool {
    match &sub.code {
        SubCode::Inline(block) => block_reaches(block, words, itself),
        SubCode::Value { .. } => false,
    }
}

/// The bodies of an op that the emitter writes in place (not spawned, woven, or made a
/// closure).
fn inline_subs(op: &Op) -> Vec<&Sub> {
    match op {
        Op::Apply(s)
        | Op::Expand(s)
        | Op::Dip(s)
        | Op::Keep(s, _)
        | Op::Times(s, ..)
        | Op::Loop { body: s, .. } => vec![s],
        Op::Bi(a, b, _) => vec![a, b],
        Op::If {
            then, otherwise, ..
        } => vec![then, otherwise],
        Op::Match { arms, .. } => arms.iter().map(|a| &a.sub).collect(),
        Op::While { cond, body, .. } => vec![cond, body],
        Op::Cond { arms, .. } => arms.iter().flat_map(|(p, b)| [p, b]).collect(),
        _ => Vec::new(),
    }
}

/// Visits every op of a block and of every body nested in it, spawned and woven bodies
/// included (not the word's closures: see [`all_calls`]).
fn every_op(block: &Block, visit: &mut impl FnMut(&Op)) {
    for op in &block.ops {
        visit(op);
        let mut subs = inline_subs(op);
        if let Op::Spawn(s, _) | Op::Weave { body: s, .. } = op {
            subs.push(s);
        }
        for sub in subs {
            if let SubCode::Inline(b) = &sub.code {
                every_op(b, visit);
            }
        }
    }
}

/// Every word a word's code calls anywhere: its body, its closures, spawned and woven
/// bodies.
fn all_calls(word: &CheckedWord, out: &mut Vec<String>) {
    let mut visit = |op: &Op| {
        if let Op::Call {
            callee: Callee::Word(name),
            ..
        } = op
        {
            out.push(name.clone());
        }
    };
    every_op(&word.body, &mut visit);
    for lit in &word.lits {
        if let Some((_, sub)) = &lit.value {
            if let SubCode::Inline(block) = &sub.code {
                every_op(block, &mut visit);
            }
        }
    }
}

#[cfg(test)]
mod tests;
