//! The checker's view of the stack while it walks a body.
//!
//! A [`Frame`] is the stack of the body being checked: a row variable (the unknown rest)
//! and [`Slot`]s above it. Each slot has a type, the token that pushed it (for notes such
//! as "the String was pushed by ..."), and, while it holds a quotation literal that is not
//! yet a value, that literal's key.
//!
//! In a quotation checked on its own the row is flexible: popping below the known items
//! refines the row and *prepends* slots. Marks that measure how deep a combinator body
//! reaches are therefore kept in virtual coordinates (index minus the number of slots
//! prepended so far), which prepending does not move.

use super::ir::QuotKey;
use crate::diag::Span;
use crate::types::{RowVar, StackTy, Ty};
use std::rc::Rc;

/// Where a slot's value came from.
#[derive(Clone, Debug)]
pub struct Origin {
    /// The token.
    pub span: Span,
    /// Its text, as the user wrote it.
    pub text: Rc<str>,
}

/// One stack slot during checking.
#[derive(Clone, Debug)]
pub struct Slot {
    /// Its type.
    pub ty: Ty,
    /// What pushed it, when known.
    pub origin: Option<Origin>,
    /// The quotation literal it holds, while that literal is not yet a value.
    pub quot: Option<QuotKey>,
}

impl Origin {
    /// The word `text` at `span`.
    pub fn word(span: Span, text: &str) -> Origin {
        Origin {
            span,
            text: text.into(),
        }
    }
}

impl Slot {
    /// A value of type `ty` that `origin` pushed.
    pub fn pushed_by(ty: Ty, origin: &Origin) -> Slot {
        Slot {
            ty,
            origin: Some(origin.clone()),
            quot: None,
        }
    }

    /// A slot of a known type with no recorded origin.
    pub fn of(ty: Ty) -> Slot {
        Slot {
            ty,
            origin: None,
            quot: None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Mark {
    start: isize,
    low: isize,
}

/// The stack of the body being checked.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Slots above the row, bottom first.
    pub items: Vec<Slot>,
    /// The rest of the stack; unbound whenever the frame is normalized.
    pub row: RowVar,
    /// Slots prepended by refining the row so far.
    pub extended: usize,
    marks: Vec<Mark>,
    /// One aux stack per body being checked (word, quotation, branch).
    pub aux: Vec<Vec<Slot>>,
}

/// What [`Frame::snapshot`] saves: enough to rerun a branch from the same point.
#[derive(Clone, Debug)]
pub struct Snapshot {
    items: Vec<Slot>,
    row: RowVar,
    extended: usize,
}

impl Frame {
    /// An empty frame over `row`.
    pub fn new(row: RowVar, items: Vec<Slot>) -> Frame {
        Frame {
            items,
            row,
            extended: 0,
            marks: Vec::new(),
            aux: vec![Vec::new()],
        }
    }

    /// The frame as a stack type.
    pub fn stack(&self) -> StackTy {
        StackTy {
            row: self.row,
            items: self.items.iter().map(|s| s.ty.clone()).collect(),
        }
    }

    fn virtual_len(&self) -> isize {
        self.items.len() as isize - self.extended as isize
    }

    /// Puts `slots` below the current items (the row was refined to hold them).
    pub fn prepend(&mut self, slots: Vec<Slot>, row: RowVar) {
        self.extended += slots.len();
        let mut items = slots;
        items.append(&mut self.items);
        self.items = items;
        self.row = row;
    }

    /// Removes the top slot. The caller has made sure there is one.
    pub fn pop(&mut self) -> Slot {
        let slot = self.items.pop().expect("checked depth before popping");
        let len = self.virtual_len();
        for mark in &mut self.marks {
            mark.low = mark.low.min(len);
        }
        slot
    }

    /// Pushes a slot.
    pub fn push(&mut self, slot: Slot) {
        self.items.push(slot);
    }

    /// Starts measuring how deep the next body reaches.
    pub fn begin_mark(&mut self) {
        let len = self.virtual_len();
        self.marks.push(Mark {
            start: len,
            low: len,
        });
    }

    /// Ends the innermost measurement: (slots consumed below the start, slots produced).
    pub fn end_mark(&mut self) -> (usize, usize) {
        let mark = self.marks.pop().expect("marks are balanced");
        let consumed = (mark.start - mark.low) as usize;
        let produced = (self.virtual_len() - mark.low) as usize;
        (consumed, produced)
    }

    /// Saves the stack (not the marks) to rerun from here.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            items: self.items.clone(),
            row: self.row,
            extended: self.extended,
        }
    }

    /// Restores a snapshot; the caller normalizes afterwards (the saved row may have been
    /// refined since).
    pub fn restore(&mut self, snapshot: Snapshot) {
        self.items = snapshot.items;
        self.row = snapshot.row;
        self.extended = snapshot.extended;
    }
}
