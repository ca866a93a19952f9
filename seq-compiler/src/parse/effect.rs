//! Stack effects: `( ..a Int [ ..a -- ..b ] -- ..b Bool )`.
//!
//! An effect has exactly one `--`; each side is an optional row variable `..name` followed
//! by types. Types are `Int Float Bool String`, `Channel`, `List` and `Map` (element types
//! inferred) or `Channel<T>`, `List<T>`, `Map<K, V>` (written out, an embedding extension), a single uppercase letter (a type
//! variable), or a quotation type `[ a -- b ]` (also written `Closure[ a -- b ]`).

use super::{unterminated, Parser, MAX_TYPE_DEPTH};
use crate::ast::{EffectExpr, Name, StackExpr, TypeExpr, TypeKind};
use crate::diag::{Diagnostic, Span};
use crate::lex::{Delim, Kind, Token};
use crate::suggest::did_you_mean;

/// Type names the embedding knows.
pub(crate) const TYPE_NAMES: &[&str] = &[
    "Int", "Float", "Bool", "String", "Symbol", "Variant", "Channel", "List", "Map", "Weave",
    "Ctx", "Socket",
];

impl Parser<'_> {
    /// The effect after a word's name.
    pub(crate) fn effect(&mut self, name: &Name) -> Result<EffectExpr, Diagnostic> {
        match self.next() {
            Some(t) if t.kind == Kind::Open(Delim::Paren) => {
                let effect = self.effect_body(t, Delim::Paren, name)?;
                let sides = [&effect.inputs, &effect.outputs];
                if sides.iter().any(|s| s.items.iter().any(|t| depth(&t.kind) > MAX_TYPE_DEPTH)) {
                    return Err(too_deep(effect.span));
                }
                Ok(effect)
            }
            Some(t) => Err(Diagnostic::new(
                t.span,
                format!(
                    "`{}` needs a stack effect after its name, e.g. `: {} ( Int -- Int )`, found `{}`",
                    name.text, name.text, t.text
                ),
            )),
            None => Err(unterminated(name, self.end_span())),
        }
    }

    /// Everything after the opening delimiter up to the matching close.
    pub(super) fn effect_body(
        &mut self,
        open: &Token,
        close: Delim,
        name: &Name,
    ) -> Result<EffectExpr, Diagnostic> {
        if self.nesting > MAX_TYPE_DEPTH {
            return Err(too_deep(open.span));
        }
        self.nesting += 1;
        let effect = self.effect_sides(open, close, name);
        self.nesting -= 1;
        effect
    }

    fn effect_sides(
        &mut self,
        open: &Token,
        close: Delim,
        name: &Name,
    ) -> Result<EffectExpr, Diagnostic> {
        let mut sides: Vec<StackExpr> = vec![StackExpr {
            row: None,
            items: Vec::new(),
        }];
        let mut separator: Option<Span> = None;
        let mut yields: Option<TypeExpr> = None;
        loop {
            let Some(token) = self.next() else {
                return Err(missing_close(open, close, self.end_span()));
            };
            let side = sides.last_mut().expect("one side at least");
            match &token.kind {
                Kind::Close(d) if *d == close => {
                    if separator.is_none() {
                        return Err(Diagnostic::new(
                            open.span.to(token.span),
                            "a stack effect needs `--` between its inputs and its outputs",
                        )
                        .help("write `( inputs -- outputs )`, e.g. `( Int Int -- Int )`"));
                    }
                    let outputs = sides.pop().expect("two sides");
                    let inputs = sides.pop().expect("two sides");
                    return Ok(EffectExpr {
                        inputs,
                        outputs,
                        yields,
                        span: open.span.to(token.span),
                    });
                }
                Kind::Open(Delim::Bracket) => {
                    let inner = self.effect_body(token, Delim::Bracket, name)?;
                    side.items.push(TypeExpr {
                        span: inner.span,
                        kind: TypeKind::Quotation(Box::new(inner)),
                    });
                }
                Kind::Word(w) if w == "--" => {
                    if let Some(first) = separator {
                        return Err(Diagnostic::new(
                            token.span,
                            "a stack effect has exactly one `--`",
                        )
                        .note(format!("the first `--` is at {}", first.start)));
                    }
                    separator = Some(token.span);
                    sides.push(StackExpr {
                        row: None,
                        items: Vec::new(),
                    });
                }
                Kind::Word(w) if w == ";" || w == ":" => {
                    return Err(missing_close(open, close, token.span));
                }
                Kind::Word(w) if w == "|" => {
                    yields = Some(self.yield_annotation(token, close, separator.is_some())?);
                }
                Kind::Word(w) if w.starts_with("..") => {
                    let row = &w[2..];
                    if !row.starts_with(|c: char| c.is_ascii_lowercase()) {
                        return Err(Diagnostic::new(
                            token.span,
                            format!("`{w}`: a row variable is `..` and a name starting with a lowercase letter, e.g. `..a`"),
                        ));
                    }
                    if side.row.is_some() || !side.items.is_empty() {
                        return Err(Diagnostic::new(
                            token.span,
                            format!("the row variable `{w}` must come first on its side of `--`"),
                        ));
                    }
                    side.row = Some((row.to_string(), token.span));
                }
                Kind::Word(w) if w == "Closure" => match self.next() {
                    Some(t) if t.kind == Kind::Open(Delim::Bracket) => {
                        let inner = self.effect_body(t, Delim::Bracket, name)?;
                        side.items.push(TypeExpr {
                            span: token.span.to(inner.span),
                            kind: TypeKind::Closure(Box::new(inner)),
                        });
                    }
                    _ => {
                        return Err(Diagnostic::new(
                            token.span,
                            "`Closure` must be followed by its effect: `Closure[ Int -- Int ]`",
                        ))
                    }
                },
                Kind::Word(w) if w.contains('<') => {
                    let item = self.generic_type(token, name)?;
                    side.items.push(item);
                }
                Kind::Word(w) => side.items.push(TypeExpr {
                    kind: type_name(w, token.span)?,
                    span: token.span,
                }),
                _ => {
                    return Err(Diagnostic::new(
                        token.span,
                        format!(
                            "expected a type in the stack effect, found `{}`",
                            token.text
                        ),
                    ))
                }
            }
        }
    }
}

impl Parser<'_> {
    /// `| Yield T` at the end of an effect (the `|` consumed); the closing delimiter must
    /// follow.
    fn yield_annotation(
        &mut self,
        bar: &Token,
        close: Delim,
        after_outputs: bool,
    ) -> Result<TypeExpr, Diagnostic> {
        let malformed = |span: Span| {
            Diagnostic::new(span, "a yield annotation is `| Yield T` at the end of the effect, after the outputs: `( Ctx Int -- | Yield Int )`")
        };
        if !after_outputs || !self.next().is_some_and(|t| t.is("Yield")) {
            return Err(malformed(bar.span));
        }
        let ty = match self.next() {
            Some(t) if t.word().is_some_and(|w| w.contains('<')) => {
                let name = Name {
                    text: "Yield".into(),
                    span: t.span,
                };
                self.generic_type(t, &name)?
            }
            Some(t) => match t.word() {
                Some(w) => TypeExpr {
                    kind: type_name(w, t.span)?,
                    span: t.span,
                },
                None => return Err(malformed(t.span)),
            },
            None => return Err(malformed(bar.span)),
        };
        match self.peek() {
            Some(t) if t.kind == Kind::Close(close) => Ok(ty),
            Some(t) => Err(malformed(t.span)),
            None => Err(malformed(bar.span)),
        }
    }
}

/// A piece of a generic type: a name, `<`, `,`, `>`, or a whole quotation type.
enum Part {
    Symbol(String),
    Quotation(TypeKind),
}

impl Parser<'_> {
    /// `List<Int>`, `Map<String, Int>`, `List<[ Int -- Int ]>`: Rust splits these at
    /// spaces and brackets, so the pieces are collected until the angle brackets balance.
    fn generic_type(&mut self, first: &Token, name: &Name) -> Result<TypeExpr, Diagnostic> {
        let mut parts = Vec::new();
        let mut span = first.span;
        let mut depth = split_parts(&first.text, &mut parts);
        while depth > 0 {
            let Some(token) = self.next() else {
                return Err(unbalanced(first, span));
            };
            span = span.to(token.span);
            match &token.kind {
                Kind::Word(w) if w != "--" && w != ";" => depth += split_parts(w, &mut parts),
                Kind::Open(Delim::Bracket) => {
                    let inner = self.effect_body(token, Delim::Bracket, name)?;
                    span = span.to(inner.span);
                    // `Closure[ .. ]` inside the angle brackets.
                    let closure = matches!(parts.last(), Some(Part::Symbol(s)) if s == "Closure");
                    if closure {
                        parts.pop();
                        parts.push(Part::Quotation(TypeKind::Closure(Box::new(inner))));
                    } else {
                        parts.push(Part::Quotation(TypeKind::Quotation(Box::new(inner))));
                    }
                }
                _ => return Err(unbalanced(first, span)),
            }
        }
        let mut at = 0;
        let kind = generic_of(&parts, &mut at, span)?;
        if at != parts.len() || depth < 0 {
            return Err(unbalanced(first, span));
        }
        Ok(TypeExpr { kind, span })
    }
}

/// A generic type written as one piece of text (`Map<String, Int>` inside a union's
/// braces, where the parser reads text): `List<T>`, `Map<K, V>`, ... or a plain name.
pub(crate) fn generic_text(text: &str, span: Span) -> Result<TypeKind, Diagnostic> {
    let mut parts = Vec::new();
    let depth = split_parts(text, &mut parts);
    let mut at = 0;
    let kind = generic_of(&parts, &mut at, span)?;
    if depth != 0 || at != parts.len() {
        return Err(malformed_generic(span));
    }
    Ok(kind)
}

/// Splits a word at `<`, `,` and `>`; returns how many more `<` than `>` it has.
fn split_parts(word: &str, parts: &mut Vec<Part>) -> i32 {
    let mut depth = 0;
    let mut name = String::new();
    for c in word.chars() {
        if matches!(c, '<' | ',' | '>') {
            if !name.is_empty() {
                parts.push(Part::Symbol(std::mem::take(&mut name)));
            }
            parts.push(Part::Symbol(c.to_string()));
            depth += match c {
                '<' => 1,
                '>' => -1,
                _ => 0,
            };
        } else {
            name.push(c);
        }
    }
    if !name.is_empty() {
        parts.push(Part::Symbol(name));
    }
    depth
}

/// type := quotation | NAME [ `<` type { `,` type } `>` ]
fn generic_of(parts: &[Part], at: &mut usize, span: Span) -> Result<TypeKind, Diagnostic> {
    let symbol = |at: usize| match parts.get(at) {
        Some(Part::Symbol(s)) => Some(s.as_str()),
        _ => None,
    };
    let head = match parts.get(*at) {
        Some(Part::Quotation(q)) => {
            *at += 1;
            return Ok(q.clone());
        }
        Some(Part::Symbol(s)) if !matches!(s.as_str(), "<" | "," | ">") => s.clone(),
        _ => return Err(malformed_generic(span)),
    };
    *at += 1;
    if symbol(*at) != Some("<") {
        return type_name(&head, span);
    }
    *at += 1;
    let mut args = vec![generic_of(parts, at, span)?];
    while symbol(*at) == Some(",") {
        *at += 1;
        args.push(generic_of(parts, at, span)?);
    }
    if symbol(*at) != Some(">") {
        return Err(malformed_generic(span));
    }
    *at += 1;
    let mut args = args.into_iter();
    Ok(match (head.as_str(), args.len()) {
        ("List", 1) => TypeKind::List(args.next().map(Box::new)),
        ("Channel", 1) => TypeKind::Channel(args.next().map(Box::new)),
        ("Weave" | "Ctx", 1 | 2) => {
            let y = args.next().expect("one at least");
            let r = args.next().unwrap_or_else(|| y.clone());
            let pair = Some(Box::new((y, r)));
            match head.as_str() {
                "Weave" => TypeKind::Weave(pair),
                _ => TypeKind::Ctx(pair),
            }
        }
        ("Map", 2) => {
            let (k, v) = (args.next().expect("two"), args.next().expect("two"));
            TypeKind::Map(Some(Box::new((k, v))))
        }
        _ => {
            return Err(Diagnostic::new(
                span,
                format!("`{head}` with {} type argument(s): the generic types are List<T>, Channel<T>, Map<K, V>, Weave<T> or Weave<Y, R>, and Ctx<T> or Ctx<Y, R>", args.len()),
            ))
        }
    })
}

/// How deeply a type nests: 1 for a name, one more for each generic or quotation level.
fn depth(kind: &TypeKind) -> usize {
    let items = |e: &EffectExpr| {
        let sides = [&e.inputs, &e.outputs];
        sides
            .into_iter()
            .flat_map(|s| &s.items)
            .map(|t| depth(&t.kind))
            .max()
            .unwrap_or(0)
    };
    1 + match kind {
        TypeKind::Channel(Some(t)) | TypeKind::List(Some(t)) => depth(t),
        TypeKind::Map(Some(kv)) | TypeKind::Weave(Some(kv)) | TypeKind::Ctx(Some(kv)) => {
            depth(&kv.0).max(depth(&kv.1))
        }
        TypeKind::Quotation(e) => items(e),
        _ => 0,
    }
}

fn too_deep(span: Span) -> Diagnostic {
    Diagnostic::new(
        span,
        format!("types are nested too deeply here: at most {MAX_TYPE_DEPTH} levels"),
    )
}

fn unbalanced(first: &Token, span: Span) -> Diagnostic {
    Diagnostic::new(
        span,
        format!(
            "`{}...`: the `<` of this type has no matching `>`",
            first.text
        ),
    )
}

fn malformed_generic(span: Span) -> Diagnostic {
    Diagnostic::new(
        span,
        "a generic type is written `List<T>`, `Channel<T>` or `Map<K, V>`",
    )
}

fn missing_close(open: &Token, close: Delim, at: Span) -> Diagnostic {
    Diagnostic::new(
        open.span,
        format!("unterminated stack effect: missing `{}`", close.close()),
    )
    .note(format!("reached {} without it", at.start))
}

pub(crate) fn type_name(word: &str, span: Span) -> Result<TypeKind, Diagnostic> {
    Ok(match word {
        "Int" => TypeKind::Int,
        "Float" => TypeKind::Float,
        "Bool" => TypeKind::Bool,
        "String" => TypeKind::String,
        "Symbol" => TypeKind::Symbol,
        "Variant" => TypeKind::Variant,
        "Channel" => TypeKind::Channel(None),
        "Weave" => TypeKind::Weave(None),
        "Ctx" => TypeKind::Ctx(None),
        "List" => TypeKind::List(None),
        "Map" => TypeKind::Map(None),
        w if w.len() == 1 && w.starts_with(|c: char| c.is_ascii_uppercase()) => {
            TypeKind::Var(w.chars().next().expect("one char"))
        }
        // A union or a declared Rust type: the checker knows them all.
        w if super::data::is_type_name(w) => TypeKind::Named(w.to_string()),
        w => return Err(unknown_type(w, span, &[])),
    })
}

/// "unknown type `Intt` in a stack effect", with a suggestion among the builtin types and
/// the program's own (`known`).
pub(crate) fn unknown_type(word: &str, span: Span, known: &[&str]) -> Diagnostic {
    let d = Diagnostic::new(span, format!("unknown type `{word}` in a stack effect"));
    if matches!(word, "->" | "=>" | "-" | "---" | "—" | "→") {
        return d.help("inputs and outputs are separated by `--`: `( Int -- Int )`");
    }
    let candidates = TYPE_NAMES.iter().chain(known).copied();
    match did_you_mean(word, candidates) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("types are Int, Float, Bool, String, Symbol, Variant, Channel or Channel<T>, List or List<T>, Map or Map<K, V>, Socket, a union or a `type` the program declares, a single uppercase letter for a type variable, or [ a -- b ] for a quotation"),
    }
}

#[cfg(test)]
mod tests {
    use crate::ast::{Item, TypeKind};
    use crate::lex::text::lex;
    use crate::parse::parse;

    fn effect(src: &str) -> crate::ast::EffectExpr {
        let p = parse(&lex(&format!(": f {src} ;")).unwrap()).unwrap();
        let Item::Word(w) = &p.items[0] else { panic!() };
        w.effect.clone()
    }

    fn error(src: &str) -> String {
        parse(&lex(&format!(": f {src} ;")).unwrap())
            .unwrap_err()
            .message
    }

    #[test]
    fn rows_types_and_quotations() {
        let e = effect("( ..a Int [ ..a -- ..b ] -- ..b T )");
        assert_eq!(e.inputs.row.as_ref().unwrap().0, "a");
        assert_eq!(e.inputs.items.len(), 2);
        let TypeKind::Quotation(q) = &e.inputs.items[1].kind else {
            panic!()
        };
        assert_eq!(q.outputs.row.as_ref().unwrap().0, "b");
        assert!(matches!(e.outputs.items[0].kind, TypeKind::Var('T')));
        let e = effect("( Closure[ Int -- Int ] -- )");
        assert!(matches!(e.inputs.items[0].kind, TypeKind::Closure(_)));
        assert!(effect("( -- )").inputs.items.is_empty());
    }

    #[test]
    fn malformed_effects() {
        assert!(error("( Int -- -- Int )").contains("exactly one `--`"));
        assert!(error("( Int Int )").contains("needs `--`"));
        assert!(error("( int -- )").contains("did you mean `Int`?"));
        assert!(error("( Int ..a -- )").contains("must come first"));
        assert!(error("( ..A -- )").contains("lowercase"));
        assert!(
            matches!(effect("( Symbol Shape -- )").inputs.items[1].kind, TypeKind::Named(ref n) if n == "Shape")
        );
        assert!(error("( Map<Int> -- )").contains("1 type argument(s)"));
        assert!(error("( List<Int -- )").contains("no matching `>`"));
        assert!(error("( List<> -- )").contains("is written"));
        assert!(error("( 5 -- )").contains("expected a type"));
        assert!(error("Int -- )").contains("needs a stack effect"));
        assert!(error("( Int -- Int").contains("missing `)`"));
    }
}
