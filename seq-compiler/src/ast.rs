//! The syntax tree of a Seq program, as parsed and before any checking.
//!
//! Every node keeps the [`Span`] of the token it came from, so later stages can point
//! diagnostics at it. Types in stack effects are kept as written ([`TypeExpr`]); the
//! checker turns them into signature types.

use crate::diag::Span;
use proc_macro2::TokenStream;

/// A whole program: the items in source order.
#[derive(Debug, Default)]
pub struct Program {
    /// Word definitions and Rust declarations.
    pub items: Vec<Item>,
}

/// A top-level item.
#[derive(Debug)]
pub enum Item {
    /// `: name ( effect ) body ;`
    Word(WordDef),
    /// `: name ( effect ) extern path ;` — a Rust function used as a word.
    Extern(ExternDef),
}

impl Item {
    /// The defined name.
    pub fn name(&self) -> &Name {
        match self {
            Item::Word(w) => &w.name,
            Item::Extern(e) => &e.name,
        }
    }

    /// The declared stack effect.
    pub fn effect(&self) -> &EffectExpr {
        match self {
            Item::Word(w) => &w.effect,
            Item::Extern(e) => &e.effect,
        }
    }
}

/// A word's name where it is defined.
#[derive(Clone, Debug)]
pub struct Name {
    /// The name as written.
    pub text: String,
    /// Where.
    pub span: Span,
}

/// A word defined in Seq.
#[derive(Debug)]
pub struct WordDef {
    /// The name after `:`.
    pub name: Name,
    /// The declared stack effect.
    pub effect: EffectExpr,
    /// The body.
    pub body: Vec<Stmt>,
    /// The closing `;`.
    pub end: Span,
}

/// A Rust function declared as a word.
#[derive(Debug)]
pub struct ExternDef {
    /// The Seq name.
    pub name: Name,
    /// The declared stack effect (concrete types only).
    pub effect: EffectExpr,
    /// The Rust path, as tokens (spanned where it was written).
    pub path: TokenStream,
    /// Where the path is.
    pub path_span: Span,
}

/// A stack effect as written: `( ..a Int -- ..a Bool )`.
#[derive(Clone, Debug)]
pub struct EffectExpr {
    /// Before `--`.
    pub inputs: StackExpr,
    /// After `--`.
    pub outputs: StackExpr,
    /// The whole effect, parentheses included.
    pub span: Span,
}

/// One side of an effect.
#[derive(Clone, Debug)]
pub struct StackExpr {
    /// An explicit row variable `..a` (name without dots).
    pub row: Option<(String, Span)>,
    /// The types, bottom first.
    pub items: Vec<TypeExpr>,
}

/// A type as written.
#[derive(Clone, Debug)]
pub struct TypeExpr {
    /// What type.
    pub kind: TypeKind,
    /// Where.
    pub span: Span,
}

/// The types the embedding knows.
#[derive(Clone, Debug)]
pub enum TypeKind {
    /// `Int`
    Int,
    /// `Float`
    Float,
    /// `Bool`
    Bool,
    /// `String`
    String,
    /// `Channel` (element type inferred) or `Channel<T>`.
    Channel(Option<Box<TypeKind>>),
    /// `List` (element type inferred) or `List<T>`.
    List(Option<Box<TypeKind>>),
    /// `Map` (key and value types inferred) or `Map<K, V>`.
    Map(Option<Box<(TypeKind, TypeKind)>>),
    /// A type variable: one uppercase letter.
    Var(char),
    /// `[ a -- b ]` or `Closure[ a -- b ]`.
    Quotation(Box<EffectExpr>),
}

/// One statement of a body.
#[derive(Clone, Debug)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Its token (for a block `if`, the `if`).
    pub span: Span,
}

/// Statement kinds.
#[derive(Clone, Debug)]
pub enum StmtKind {
    /// An Int literal.
    Int(i64),
    /// A Float literal.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A String literal.
    Str(String),
    /// A word: builtin, user word, or combinator.
    Word(String),
    /// `[ body ]`
    Quotation(Quotation),
    /// The block form `cond if A else B then`.
    If(BlockIf),
}

/// A quotation literal.
#[derive(Clone, Debug)]
pub struct Quotation {
    /// The body.
    pub body: Vec<Stmt>,
    /// The closing `]`.
    pub close: Span,
}

/// `if then-part [else else-part] then`.
#[derive(Clone, Debug)]
pub struct BlockIf {
    /// Runs when the condition is true.
    pub then_body: Vec<Stmt>,
    /// Runs when it is false (empty when there is no `else`).
    pub else_body: Vec<Stmt>,
    /// The closing `then`.
    pub end: Span,
}
