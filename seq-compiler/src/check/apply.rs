//! Applying what a word means to the frame: table builtins and words through their
//! signatures, arithmetic sugar by the operand types, `n pick` / `n roll`, unknown words
//! with a suggestion, and quotation literals becoming values ("materializing": the body
//! checked on its own, the literal given a quotation type).

use super::body::{BodyChecker, Step};
use super::frame::{Frame, Origin, Slot};
use super::ir::{Op, Sub};
use super::report::{show_needs, show_slots, with_origin};
use super::unify::Vars;
use crate::builtins;
use crate::diag::{Diagnostic, Span};
use crate::suggest::did_you_mean;
use crate::types::{QuotTy, SigEffect, StackTy, Ty};

impl<'p> BodyChecker<'_, 'p> {
    pub(super) fn unknown_word(&self, name: &str, span: Span) -> Diagnostic {
        let d = Diagnostic::new(span, format!("unknown word `{name}`"));
        let mut candidates: Vec<&str> = builtins::names().collect();
        candidates.extend(self.cx.words.keys().map(|k| -> &str { k }));
        candidates.extend(self.cx.data.words.keys().map(String::as_str));
        if let Some(stem) = name.strip_suffix(';') {
            return d.help(format!("`;` must be separated by whitespace: `{stem} ;`"));
        }
        if name == "#" {
            return d.help(crate::parse::HASH_COMMENT);
        }
        // `1_000_000`: Rust's digit separators are not Seq's.
        let digits = name.trim_start_matches('-').replace('_', "");
        if name.contains('_') && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let plain = name.replace('_', "");
            return d.help(format!(
                "Seq numbers have no `_` separators: write `{plain}`"
            ));
        }
        match did_you_mean(name, candidates.iter().copied()) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d,
        }
    }

    /// Resolves arithmetic sugar (`+`, `<`, ...) by the operand types on the stack.
    pub(super) fn desugar(&mut self, name: &'p str, span: Span) -> Step<&'p str> {
        let Some(&(_, int, float, string)) = builtins::SUGAR.iter().find(|s| s.0 == name) else {
            return Ok(name);
        };
        let needs = if string.is_some() {
            "two numbers or Strings"
        } else {
            "two numbers"
        };
        if self.ensure(2).is_err() {
            return Err(self.underflow(name, needs, span));
        }
        let len = self.frame.items.len();
        let a = self.u.shallow(&self.frame.items[len - 2].ty);
        let b = self.u.shallow(&self.frame.items[len - 1].ty);
        match (a, b, float, string) {
            (Ty::Int, Ty::Int, _, _) => Ok(int),
            (Ty::Float, Ty::Float, Some(f), _) => Ok(f),
            (Ty::Str, Ty::Str, _, Some(s)) => Ok(s),
            _ => Err(self.unresolved_sugar(name, span, [Some(int), float, string])),
        }
    }

    /// The error for sugar whose operands have no type it takes; `meanings` are its Int,
    /// Float and String builtins.
    fn unresolved_sugar(&self, name: &str, span: Span, meanings: [Option<&str>; 3]) -> Diagnostic {
        let types: Vec<&str> = ["two Ints", "two Floats", "two Strings"]
            .into_iter()
            .zip(meanings)
            .filter_map(|(ty, meaning)| meaning.map(|_| ty))
            .collect();
        let words: Vec<String> = meanings
            .iter()
            .flatten()
            .map(|w| format!("`{w}`"))
            .collect();
        Diagnostic::new(
            span,
            format!(
                "`{name}` needs {} but the stack is {}",
                either(&types),
                self.shown()
            ),
        )
        .help(format!(
            "where the operand types are not visible, write {}",
            either(&words)
        ))
    }

    /// Applies a signature without explicit rows: pops and checks its inputs, pushes its
    /// outputs. Returns the output types.
    pub(super) fn apply_sig(
        &mut self,
        who: &str,
        sig: &SigEffect,
        origin: &Origin,
    ) -> Step<Vec<Ty>> {
        let (effect, named) = self.u.instantiate_named(sig, Vars::Fresh);
        self.instance = named;
        let k = effect.input.items.len();
        if self.ensure(k).is_err() {
            return Err(self.underflow(who, &show_needs(&sig.input.items), origin.span));
        }
        self.capture_closures(&effect.input.items)?;
        if self.ensure(k).is_err() {
            return Err(self.underflow(who, &show_needs(&sig.input.items), origin.span));
        }
        let base = self.frame.items.len() - k;
        for i in 0..k {
            if let Some(key) = self.frame.items[base + i].quot.take() {
                self.materialize(key)?;
            }
        }
        // A failed unification may have bound part of a quotation type; messages show the
        // types as they were before it.
        let involves_quotation = self.frame.items[base..]
            .iter()
            .any(|s| matches!(self.u.resolve(&s.ty), Ty::Quot(_)));
        let before = involves_quotation.then(|| self.u.clone());
        for i in 0..k {
            let slot = self.frame.items[base + i].clone();
            let needed = &effect.input.items[i];
            if self
                .meet(base + i, k - 1 - i, needed, who, origin.span)
                .is_err()
            {
                let u = before.as_ref().unwrap_or(&self.u);
                let d = Diagnostic::new(
                    origin.span,
                    format!(
                        "`{who}` needs {} but the stack is {}",
                        show_needs(&sig.input.items),
                        show_slots(u, &self.frame.items)
                    ),
                );
                let d = with_origin(d, u, &slot);
                let wants_more = match (u.resolve(&slot.ty), u.resolve(&effect.input.items[i])) {
                    (Ty::Quot(have), Ty::Quot(want)) => {
                        !want.closure && have.input.items.len() > want.input.items.len()
                    }
                    _ => false,
                };
                return Err(if wants_more {
                    d.help("a quotation that captures the values below it is a closure: declare the input as `Closure[ ... ]`")
                } else {
                    d
                });
            }
        }
        for _ in 0..k {
            self.frame.pop();
        }
        for ty in effect.input.items.iter().chain(&effect.output.items) {
            match self.u.shallow(ty) {
                Ty::Weave(yields, resumed) => {
                    for element in [*yields, *resumed] {
                        self.send_types.push(element.clone());
                        self.element_types.push(element);
                    }
                }
                Ty::Chan(element) => {
                    self.send_types.push((*element).clone());
                    self.element_types.push(*element);
                }
                Ty::Ctx(yields, resumed) => self.send_types.extend([*yields, *resumed]),
                Ty::List(element) => self.element_types.push(*element),
                Ty::Map(key, value) => {
                    self.key_types.push(*key);
                    self.element_types.push(*value);
                }
                _ => {}
            }
        }
        for ty in &effect.output.items {
            self.frame.push(Slot::pushed_by(ty.clone(), origin));
        }
        Ok(effect.output.items)
    }

    /// Checks a quotation literal on its own and records its type as a value.
    pub(super) fn materialize(&mut self, key: usize) -> Step {
        if self.lits[key].value.is_some() {
            return Ok(());
        }
        let quotation = self.lits[key].quotation;
        let (ty, sub) = self.natural(key)?;
        let var = self.lits[key].var.clone();
        if self.u.unify(&var, &ty).is_err() {
            let d = Diagnostic::new(
                quotation.close,
                format!(
                    "this quotation has the effect {} but is used where {} is expected",
                    self.u.show(&ty),
                    self.u.show(&var)
                ),
            );
            let needs_more = match (self.u.resolve(&ty), self.u.resolve(&var)) {
                (Ty::Quot(natural), Ty::Quot(expected)) => {
                    natural.input.items.len() > expected.input.items.len()
                }
                _ => false,
            };
            return Err(if needs_more {
                d.help("to capture the values it needs from below it, it must be a closure: write the type as `Closure[ ... ]`")
            } else {
                d
            });
        }
        self.lits[key].value = Some((ty, sub));
        Ok(())
    }

    /// A literal's own type: its body checked on its own, with a row of its own.
    pub(super) fn natural(&mut self, key: usize) -> Step<(Ty, Sub)> {
        let quotation = self.lits[key].quotation;
        let own = self.u.fresh_row(true);
        let saved = std::mem::replace(&mut self.frame, Frame::new(own, Vec::new()));
        // Closures already queued belong to the enclosing body: the quotation's statements
        // file their own in its body, and must not take those.
        let queued = std::mem::take(&mut self.prelude);
        // A quotation made inside a weave (or a yielding word) may yield as it does.
        let context = self.yield_to.last().cloned().flatten();
        self.yield_to.push(context);
        let checked = self
            .run_sub(&quotation.body, false, quotation.close, "this quotation")
            .and_then(|sub| {
                self.materialize_all()?;
                let input = self.u.resolve_stack(&StackTy {
                    row: own,
                    items: Vec::new(),
                });
                let ty = Ty::Quot(Box::new(QuotTy {
                    input,
                    output: self.frame.stack(),
                    closure: false,
                }));
                Ok((ty, sub))
            });
        self.frame = saved;
        self.prelude = queued;
        self.yield_to.pop();
        checked
    }

    pub(super) fn pick_or_roll(
        &mut self,
        word: &str,
        n: i64,
        span: Span,
        depth_span: Span,
    ) -> Step<Op> {
        let Ok(depth) = usize::try_from(n) else {
            return Err(Diagnostic::new(
                depth_span,
                format!("`{word}` needs a depth of 0 or more, not {n}"),
            ));
        };
        if depth > 64 || self.ensure(depth + 1).is_err() {
            return Err(self.underflow(
                &format!("{n} {word}"),
                &format!("{} values", depth + 1),
                span,
            ));
        }
        // Pop and push back, so the reach of the enclosing body covers the slot.
        let mut slots: Vec<Slot> = (0..=depth).map(|_| self.frame.pop()).collect();
        slots.reverse();
        let deepest = slots[0].clone();
        let op = if word == "pick" {
            slots.push(deepest);
            Op::Pick(depth, span)
        } else {
            slots.remove(0);
            slots.push(deepest);
            Op::Roll(depth)
        };
        for slot in slots {
            self.frame.push(slot);
        }
        Ok(op)
    }
}

/// `a`, `a or b`, `a, b or c`.
fn either(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} or {}", init.join(", "), last.as_ref())
        }
    }
}
