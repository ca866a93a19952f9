//! Checking `match`: the union comes from the first arm's variant; the value on top must
//! be of that union; each arm runs from the same stack with its fields pushed (in
//! declaration order), and every arm must leave the same stack. Every variant needs
//! exactly one arm: there is no wildcard.

use super::body::{BodyChecker, Step};
use super::dynamic::retype;
use super::frame::{Origin, Slot};
use super::ir::{MatchArm, Op, Sub};
use super::report::show_slots;
use crate::ast::Match;
use crate::diag::{Diagnostic, Span};
use crate::suggest::did_you_mean;
use crate::types::{StackTy, Ty};

impl<'p> BodyChecker<'_, 'p> {
    /// Checks a `match` at `span`.
    pub(super) fn match_(&mut self, m: &'p Match, span: Span, tail: bool) -> Step<Op> {
        let data = &self.cx.data;
        let Some(first) = m.arms.first() else {
            return Err(Diagnostic::new(span, "a `match` without arms")
                .help("write one arm per variant: `match A -> ... B -> ... end`"));
        };
        let Some(&(ui, _)) = data.variants.get(&first.variant.text) else {
            let d = Diagnostic::new(
                first.variant.span,
                format!("unknown variant `{}`", first.variant.text),
            );
            return Err(
                match did_you_mean(
                    &first.variant.text,
                    data.variants.keys().map(String::as_str),
                ) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d,
                },
            );
        };
        let union = &data.unions[ui];
        self.normalize();
        self.before = self.shown();
        let union_ty = Ty::Named(data.names[&union.name].clone());
        self.pop_typed(
            "match",
            span,
            &format!("( {} )", union.name),
            (union_ty, Some(0)),
            &format!("a `{}` to match on", union.name),
        )?;
        self.normalize();
        let start = self.frame.snapshot();
        let aux_start = self.frame.aux.last().expect("aux per body").clone();
        let mut aux_left: Option<Vec<Slot>> = None;
        let shown_start = self.shown();
        let mut seen = vec![None; union.variants.len()];
        let mut arms = Vec::new();
        let mut results = Vec::new();
        for arm in &m.arms {
            let vi = match data.variants.get(&arm.variant.text) {
                Some(&(u, v)) if u == ui => v,
                Some(&(u, _)) => {
                    return Err(Diagnostic::new(
                        arm.variant.span,
                        format!(
                            "`{}` is a variant of `{}`, but this `match` is on `{}`",
                            arm.variant.text, data.unions[u].name, union.name
                        ),
                    ))
                }
                None => {
                    let names = union.variants.iter().map(|v| v.name.as_str());
                    let d = Diagnostic::new(
                        arm.variant.span,
                        format!(
                            "`{}` is not a variant of `{}`",
                            arm.variant.text, union.name
                        ),
                    );
                    return Err(match did_you_mean(&arm.variant.text, names) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => d.note(format!(
                            "the variants of `{}` are {}",
                            union.name,
                            list(union.variants.iter().map(|v| v.name.as_str()))
                        )),
                    });
                }
            };
            if let Some(earlier) = seen[vi].replace(arm.variant.span) {
                return Err(Diagnostic::new(
                    arm.variant.span,
                    format!("a second arm for `{}`", arm.variant.text),
                )
                .note(format!("the first is at {}", earlier.start)));
            }
            let variant = &union.variants[vi];
            let chosen: Vec<usize> = match &arm.bindings {
                None => (0..variant.fields.len()).collect(),
                Some(names) => {
                    let mut chosen = Vec::new();
                    for name in names {
                        let Some(fi) = variant.fields.iter().position(|f| f.name == name.text)
                        else {
                            let d = Diagnostic::new(
                                name.span,
                                format!("`{}` has no field `{}`", variant.name, name.text),
                            );
                            return Err(if variant.fields.is_empty() {
                                d.note(format!("`{}` has no fields", variant.name))
                            } else {
                                d.note(format!(
                                    "its fields are {}",
                                    list(variant.fields.iter().map(|f| f.name.as_str()))
                                ))
                            });
                        };
                        if chosen.contains(&fi) {
                            return Err(Diagnostic::new(
                                name.span,
                                format!("the field `{}` is pushed twice", name.text),
                            ));
                        }
                        chosen.push(fi);
                    }
                    chosen.sort_unstable();
                    chosen
                }
            };
            self.frame.restore(start.clone());
            *self.frame.aux.last_mut().expect("aux per body") = aux_start.clone();
            self.normalize();
            let mut fields = Vec::new();
            for &fi in &chosen {
                let field = &variant.fields[fi];
                let ty = self.u.instantiate_type(&field.ty);
                let origin = Origin::word(
                    arm.variant.span,
                    &format!("{}-{}", variant.name, field.name),
                );
                self.frame.push(Slot::pushed_by(ty.clone(), &origin));
                fields.push((field.rust.clone(), ty, field.boxed()));
            }
            let sub = self.run_arm_body(&arm.body, tail)?;
            let aux = self.frame.aux.last().expect("aux per body").clone();
            match &aux_left {
                Some(first) => self.aux_agrees(first, &aux, arm.arrow, "match")?,
                None => aux_left = Some(aux),
            }
            self.normalize();
            results.push((
                arm.variant.clone(),
                self.frame.row,
                self.frame.items.clone(),
            ));
            arms.push(MatchArm {
                variant: variant.name.clone(),
                fields,
                sub,
            });
        }
        let missing: Vec<&str> = union
            .variants
            .iter()
            .zip(&seen)
            .filter(|(_, seen)| seen.is_none())
            .map(|(v, _)| v.name.as_str())
            .collect();
        if !missing.is_empty() {
            return Err(Diagnostic::new(
                span,
                format!(
                    "non-exhaustive `match` on `{}`: no arm for {}",
                    union.name,
                    list(missing.into_iter())
                ),
            )
            .help("every variant needs an arm; there is no wildcard"));
        }
        self.materialize_differing(&results)?;
        // Where an arm leaves a dynamic value and another a typed one, they meet.
        let mut converting: Vec<(&mut Sub, Vec<Ty>)> = arms
            .iter_mut()
            .zip(&results)
            .map(|(arm, (_, _, slots))| {
                (&mut arm.sub, slots.iter().map(|s| s.ty.clone()).collect())
            })
            .collect();
        if let Some(joined) = self.convert_arms(&mut converting, "match", span) {
            for (_, _, slots) in &mut results {
                retype(slots, &joined);
            }
            retype(&mut self.frame.items, &joined);
        }
        self.join_arms(&results, &shown_start)?;
        Ok(Op::Match {
            union: union.name.clone(),
            arms,
        })
    }

    /// Slots where arms leave different quotation literals become values in all of them.
    fn materialize_differing(&mut self, results: &[(crate::ast::Name, u32, Vec<Slot>)]) -> Step {
        let depth = results.iter().map(|r| r.2.len()).min().unwrap_or(0);
        for i in 1..=depth {
            let keys: Vec<Option<usize>> =
                results.iter().map(|r| r.2[r.2.len() - i].quot).collect();
            if keys.iter().any(|k| *k != keys[0]) {
                for key in keys.iter().flatten() {
                    self.materialize(*key)?;
                }
                let top = self.frame.items.len() - i;
                self.frame.items[top].quot = None;
            }
        }
        Ok(())
    }

    /// Requires every arm to leave the same stack as the last one (the frame now).
    fn join_arms(
        &mut self,
        results: &[(crate::ast::Name, u32, Vec<Slot>)],
        shown_start: &str,
    ) -> Step {
        let (last_name, _, last_slots) = results.last().expect("at least one arm");
        for (name, row, slots) in &results[..results.len() - 1] {
            let stack = StackTy {
                row: *row,
                items: slots.iter().map(|s| s.ty.clone()).collect(),
            };
            if self.u.unify_stacks(&stack, &self.frame.stack()).is_err() {
                return Err(Diagnostic::new(
                    last_name.span,
                    format!(
                        "the arms of `match` disagree: the `{}` arm leaves {} but the `{}` arm leaves {}",
                        name.text,
                        show_slots(&self.u, slots),
                        last_name.text,
                        show_slots(&self.u, last_slots)
                    ),
                )
                .note(format!("every arm starts from {shown_start} with its fields pushed")));
            }
        }
        self.normalize();
        Ok(())
    }
}

/// "`A`, `B` and `C`"
fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}
