//! Data definitions: `union Name { Variant { field: Type, ... } ... }` and
//! `type Name = rust::Path ;`.
//!
//! Inside a union's braces Rust's and Seq's lexers both glue `r:` and `Float,` into single
//! words, so a field list is read as text pieces split at `:` and `,` (not inside a
//! generic type's angle brackets: `Map<String, Int>`), each keeping the span of the token
//! it came from; a quotation type (`[ Int -- Int ]`, `Closure[ .. ]`) is parsed whole.
//! Commas between fields are optional (`{ w: Int h: Int }` is `{ w: Int, h: Int }`).
//! Which types are allowed is the checker's decision.

use super::effect::{generic_text, type_name};
use super::{Parser, RustPath};
use crate::ast::{
    FieldDef, Include, Item, Name, TypeDef, TypeExpr, TypeKind, UnionDef, VariantDef,
};
use crate::diag::{Diagnostic, Span};
use crate::lex::{Delim, Kind, Token};

impl Parser<'_> {
    /// `union Name { Variant { field: Type, ... } ... }` (commas between fields optional)
    pub(crate) fn union_def(&mut self) -> Result<Item, Diagnostic> {
        let doc = self.take_next_doc();
        let keyword = self.next().expect("at `union`");
        let name = self.type_name_after(keyword, "union")?;
        match self.next() {
            Some(t) if t.kind == Kind::Open(Delim::Brace) => {}
            other => {
                return Err(Diagnostic::new(
                    other.map_or(name.span, |t| t.span),
                    format!(
                        "expected `{{` after `union {}`, e.g. `union {} {{ A {{ x: Int }} B }}`",
                        name.text, name.text
                    ),
                ))
            }
        }
        let mut variants = Vec::new();
        loop {
            let Some(token) = self.next() else {
                return Err(unterminated_union(&name));
            };
            match &token.kind {
                Kind::Close(Delim::Brace) => break,
                Kind::Word(w) if is_type_name(w) => {
                    let variant_doc = self.take_doc(self.at - 1);
                    let fields = if self.peek().is_some_and(|t| t.kind == Kind::Open(Delim::Brace)) {
                        self.next();
                        self.fields(&name)?
                    } else {
                        Vec::new()
                    };
                    variants.push(VariantDef {
                        doc: variant_doc,
                        name: Name {
                            text: w.clone(),
                            span: token.span,
                        },
                        fields,
                    });
                }
                _ => {
                    return Err(Diagnostic::new(
                        token.span,
                        format!("expected a variant of `{}` (a capitalised name, optionally followed by `{{ field: Type, ... }}`) or `}}`, found `{}`", name.text, token.text),
                    ))
                }
            }
        }
        Ok(Item::Union(UnionDef {
            doc,
            name,
            variants,
        }))
    }

    /// `type Name = rust::Path ;`
    pub(crate) fn type_def(&mut self) -> Result<Item, Diagnostic> {
        let doc = self.take_next_doc();
        let keyword = self.next().expect("at `type`");
        let name = self.type_name_after(keyword, "type")?;
        match self.next() {
            Some(t) if t.is("=") => {
                let (path, _) = self.rust_path(t, &name, RustPath::Type)?;
                Ok(Item::Type(TypeDef { doc, name, path }))
            }
            other => Err(Diagnostic::new(
                other.map_or(name.span, |t| t.span),
                format!(
                    "expected `=` and a Rust type: `type {} = crate::path::{} ;`",
                    name.text, name.text
                ),
            )),
        }
    }

    /// `include "name"` or `include std:NAME`
    pub(crate) fn include(&mut self) -> Result<Item, Diagnostic> {
        let keyword = self.next().expect("at `include`");
        let expected = |span: Span| {
            Diagnostic::new(span, "expected a file name after `include`: `include \"other\"` (for other.seq) or `include std:NAME`")
        };
        let Some(token) = self.next() else {
            return Err(expected(keyword.span));
        };
        let (text, std) = match &token.kind {
            Kind::Str(path) if !path.is_empty() => (path.clone(), false),
            Kind::Word(w) if w.starts_with("std:") && w.len() > 4 => (w[4..].to_string(), true),
            _ => return Err(expected(token.span)),
        };
        Ok(Item::Include(Include {
            target: Name {
                text,
                span: token.span,
            },
            std,
        }))
    }

    fn type_name_after(&mut self, keyword: &Token, what: &str) -> Result<Name, Diagnostic> {
        match self.next() {
            Some(t) if t.word().is_some_and(is_type_name) => Ok(Name {
                text: t.text.clone(),
                span: t.span,
            }),
            Some(t) => Err(Diagnostic::new(
                t.span,
                format!("the name of a `{what}` is a capitalised name of letters, digits and `_` (not a single letter, which is a type variable, nor `Self`), found `{}`", t.text),
            )),
            None => Err(Diagnostic::new(
                keyword.span,
                format!("expected a name after `{what}`"),
            )),
        }
    }

    /// The fields of a variant, after its `{` and up to the matching `}`.
    fn fields(&mut self, union: &Name) -> Result<Vec<FieldDef>, Diagnostic> {
        let mut pieces: Vec<Piece> = Vec::new();
        // Where each token's text begins: (pieces before it, its index), for field docs.
        let mut starts: Vec<(usize, usize)> = Vec::new();
        let mut angles = 0;
        let close = loop {
            let Some(token) = self.next() else {
                return Err(unterminated_union(union));
            };
            match &token.kind {
                Kind::Close(Delim::Brace) => break token.span,
                // A quotation type, `Closure[ .. ]` when the piece before says so.
                Kind::Open(Delim::Bracket) => {
                    let effect = self.effect_body(token, Delim::Bracket, union)?;
                    let span = effect.span;
                    let closure = matches!(pieces.last(), Some(Piece::Text(t, _)) if t == "Closure");
                    let kind = if closure {
                        pieces.pop();
                        TypeKind::Closure(Box::new(effect))
                    } else {
                        TypeKind::Quotation(Box::new(effect))
                    };
                    pieces.push(Piece::Type(TypeExpr { kind, span }));
                }
                Kind::Open(_) | Kind::Close(_) => {
                    return Err(Diagnostic::new(
                        token.span,
                        format!("unexpected `{}` in a variant's fields: fields are written `{{ name: Type, ... }}`", token.text),
                    ))
                }
                _ => {
                    starts.push((pieces.len(), self.at - 1));
                    split_field_text(&token.text, token.span, &mut pieces, &mut angles)
                }
            }
        };
        let mut fields = Vec::new();
        let mut at = 0;
        let expected = |span: Span, what: &str| {
            Diagnostic::new(
                span,
                format!("expected {what} in a variant's fields: fields are written `{{ name: Type, ... }}`"),
            )
        };
        while at < pieces.len() {
            let (name, name_span) = match &pieces[at] {
                Piece::Text(name, span) if name != ":" && name != "," => (name.clone(), *span),
                other => return Err(expected(other.span(), "a field name")),
            };
            match pieces.get(at + 1) {
                Some(Piece::Text(colon, _)) if colon == ":" => {}
                Some(other) => return Err(expected(other.span(), "`:` after the field name")),
                None => return Err(expected(close, "`:` after the field name")),
            }
            let ty = match pieces.get(at + 2) {
                Some(Piece::Text(ty, span)) if ty != ":" && ty != "," => TypeExpr {
                    kind: match ty.contains('<') {
                        true => generic_text(ty, *span)?,
                        false => type_name(ty, *span)?,
                    },
                    span: *span,
                },
                Some(Piece::Type(ty)) => ty.clone(),
                Some(other) => return Err(expected(other.span(), "the field's type")),
                None => return Err(expected(close, "the field's type")),
            };
            // A doc comment belongs to the field whose name begins the token after it.
            let doc = match starts.iter().rev().find(|(piece, _)| *piece == at) {
                Some(&(_, token)) => self.take_doc(token),
                None => Vec::new(),
            };
            fields.push(FieldDef {
                doc,
                name: Name {
                    text: name,
                    span: name_span,
                },
                ty,
            });
            at += 3;
            // Commas between fields are optional, as upstream's; one may follow the last.
            if matches!(pieces.get(at), Some(Piece::Text(piece, _)) if piece == ",") {
                at += 1;
            }
        }
        Ok(fields)
    }
}

/// A piece of a variant's field list: text split at `:` and `,` (but not inside the angle
/// brackets of a generic type), or a quotation type parsed whole.
enum Piece {
    Text(String, Span),
    Type(TypeExpr),
}

impl Piece {
    fn span(&self) -> Span {
        match self {
            Piece::Text(_, span) => *span,
            Piece::Type(ty) => ty.span,
        }
    }
}

/// Union, variant and type names: capitalised, more than one character, letters, digits
/// and `_`.
pub(crate) fn is_type_name(word: &str) -> bool {
    // `Self` is a Rust keyword: no enum, variant or type can have that name.
    word.len() > 1
        && word != "Self"
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn split_field_text(text: &str, span: Span, pieces: &mut Vec<Piece>, angles: &mut i32) {
    // A generic type split over several tokens (`Map<String,` `Int>`) is one piece.
    let push = |pieces: &mut Vec<Piece>, text: String| match pieces.last_mut() {
        Some(Piece::Text(last, last_span)) if last.contains('<') && !last.ends_with('>') => {
            last.push_str(&text);
            *last_span = last_span.to(span);
        }
        _ => pieces.push(Piece::Text(text, span)),
    };
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '<' => *angles += 1,
            '>' => *angles -= 1,
            _ => {}
        }
        if (c == ':' || c == ',') && *angles <= 0 {
            if !current.is_empty() {
                push(pieces, std::mem::take(&mut current));
            }
            pieces.push(Piece::Text(c.to_string(), span));
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        push(pieces, current);
    }
}

fn unterminated_union(name: &Name) -> Diagnostic {
    Diagnostic::new(
        name.span,
        format!("unterminated union `{}`: missing `}}`", name.text),
    )
}

#[cfg(test)]
mod tests {
    use crate::ast::{Item, TypeKind};
    use crate::lex::text::lex;
    use crate::parse::parse;

    fn error(src: &str) -> String {
        parse(&lex(src).unwrap()).unwrap_err().message
    }

    #[test]
    fn field_types_may_be_generic_or_quotations() {
        let p = parse(
            &lex("union Uu { Vv { a: Map<String, Int> b: [ Int -- Int ] c: Closure[ Int -- Int ], d: List<List<Int>> } }")
                .unwrap(),
        )
        .unwrap();
        let Item::Union(u) = &p.items[0] else {
            panic!()
        };
        let kinds: Vec<&TypeKind> = u.variants[0].fields.iter().map(|f| &f.ty.kind).collect();
        assert!(matches!(kinds[0], TypeKind::Map(Some(_))), "{kinds:?}");
        assert!(matches!(kinds[1], TypeKind::Quotation(_)), "{kinds:?}");
        assert!(matches!(kinds[2], TypeKind::Closure(_)), "{kinds:?}");
        assert!(matches!(kinds[3], TypeKind::List(Some(_))), "{kinds:?}");
        assert_eq!(u.variants[0].fields.len(), 4);
    }

    #[test]
    fn unions_with_fields_in_every_spacing() {
        let p = parse(
            &lex("union Shape { Circle { r: Float } Rect { w : Float,h:Float, } Empty }").unwrap(),
        )
        .unwrap();
        let Item::Union(u) = &p.items[0] else {
            panic!()
        };
        assert_eq!(u.name.text, "Shape");
        let shape: Vec<(String, Vec<String>)> = u
            .variants
            .iter()
            .map(|v| {
                (
                    v.name.text.clone(),
                    v.fields.iter().map(|f| f.name.text.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("Circle".into(), vec!["r".into()]),
                ("Rect".into(), vec!["w".into(), "h".into()]),
                ("Empty".into(), vec![])
            ]
        );
        assert!(matches!(u.variants[1].fields[1].ty.kind, TypeKind::Float));
    }

    #[test]
    fn commas_between_fields_are_optional() {
        let fields = |src: &str| {
            let p = parse(&lex(src).unwrap()).unwrap();
            let Item::Union(u) = &p.items[0] else {
                panic!()
            };
            let v = &u.variants[0];
            v.fields
                .iter()
                .map(|f| f.name.text.clone())
                .collect::<Vec<_>>()
        };
        let expected = ["width", "height", "depth"];
        assert_eq!(
            fields("union Box { Solid { width: Int height: Int depth: Int } }"),
            expected
        );
        assert_eq!(
            fields("union Box { Solid { width: Int, height: Int depth: Int, } }"),
            expected
        );
        assert_eq!(
            fields("union Box { Solid {width:Int height:Int,depth:Int} }"),
            expected
        );
    }

    #[test]
    fn types_name_rust_types() {
        let p = parse(&lex("type Point = std::vec::Vec<i64> ;").unwrap()).unwrap();
        let Item::Type(t) = &p.items[0] else { panic!() };
        assert_eq!(t.name.text, "Point");
        assert!(error("type Point crate::Point ;").contains("expected `=`"));
        assert!(error("type Pt = 1 + ;").contains("expected a Rust type"));
        assert!(error("type P = i64 ;").contains("capitalised"));
    }

    #[test]
    fn malformed_unions() {
        assert!(error("union Shape { Circle { r Float } }").contains("`:` after the field name"));
        assert!(error("union Shape { Circle { r: } }").contains("the field's type"));
        assert!(
            error("union Shape { Circle { r: Float Int } }").contains("`:` after the field name")
        );
        assert!(error("union Shape { Circle { r: Float,, h: Int } }").contains("a field name"));
        assert!(error("union Shape { Circle { , r: Float } }").contains("a field name"));
        assert!(error("union Shape { circle }").contains("expected a variant"));
        assert!(error("union Shape { Circle").contains("unterminated union"));
        assert!(error("union shape { }").contains("capitalised"));
    }
}
