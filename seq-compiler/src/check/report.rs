//! Wording of type errors: stacks and notes rendered in Seq terms.

use super::frame::Slot;
use super::unify::Unifier;
use crate::diag::Diagnostic;
use crate::types::{show_sig_ty, SigTy};

/// How many slots (from the top) a message shows.
const SHOWN: usize = 8;

/// Renders slots as `( Int String )`, eliding all but the top few.
pub fn show_slots(u: &Unifier, slots: &[Slot]) -> String {
    let skip = slots.len().saturating_sub(SHOWN);
    let mut out = String::from("(");
    if skip > 0 {
        out.push_str(" ...");
    }
    for slot in &slots[skip..] {
        out.push(' ');
        out.push_str(&match slot.quot {
            Some(_) if matches!(u.shallow(&slot.ty), crate::types::Ty::Var(_)) => {
                "[ quotation ]".to_string()
            }
            _ => u.show(&slot.ty),
        });
    }
    out.push_str(" )");
    out
}

/// Renders signature types as `( Int Int )`.
pub fn show_needs(items: &[SigTy]) -> String {
    let mut out = String::from("(");
    for item in items {
        out.push(' ');
        out.push_str(&show_sig_ty(item));
    }
    out.push_str(" )");
    out
}

/// Adds "the String was pushed by `"a"` at 3:9" when the slot's origin is known.
pub fn with_origin(d: Diagnostic, u: &Unifier, slot: &Slot) -> Diagnostic {
    match &slot.origin {
        Some(origin) => {
            let ty = match slot.quot {
                Some(_) => "quotation".to_string(),
                None => u.show(&slot.ty),
            };
            d.note(format!(
                "the {ty} was pushed by `{}` at {}",
                origin.text, origin.span.start
            ))
        }
        None => d,
    }
}
