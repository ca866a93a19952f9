//! The syntax tree of a Seq program, as parsed and before any checking.
//!
//! Every node keeps the [`Span`] of the token it came from, so later stages can point
//! diagnostics at it. Types in stack effects are kept as written ([`TypeExpr`]); the
//! checker turns them into signature types. Definitions, unions, variants, fields and
//! types keep the doc comment written before them (`doc`), which becomes the rustdoc of
//! the Rust items they generate.

use crate::diag::Span;
use proc_macro2::TokenStream;

/// A whole program: the items in source order.
#[derive(Debug, Default)]
pub struct Program {
    /// Word definitions and Rust declarations.
    pub items: Vec<Item>,
    /// `use` declarations of words defined in other macro blocks, resolved (into
    /// [`Item::Extern`]s) before checking.
    pub uses: Vec<UseDecl>,
}

/// `use crate::parse::{ parse-line tokenize } from "src/parse.seq" ;` — words of a `.seq`
/// file that an `include_seq!` compiles in the Rust module `crate::parse`, used here
/// without restating their effects.
#[derive(Debug)]
pub struct UseDecl {
    /// The Rust module path, as written without its trailing `::`.
    pub module: String,
    /// Where the module path is.
    pub module_span: Span,
    /// The words, as written between the braces.
    pub words: Vec<Name>,
    /// The file (the string literal, as written, with its span).
    pub file: Name,
}

/// A top-level item.
#[derive(Debug)]
pub enum Item {
    /// `: name ( effect ) body ;`
    Word(WordDef),
    /// `: name ( effect ) extern path ;` — a Rust function used as a word.
    Extern(ExternDef),
    /// `union Name { Variant { field: Type, ... } ... }`
    Union(UnionDef),
    /// `type Name = rust::Path ;` — a Rust type used in stack effects.
    Type(TypeDef),
    /// `include "file"` or `include std:NAME`, resolved before checking.
    Include(Include),
}

/// An `include`.
#[derive(Debug)]
pub struct Include {
    /// What is included: `std:NAME`, or a path without its `.seq` (as written, with the
    /// span of the string literal).
    pub target: Name,
    /// Whether it names a standard module.
    pub std: bool,
}

impl Item {
    /// The defined name.
    pub fn name(&self) -> &Name {
        match self {
            Item::Word(w) => &w.name,
            Item::Extern(e) => &e.name,
            Item::Union(u) => &u.name,
            Item::Type(t) => &t.name,
            Item::Include(i) => &i.target,
        }
    }

    /// The declared stack effect of a word (`None` for a union or type).
    pub fn effect(&self) -> Option<&EffectExpr> {
        match self {
            Item::Word(w) => Some(&w.effect),
            Item::Extern(e) => Some(&e.effect),
            Item::Union(_) | Item::Type(_) | Item::Include(_) => None,
        }
    }
}

/// A union: a nominal sum type, which becomes a Rust enum.
#[derive(Debug)]
pub struct UnionDef {
    /// The union's name.
    pub name: Name,
    /// Its doc comment, one entry per line as rustdoc reads it (empty when there is none).
    pub doc: Vec<String>,
    /// Its variants, in order.
    pub variants: Vec<VariantDef>,
}

/// One variant of a union.
#[derive(Debug)]
pub struct VariantDef {
    /// The variant's name.
    pub name: Name,
    /// Its doc comment, one entry per line as rustdoc reads it (empty when there is none).
    pub doc: Vec<String>,
    /// Its fields, in declaration order.
    pub fields: Vec<FieldDef>,
}

/// `name: Type`
#[derive(Debug)]
pub struct FieldDef {
    /// The field's name.
    pub name: Name,
    /// Its doc comment, one entry per line as rustdoc reads it (empty when there is none).
    pub doc: Vec<String>,
    /// Its type.
    pub ty: TypeExpr,
}

/// A Rust type given a Seq name.
#[derive(Debug)]
pub struct TypeDef {
    /// The Seq name.
    pub name: Name,
    /// Its doc comment, one entry per line as rustdoc reads it (empty when there is none).
    pub doc: Vec<String>,
    /// The Rust path, as tokens.
    pub path: TokenStream,
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
    /// Its doc comment, one entry per line as rustdoc reads it (empty when there is none).
    pub doc: Vec<String>,
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
    /// Its doc comment, one entry per line as rustdoc reads it (empty when there is none).
    pub doc: Vec<String>,
    /// The declared stack effect (concrete types only).
    pub effect: EffectExpr,
    /// The Rust path, as tokens (spanned where it was written).
    pub path: TokenStream,
    /// Where the path is.
    pub path_span: Span,
    /// `extern async`: the function returns a future (an `async fn`); the word waits.
    pub is_async: bool,
}

/// A stack effect as written: `( ..a Int -- ..a Bool )`.
#[derive(Clone, Debug)]
pub struct EffectExpr {
    /// Before `--`.
    pub inputs: StackExpr,
    /// After `--`.
    pub outputs: StackExpr,
    /// `| Yield T`: the type a word that yields (inside a weave) yields.
    pub yields: Option<TypeExpr>,
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
    /// `Symbol`
    Symbol,
    /// `Variant`
    Variant,
    /// Any other capitalised name: a union or a declared Rust type, resolved by the
    /// checker.
    Named(String),
    /// `Channel` (element type inferred) or `Channel<T>`.
    Channel(Option<Box<TypeKind>>),
    /// `List` (element type inferred) or `List<T>`.
    List(Option<Box<TypeKind>>),
    /// `Weave`, `Weave<T>` or `Weave<Y, R>`: a weave's handle (what it yields, what it
    /// is resumed with).
    Weave(Option<Box<(TypeKind, TypeKind)>>),
    /// `Ctx`, `Ctx<T>` or `Ctx<Y, R>`: a weave's context.
    Ctx(Option<Box<(TypeKind, TypeKind)>>),
    /// `Map` (key and value types inferred) or `Map<K, V>`.
    Map(Option<Box<(TypeKind, TypeKind)>>),
    /// A type variable: one uppercase letter.
    Var(char),
    /// `[ a -- b ]`.
    Quotation(Box<EffectExpr>),
    /// `Closure[ a -- b ]`: a quotation that may capture values.
    Closure(Box<EffectExpr>),
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
    /// A Symbol literal `:name` (the name without the colon).
    Symbol(String),
    /// `match Variant -> ... end`
    Match(Match),
}

/// `match arms end`: pops a union value and runs the arm of its variant.
#[derive(Clone, Debug)]
pub struct Match {
    /// The arms, in source order.
    pub arms: Vec<MatchArm>,
    /// The closing `end`.
    pub end: Span,
}

/// `Variant ->` or `Variant { >field ... } ->`, then the arm's body.
#[derive(Clone, Debug)]
pub struct MatchArm {
    /// The variant.
    pub variant: Name,
    /// The fields pushed, when written in braces; all fields when `None`.
    pub bindings: Option<Vec<Name>>,
    /// What runs.
    pub body: Vec<Stmt>,
    /// The `->`, where the arm's body begins.
    pub arrow: Span,
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
