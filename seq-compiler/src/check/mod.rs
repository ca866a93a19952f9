//! Type checking: every word's body against its declared stack effect.
//!
//! The checker first collects the program's words (names, Rust names, signatures), then
//! checks each body on its own: calls of other words use their declared effects, so the
//! order of definitions does not matter. A body's result is a typed IR ([`ir`]) that the
//! emitter turns into Rust. Each word is checked independently and every word's first
//! error is reported.

mod apply;
pub mod body;
mod bounds;
mod closures;
mod combinators;
mod cond;
pub mod data;
mod dynamic;
pub mod frame;
pub mod ir;
mod loops;
mod matching;
mod refine;
mod report;
pub mod sig;
pub mod unify;
mod weaves;
mod word;

use crate::ast::{Item, Program};
use crate::builtins;
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::names::{hidden_name, rust_name};
use crate::types::{QuotTy, SigEffect, SigStack, SigTy};
pub use bounds::Generic;
use ir::{Block, Op, QuotLit, SubCode};
use proc_macro2::TokenStream;
use std::collections::HashMap;
use unify::Unifier;

/// What the checker knows about a word before checking bodies.
pub struct WordInfo<'p> {
    /// The Seq name.
    pub name: &'p str,
    /// The definition.
    pub item: &'p Item,
    /// The Rust function name (empty for words that have none).
    pub rust: String,
    /// For `extern` words, the Rust path to call.
    pub rust_path: Option<TokenStream>,
    /// For `extern async` words: the function returns a future.
    pub rust_async: bool,
    /// The effect callers see: the declared one with what the body fixes filled in
    /// (see `refine`).
    pub sig: SigEffect,
    /// `| Yield T`: what the word yields (it runs inside a weave), as `sig` has it.
    pub yields: Option<SigTy>,
    /// The effect as written.
    pub declared: SigEffect,
    /// The `| Yield T` as written.
    pub declared_yields: Option<SigTy>,
    /// Whether `sig` is the inferred effect (else inferring it failed, and checking the
    /// body again reports why).
    pub inferred: bool,
    /// Expanded at each use instead of becoming a function.
    pub inline: bool,
}

/// Every word and type of the program, by name.
pub struct Context<'p> {
    /// The words.
    pub words: HashMap<&'p str, WordInfo<'p>>,
    /// Unions, their generated words, and declared Rust types.
    pub data: data::Data,
}

/// A checked word that becomes a Rust function.
pub struct CheckedWord<'p> {
    /// The Seq name.
    pub name: &'p str,
    /// Its doc comment, one entry per line (empty when none was written).
    pub doc: &'p [String],
    /// Where it is defined.
    pub name_span: Span,
    /// The Rust function name.
    pub rust: String,
    /// The declared effect.
    pub sig: SigEffect,
    /// `| Yield T`, for a word that yields.
    pub yields: Option<SigTy>,
    /// The effect with rigid variables, as the body was checked against it.
    pub effect: QuotTy,
    /// The body.
    pub body: Block,
    /// Its quotation literals.
    pub lits: Vec<QuotLit<'p>>,
    /// The variable bindings the types in `effect`, `body` and `lits` refer to.
    pub unifier: Unifier,
    /// Whether the body calls itself in tail position (it becomes a loop).
    pub loops: bool,
    /// The Rust names of the words it calls in tail position (itself included).
    pub tail_calls: Vec<String>,
    /// The Rust function's generic parameters, in order.
    pub generics: Vec<Generic>,
    /// The words it calls, with the types their type variables became.
    pub calls: Vec<(String, Vec<(char, crate::types::Ty)>)>,
}

/// A Rust function declared as a word.
pub struct CheckedExtern<'p> {
    /// The Seq name.
    pub name: &'p str,
    /// Its doc comment, one entry per line (empty when none was written).
    pub doc: &'p [String],
    /// The Rust path.
    pub path: TokenStream,
    /// Where the path is written.
    pub path_span: Span,
    /// The declared effect.
    pub sig: SigEffect,
    /// `extern async`: the function returns a future of the effect's results.
    pub is_async: bool,
}

/// A checked program.
pub struct Checked<'p> {
    /// Unions, which become enums.
    pub unions: Vec<data::UnionInfo>,
    /// Words that become functions, in source order.
    pub words: Vec<CheckedWord<'p>>,
    /// Rust functions used as words.
    pub externs: Vec<CheckedExtern<'p>>,
    /// The declared Rust types: each path as the checker writes it, and its tokens as
    /// written (generated code naming the type uses them, so rustc points there).
    pub declared_types: Vec<(String, TokenStream)>,
}

/// Checks a program.
pub fn check(program: &Program) -> Result<Checked<'_>, Diagnostics> {
    let mut errors = Vec::new();
    let mut cx = collect(program, &mut errors);
    refine::refine(&mut cx);
    let declared_types = program
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Type(t) => Some((t.path.to_string(), t.path.clone())),
            _ => None,
        })
        .collect();
    let mut checked = Checked {
        unions: Vec::new(),
        words: Vec::new(),
        externs: Vec::new(),
        declared_types,
    };
    for item in &program.items {
        if item.effect().is_none() {
            continue;
        }
        let Some(info) = cx.words.get(item.name().text.as_str()) else {
            continue;
        };
        if !std::ptr::eq(info.item, item) {
            continue; // a duplicate, already reported
        }
        match item {
            Item::Extern(e) => checked.externs.push(CheckedExtern {
                name: info.name,
                doc: &e.doc,
                path: e.path.clone(),
                path_span: e.path_span,
                sig: info.sig.clone(),
                is_async: e.is_async,
            }),
            Item::Union(_) | Item::Type(_) | Item::Include(_) => {}
            Item::Word(def) => {
                let (mut checker, result) = word::check_word(&cx, info, def, !info.inferred);
                match result {
                    Ok((body, effect)) if !info.inline => {
                        let mut tail_calls = Vec::new();
                        collect_tail_calls(&body, &mut tail_calls);
                        let loops = tail_calls.contains(&info.rust);
                        let generics = bounds::generics(&mut checker, &info.sig, &effect);
                        checked.words.push(CheckedWord {
                            name: info.name,
                            doc: &def.doc,
                            name_span: def.name.span,
                            rust: info.rust.clone(),
                            sig: info.sig.clone(),
                            yields: info.yields.clone(),
                            effect,
                            body,
                            lits: checker.lits,
                            unifier: checker.u,
                            loops,
                            tail_calls,
                            generics,
                            calls: std::mem::take(&mut checker.calls),
                        });
                    }
                    Ok(_) => {}
                    Err(d) => errors.push(d),
                }
            }
        }
    }
    bounds::propagate(&mut checked.words);
    checked.unions = cx.data.unions;
    if errors.is_empty() {
        Ok(checked)
    } else {
        errors.sort_by_key(|d| d.span.start);
        Err(Diagnostics(errors))
    }
}

/// Collects names and signatures, reporting duplicates and names Rust cannot take.
fn collect<'p>(program: &'p Program, errors: &mut Vec<Diagnostic>) -> Context<'p> {
    let data = data::collect(program, errors);
    let mut words: HashMap<&'p str, WordInfo<'p>> = HashMap::new();
    let mut rust_names: HashMap<String, &'p str> = HashMap::new();
    for item in &program.items {
        let Some(effect) = item.effect() else {
            continue;
        };
        let name = item.name();
        if let Some(word) = data.words.get(&name.text) {
            let union = match &word.op {
                ir::UnionOp::Make { union, .. }
                | ir::UnionOp::Is { union, .. }
                | ir::UnionOp::Field { union, .. } => union,
            };
            errors.push(Diagnostic::new(
                name.span,
                format!(
                    "`{}` is generated by the union `{union}` and cannot be redefined",
                    name.text
                ),
            ));
            continue;
        }
        let library = builtins::LIBRARY.contains(&name.text.as_str());
        if (builtins::lookup(&name.text).is_some() && !library)
            || builtins::SUGAR.iter().any(|s| s.0 == name.text)
        {
            errors.push(Diagnostic::new(
                name.span,
                format!("`{}` is a builtin word and cannot be redefined", name.text),
            ));
            continue;
        }
        if let Some(first) = words.get(name.text.as_str()) {
            errors.push(
                Diagnostic::new(
                    name.span,
                    format!("duplicate definition of `{}`", name.text),
                )
                .note(format!("first defined at {}", first.item.name().span.start)),
            );
            continue;
        }
        let sig = match sig::sig_of(effect, &data.names) {
            Ok(sig) => sig,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let inline = sig.needs_inline();
        let yields = match effect.yields.as_ref().map(|t| sig::ty_of(t, &data.names)) {
            Some(Ok(t)) => Some(t),
            Some(Err(d)) => {
                errors.push(d);
                continue;
            }
            None => None,
        };
        let (rust, rust_path) = match item {
            Item::Extern(e) => {
                if let Some(problem) = not_concrete(&sig) {
                    errors.push(Diagnostic::new(
                        effect.span,
                        format!("the effect of a Rust function must name concrete types, but it has {problem}"),
                    ));
                    continue;
                }
                (String::new(), Some(e.path.clone()))
            }
            Item::Union(_) | Item::Type(_) | Item::Include(_) => {
                unreachable!("only words have effects")
            }
            Item::Word(_) if inline => (String::new(), None),
            Item::Word(_) => {
                // A name Rust cannot take still works in Seq; its function is hidden.
                let rust = rust_name(&name.text).unwrap_or_else(|_| hidden_name(&name.text));
                if let Some(other) = rust_names.insert(rust.clone(), &name.text) {
                    errors.push(Diagnostic::new(
                        name.span,
                        format!(
                            "`{}` and `{other}` would both be the Rust function `{rust}`",
                            name.text
                        ),
                    ));
                    continue;
                }
                (rust, None)
            }
        };
        words.insert(
            &name.text,
            WordInfo {
                name: &name.text,
                item,
                rust,
                rust_path,
                rust_async: matches!(item, Item::Extern(e) if e.is_async),
                declared: sig.clone(),
                declared_yields: yields.clone(),
                sig,
                yields,
                inferred: true,
                inline,
            },
        );
    }
    Context { words, data }
}

/// What in a signature has no single Rust type, if anything.
pub(crate) fn not_concrete(sig: &SigEffect) -> Option<&'static str> {
    fn stack(s: &SigStack) -> Option<&'static str> {
        if s.row.is_some() {
            return Some("a row variable");
        }
        s.items.iter().find_map(ty)
    }
    fn ty(t: &SigTy) -> Option<&'static str> {
        match t {
            SigTy::Var(_) => Some("a type variable"),
            SigTy::Chan(None) => Some("a Channel whose element type is not written"),
            SigTy::Weave(None) | SigTy::Ctx(None) => {
                Some("a Weave or Ctx whose value type is not written")
            }
            SigTy::List(None) => Some("a List whose element type is not written"),
            SigTy::Map(None) => Some("a Map whose key and value types are not written"),
            SigTy::Map(Some(kv)) | SigTy::Weave(Some(kv)) | SigTy::Ctx(Some(kv)) => {
                ty(&kv.0).or_else(|| ty(&kv.1))
            }
            SigTy::Chan(Some(t)) | SigTy::List(Some(t)) => ty(t),
            SigTy::Quot(q) | SigTy::Closure(q) => stack(&q.input).or_else(|| stack(&q.output)),
            _ => None,
        }
    }
    stack(&sig.input).or_else(|| stack(&sig.output))
}

fn sig_vars(stack: &SigStack, out: &mut Vec<String>) {
    for ty in &stack.items {
        match ty {
            SigTy::Var(c) if !out.contains(&c.to_string()) => out.push(c.to_string()),
            SigTy::Quot(q) | SigTy::Closure(q) => {
                sig_vars(&q.input, out);
                sig_vars(&q.output, out);
            }
            SigTy::Map(Some(kv)) | SigTy::Weave(Some(kv)) | SigTy::Ctx(Some(kv)) => sig_vars(
                &SigStack {
                    row: None,
                    items: vec![kv.0.clone(), kv.1.clone()],
                },
                out,
            ),
            SigTy::Chan(Some(t)) | SigTy::List(Some(t)) => sig_vars(
                &SigStack {
                    row: None,
                    items: vec![(**t).clone()],
                },
                out,
            ),
            _ => {}
        }
    }
}

/// The words called in tail position in a block (through conditionals and `call`).
fn collect_tail_calls(block: &Block, out: &mut Vec<String>) {
    for op in &block.ops {
        match op {
            Op::Call {
                callee: ir::Callee::Word(name),
                tail: true,
                ..
            } if !out.contains(name) => out.push(name.clone()),
            Op::If {
                then, otherwise, ..
            } => {
                for sub in [then, otherwise] {
                    if let SubCode::Inline(b) = &sub.code {
                        collect_tail_calls(b, out);
                    }
                }
            }
            Op::Apply(sub) | Op::Expand(sub) => {
                if let SubCode::Inline(b) = &sub.code {
                    collect_tail_calls(b, out);
                }
            }
            Op::Match { arms, .. } => {
                for arm in arms {
                    if let SubCode::Inline(b) = &arm.sub.code {
                        collect_tail_calls(b, out);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lex::text::lex;
    use crate::parse::parse;

    fn with_checked<T>(src: &str, f: impl FnOnce(Result<Checked<'_>, Diagnostics>) -> T) -> T {
        let program = parse(&lex(src).unwrap()).unwrap();
        f(check(&program))
    }

    #[test]
    fn tail_self_calls_make_loops_and_other_recursion_does_not() {
        with_checked(
            ": down ( Int -- Int ) dup 0 i.> [ 1 i.- down ] when ;
             : fib ( Int -- Int ) dup 2 i.< if else dup 1 i.- fib swap 2 i.- fib i.+ then ;",
            |c| {
                let c = c.unwrap();
                assert!(c.words[0].loops);
                assert!(!c.words[1].loops);
            },
        );
    }

    #[test]
    fn literal_quotations_run_inline_and_measure_their_reach() {
        with_checked(": f ( Int Int -- Int ) [ i.+ ] call ;", |c| {
            let c = c.unwrap();
            let Op::Apply(sub) = &c.words[0].body.ops[1] else {
                panic!("{:?}", c.words[0].body)
            };
            assert!(matches!(sub.code, SubCode::Inline(_)));
            assert_eq!((sub.consumed, sub.produced), (2, 1));
            assert!(
                c.words[0].lits[0].value.is_none(),
                "never needed as a value"
            );
        });
    }

    #[test]
    fn row_polymorphic_words_have_no_function() {
        with_checked(
            ": apply ( ..a [ ..a -- ..b ] -- ..b ) call ; : g ( Int -- Int ) [ 1 i.+ ] apply ;",
            |c| {
                let c = c.unwrap();
                assert_eq!(c.words.len(), 1);
                assert_eq!(c.words[0].name, "g");
                assert!(matches!(c.words[0].body.ops[1], Op::Expand(_)));
            },
        );
    }

    #[test]
    fn open_element_types_become_generic_parameters() {
        with_checked(
            ": relay ( Channel Channel -- ) swap chan.receive drop swap chan.send drop ;",
            |c| {
                let c = c.unwrap();
                let names: Vec<&str> = c.words[0]
                    .generics
                    .iter()
                    .map(|g| g.name.as_str())
                    .collect();
                // One element type for both channels (refined from the body: `Z`).
                assert_eq!(names, ["Z"]);
                assert!(c.words[0].generics[0].send && c.words[0].generics[0].element);
                assert_eq!(
                    crate::types::show_sig(&c.words[0].sig),
                    "( Channel<Z> Channel<Z> -- )"
                );
            },
        );
    }

    #[test]
    fn every_word_reports_its_first_error_in_source_order() {
        with_checked(": a ( -- ) dupp ; : b ( -- Int ) ; : c ( -- ) ;", |c| {
            let errors: Vec<String> = c.err().unwrap().iter().map(|d| d.message.clone()).collect();
            assert_eq!(errors.len(), 2);
            assert!(errors[0].starts_with("unknown word `dupp`"));
            assert!(errors[1].starts_with("`b` is declared ( -- Int )"));
        });
    }
}
