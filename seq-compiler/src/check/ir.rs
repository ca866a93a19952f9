//! The checked program: a typed intermediate form the emitter turns into Rust.
//!
//! The checker elaborates each body into [`Op`]s. A quotation literal consumed by a
//! combinator is checked where it runs and appears as an inline [`Block`]; a quotation
//! used as a value is checked once on its own and kept in the word's literal table
//! ([`QuotLit`]), from which the emitter builds a closure when it needs the value.
//! Every combinator body records how many stack slots it consumes and produces
//! ([`Sub`]), so the emitter knows which locals a branch or loop touches.
//!
//! Types in the IR may still hold variables; resolve them with the word's unifier.

use crate::ast::Quotation;
use crate::builtins::Builtin;
use crate::types::Ty;
use proc_macro2::TokenStream;

/// Index of a quotation literal in its word's literal table.
pub type QuotKey = usize;

/// A literal value.
#[derive(Clone, Debug)]
pub enum Lit {
    /// An Int.
    Int(i64),
    /// A Float.
    Float(f64),
    /// A Bool.
    Bool(bool),
    /// A String.
    Str(String),
}

/// A sequence of operations on the stack.
#[derive(Clone, Debug, Default)]
pub struct Block {
    /// In order.
    pub ops: Vec<Op>,
}

/// Who a call goes to.
#[derive(Clone, Debug)]
pub enum Callee {
    /// A word of this program, by Rust name.
    Word(String),
    /// A Rust function declared with `extern`.
    Rust(TokenStream),
}

/// One operation.
#[derive(Clone, Debug)]
pub enum Op {
    /// Push a literal.
    Push(Lit),
    /// Push a quotation literal (not yet a value; see [`QuotLit`]).
    PushQuot(QuotKey),
    /// A table builtin with code or a shuffle; `outputs` are the result types.
    Builtin {
        /// The table entry.
        builtin: &'static Builtin,
        /// Result types, bottom first.
        outputs: Vec<Ty>,
    },
    /// Copy the slot at this depth (0 = top) to the top.
    Pick(usize),
    /// Move the slot at this depth to the top.
    Roll(usize),
    /// Move the top slot to the aux stack.
    ToAux,
    /// Move the top aux slot back.
    FromAux,
    /// Call a word or Rust function.
    Call {
        /// The target.
        callee: Callee,
        /// How many slots it takes.
        inputs: usize,
        /// Result types, bottom first.
        outputs: Vec<Ty>,
        /// In tail position (a word of this program called last): a call of the word
        /// itself, or of a word in its group of mutually tail-calling words, becomes a jump.
        tail: bool,
    },
    /// `call`: pops one quotation.
    Apply(Sub),
    /// The body of a word with row variables, expanded in place.
    Expand(Sub),
    /// `dip`: pops a quotation and the value under it; the body runs below that value.
    Dip(Sub),
    /// `keep`: pops a quotation; the body runs on the value under it, which is pushed again.
    Keep(Sub),
    /// `bi`: pops two quotations and a value; each body runs on a copy of it.
    Bi(Sub, Sub),
    /// A conditional: pops `quotes` quotations (2 for `if`, 1 for `when`/`unless`, 0 for
    /// the block form), then the Bool condition.
    If {
        /// How many quotation slots to pop first.
        quotes: usize,
        /// When the condition is true.
        then: Sub,
        /// When it is false.
        otherwise: Sub,
    },
    /// `times`, `each-integer`, `integer-fold`, `list.each/map/filter/fold`: pops a
    /// quotation and the Int count or the List (a fold's accumulator above it); runs the
    /// body that many times, or once per element.
    Times(Sub, Loop),
    /// `strand.spawn`: pops a quotation; a new strand runs the body on copies of the slots
    /// it consumes (the parent keeps its own); pushes the strand's id.
    Spawn(Sub),
}

/// Which counting loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loop {
    /// `times`: the body runs on the stack as it is.
    Times,
    /// `each-integer`: the iteration number (from 0) is pushed before each run.
    EachInteger,
    /// `integer-fold ( Int Acc [ Acc Int -- Acc ] -- Acc )`: the accumulator sits above
    /// the count; the iteration number is pushed before each run.
    Fold,
    /// `list.each`: pops the list instead of a count; each element is pushed in turn.
    ListEach,
    /// `list.map`: as `list.each`; what each run leaves on top goes into a new list.
    ListMap,
    /// `list.filter`: as `list.each`; the elements whose run leaves true form a new list.
    ListFilter,
    /// `list.fold`: the accumulator sits above the list; as `list.each`.
    ListFold,
    /// `map.each`: pops a map; each key and value are pushed in turn (keys in order).
    MapEach,
    /// `map.fold`: the accumulator sits above the map; as `map.each`.
    MapFold,
}

impl Loop {
    /// Whether it iterates over a list or map (else over a count).
    pub fn over_collection(self) -> bool {
        !matches!(self, Loop::Times | Loop::EachInteger | Loop::Fold)
    }

    /// Whether the accumulator of a fold sits above the collection or count.
    pub fn folds(self) -> bool {
        matches!(self, Loop::Fold | Loop::ListFold | Loop::MapFold)
    }
}

/// A body run by a combinator or a branch.
#[derive(Clone, Debug)]
pub struct Sub {
    /// What runs.
    pub code: SubCode,
    /// Slots below the top it consumes (its deepest reach).
    pub consumed: usize,
    /// Slots it leaves in their place.
    pub produced: usize,
}

impl Sub {
    /// A body that does nothing.
    pub fn empty() -> Sub {
        Sub {
            code: SubCode::Inline(Block::default()),
            consumed: 0,
            produced: 0,
        }
    }
}

/// The code of a [`Sub`].
#[derive(Clone, Debug)]
pub enum SubCode {
    /// Checked in place: emitted inline.
    Inline(Block),
    /// A quotation value, called: the `quote`-th popped quotation (counting from the
    /// bottom), taking `consumed` slots and returning `outputs`.
    Value {
        /// Which popped quotation.
        quote: usize,
        /// Result types, bottom first.
        outputs: Vec<Ty>,
    },
}

/// A quotation literal of one word.
#[derive(Clone, Debug)]
pub struct QuotLit<'p> {
    /// The source.
    pub quotation: &'p Quotation,
    /// The type variable every slot holding it has.
    pub var: Ty,
    /// Set once the literal is used as a value: its type and its body checked on its own.
    pub value: Option<(Ty, Sub)>,
}
