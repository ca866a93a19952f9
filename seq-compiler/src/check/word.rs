//! Checking a whole word: its body against its effect (declared, or being inferred), with
//! the checks made again where container element types clash (see `unify::mixed`), the
//! conversions of what the body leaves to dynamic outputs, and the generic parameters of
//! what it leaves free.

use super::body::{count, BodyChecker, LoopStart, Step};
use super::frame::{Frame, Slot};
use super::ir::Block;
use super::report::with_origin;
use super::unify::Vars;
use super::{Context, WordInfo};
use crate::ast::{Stmt, WordDef};
use crate::diag::{Diagnostic, Span};
use crate::types::{QuotTy, Ty};

/// How many times a word is checked again with more element types dynamic.
const MIXED_RETRIES: usize = 16;

/// Checks the body of `info` (inferring its effect, with `infer`). Where the element types
/// of a list, map or channel clash, the body is checked again with those element types
/// `Variant` (see `unify::mixed`), as long as each check names new ones; if none succeeds,
/// the first check's error stands.
pub fn check_word<'c, 'p>(
    cx: &'c Context<'p>,
    info: &'c WordInfo<'p>,
    def: &'p WordDef,
    infer: bool,
) -> (BodyChecker<'c, 'p>, Step<(Block, QuotTy)>) {
    let mut mixed: Vec<crate::types::TyVar> = Vec::new();
    let mut first = None;
    for _ in 0..=MIXED_RETRIES {
        let mut checker = BodyChecker::new(cx, info);
        checker.infer = infer;
        checker.u.mixed(mixed.clone());
        let result = checker.check_body(&def.body, def.end, true);
        let Err(error) = result else {
            return (checker, result);
        };
        let new: Vec<_> = checker
            .u
            .conflict()
            .iter()
            .copied()
            .filter(|v| !mixed.contains(v))
            .collect();
        if new.is_empty() {
            // A check that got past the first one's error failed on something else (an
            // unknown word, say): that is the error to show.
            if first
                .as_ref()
                .is_some_and(|(_, e): &(_, Diagnostic)| later(&error.span, &e.span))
            {
                return (checker, Err(error));
            }
            if first.is_none() {
                first = Some((checker, error));
            }
            break;
        }
        if first.is_none() {
            first = Some((checker, error));
        }
        mixed.extend(new);
    }
    let (checker, error) = first.expect("at least one check ran");
    (checker, Err(error))
}

/// Whether `a` starts after `b` in the same file.
fn later(a: &Span, b: &Span) -> bool {
    a.start.file == b.start.file && (a.start.line, a.start.column) > (b.start.line, b.start.column)
}

impl<'p> BodyChecker<'_, 'p> {
    /// Checks a word's body against its declared effect; returns the body's IR, the
    /// instantiated (rigid) effect, and the literal table.
    pub fn check_body(&mut self, body: &'p [Stmt], end: Span, tail: bool) -> Step<(Block, QuotTy)> {
        let (sig, yields, vars) = match self.infer {
            true => (
                &self.current.declared,
                &self.current.declared_yields,
                Vars::Inferred,
            ),
            false => (&self.current.sig, &self.current.yields, Vars::Rigid),
        };
        let sig = sig.clone();
        let (effect, yields) = self.instantiate_yielding(&sig, yields.as_ref(), vars);
        let declared = format!("`{}` is declared to yield", self.current.name);
        self.yield_to.push(yields.map(|t| (t, declared)));
        let slots = effect.input.items.iter().cloned().map(Slot::of).collect();
        self.frame = Frame::new(effect.input.row, slots);
        self.expanding.push(self.current.name);
        if self.current.inline {
            self.loop_starts.push(LoopStart {
                name: self.current.name,
                start: self.frame.stack(),
                looped: false,
            });
        }
        let mut block = self.run_block(body, tail)?;
        // A literal left where a closure is declared becomes one.
        if self.frame.items.len() >= effect.output.items.len() {
            self.capture_closures(&effect.output.items)?;
            block.ops.append(&mut self.prelude);
        }
        self.finish_body(end, &format!("`{}`'s body", self.current.name))?;
        self.normalize();
        let outputs = &effect.output.items;
        if self.frame.items.len() == outputs.len() {
            // What the body leaves is converted where a declared output is dynamic.
            let converted = (0..outputs.len()).try_for_each(|i| {
                let depth = outputs.len() - 1 - i;
                self.meet(i, depth, &outputs[i], self.current.name, end)
            });
            if converted.is_ok() {
                block.ops.append(&mut self.prelude);
            }
        }
        let result = self.frame.stack();
        if self.u.unify_stacks(&result, &effect.output).is_err() {
            let declared = sig.output.items.len();
            let left = self.frame.items.len();
            let d = Diagnostic::new(
                end,
                format!(
                    "`{}` is declared {} but its body leaves {}",
                    self.current.name,
                    crate::types::show_sig(&sig),
                    self.shown()
                ),
            );
            // Type variables the body fixed explain a mismatch with them.
            let fixed: Vec<String> = self
                .u
                .labelled()
                .into_iter()
                .map(|(label, ty)| format!("{label} is {}", self.u.show(&ty)))
                .collect();
            let d = match fixed.is_empty() {
                true => d,
                false => d.note(format!("in this body {}", fixed.join(", "))),
            };
            let d = match left.cmp(&declared) {
                std::cmp::Ordering::Greater => {
                    let d = d.note(format!(
                        "{} too many: the declared outputs are {}",
                        count(left - declared),
                        super::report::show_needs(&sig.output.items)
                    ));
                    // Who pushed the values on top that the effect has no room for.
                    let extra = (left - declared).min(2);
                    self.frame.items[left - extra..]
                        .iter()
                        .fold(d, |d, slot| with_origin(d, &self.u, slot))
                }
                std::cmp::Ordering::Less => d.note(format!(
                    "{} too few: the declared outputs are {}",
                    count(declared - left),
                    super::report::show_needs(&sig.output.items)
                )),
                std::cmp::Ordering::Equal => d.note(format!(
                    "the declared outputs are {}",
                    super::report::show_needs(&sig.output.items)
                )),
            };
            // A quotation left over values below it: upstream would capture them.
            let top_is_quotation = matches!(
                self.frame.items.last().map(|s| self.u.shallow(&s.ty)),
                Some(Ty::Quot(_))
            );
            let d = if left > declared && top_is_quotation {
                d.help("for a quotation that captures the values below it, declare its type as `Closure[ ... ]`")
            } else {
                d
            };
            return Err(d);
        }
        Ok((block, effect))
    }

    /// Once a word's body is checked: a type variable of its effect (or of what it
    /// yields) that nothing fixed becomes a generic parameter of the word, named as the
    /// effect declared it or, for an element type the body leaves to callers, `E1`, `E2`,
    /// ...; every other type nothing fixed (a channel only ever closed, a field read and
    /// dropped, an empty list joined) is `Variant`, as every value is in Seq's reference.
    /// Returns the new parameters' names.
    pub fn generalize(&mut self, effect: &QuotTy) -> Vec<String> {
        let mut free = Vec::new();
        let yields = self.yield_to.first().cloned().flatten().map(|(t, _)| t);
        for ty in effect
            .input
            .items
            .iter()
            .chain(&effect.output.items)
            .chain(&yields)
        {
            self.u.free_vars(ty, &mut free);
        }
        let mut numbered = 0;
        let names: Vec<String> = free
            .iter()
            .map(|v| match self.u.label(*v) {
                Some(label) => label.to_string(),
                None => {
                    numbered += 1;
                    format!("E{numbered}")
                }
            })
            .collect();
        for (var, name) in free.iter().zip(&names) {
            self.u.name_free(*var, name.clone());
        }
        self.u.default_free(Ty::Variant);
        names
    }

    /// At the end of a body: the aux stack is empty and literals left on the stack are
    /// values.
    pub(super) fn finish_body(&mut self, end: Span, what: &str) -> Step {
        let aux = self.frame.aux.last().expect("aux per body");
        if let Some(slot) = aux.last() {
            let d = Diagnostic::new(
                end,
                format!("{what} ends with {} still on the aux stack: every `>aux` needs an `aux>` in the same body", count(aux.len())),
            );
            return Err(with_origin(d, &self.u, slot));
        }
        self.materialize_all()
    }
}
