//! The token front-end: rebuilds Seq tokens from the Rust tokens a proc macro receives.
//!
//! Rust splits `i.+` into `i` `.` `+`, `int->string` into four tokens and `2dup` into a
//! literal with a suffix. Seq's rule is that a word is a run of characters without
//! whitespace, so adjacent Rust tokens (one ends exactly where the next starts, on the
//! same line) are joined back into one Seq token: `i.+` is one word, `i . +` three.
//! Rust groups are flattened into open/close delimiter tokens; invisible groups (from
//! macro_rules expansions) are transparent.
//!
//! A doc comment `/// text` reaches the macro as the attribute `#[doc = " text"]` (`//!` as
//! `#![doc = ..]`); each becomes one [`Kind::Doc`] token. Any other `#` stays an ordinary
//! word, so a stray Rust attribute fails where the parser meets it.
//!
//! Invariant: tokens without a real source position (start == end, as produced by
//! `quote!`) never join, so a token stream built by hand is read token by token.

use super::{classify, Delim, Kind, Token};
use crate::diag::{Diagnostic, Pos, Span};
use proc_macro2::{Delimiter, Literal, Span as RustSpan, TokenStream, TokenTree};

/// Lexes a `seq!` body into Seq tokens.
pub fn lex(input: TokenStream) -> Result<Vec<Token>, Diagnostic> {
    let mut atoms = Vec::new();
    flatten(input, &mut atoms);
    let mut tokens = Vec::new();
    let mut run: Vec<Piece> = Vec::new();
    for atom in atoms {
        match atom {
            Atom::Piece(piece) => {
                let joins = run.last().is_some_and(|prev| adjacent(prev, &piece));
                if !joins {
                    flush(&mut run, &mut tokens)?;
                }
                run.push(piece);
            }
            Atom::Doc { text, inner, span } => {
                flush(&mut run, &mut tokens)?;
                let marker = if inner { "//!" } else { "///" };
                tokens.push(Token {
                    text: format!("{marker}{text}"),
                    kind: Kind::Doc { text, inner },
                    span,
                    rust: None,
                });
            }
            Atom::Delim(kind, span) => {
                flush(&mut run, &mut tokens)?;
                let text = match &kind {
                    Kind::Open(d) => d.open(),
                    Kind::Close(d) => d.close(),
                    _ => unreachable!("delimiter atoms are open or close"),
                };
                tokens.push(Token {
                    kind,
                    text: text.to_string(),
                    span: seq_span(span, span),
                    rust: None,
                });
            }
        }
    }
    flush(&mut run, &mut tokens)?;
    Ok(tokens)
}

/// One Rust token that is not a delimiter.
struct Piece {
    tree: TokenTree,
    text: String,
}

enum Atom {
    Piece(Piece),
    Delim(Kind, RustSpan),
    /// `#[doc = "text"]` or `#![doc = "text"]`.
    Doc {
        text: String,
        inner: bool,
        span: Span,
    },
}

fn flatten(input: TokenStream, out: &mut Vec<Atom>) {
    let trees: Vec<TokenTree> = input.into_iter().collect();
    let mut at = 0;
    while at < trees.len() {
        if let Some((doc, used)) = doc_attribute(&trees[at..]) {
            out.push(doc);
            at += used;
            continue;
        }
        let tree = trees[at].clone();
        at += 1;
        match tree {
            TokenTree::Group(group) => {
                let delim = match group.delimiter() {
                    Delimiter::Parenthesis => Delim::Paren,
                    Delimiter::Bracket => Delim::Bracket,
                    Delimiter::Brace => Delim::Brace,
                    Delimiter::None => {
                        flatten(group.stream(), out);
                        continue;
                    }
                };
                out.push(Atom::Delim(Kind::Open(delim), group.span_open()));
                flatten(group.stream(), out);
                out.push(Atom::Delim(Kind::Close(delim), group.span_close()));
            }
            other => {
                let text = other.to_string();
                out.push(Atom::Piece(Piece { tree: other, text }));
            }
        }
    }
}

/// A doc attribute at the start of `trees`: `#` `[doc = "text"]` or `#` `!` `[doc =
/// "text"]`, with how many trees it spans.
fn doc_attribute(trees: &[TokenTree]) -> Option<(Atom, usize)> {
    let TokenTree::Punct(hash) = trees.first()? else {
        return None;
    };
    if hash.as_char() != '#' {
        return None;
    }
    let inner = matches!(trees.get(1), Some(TokenTree::Punct(p)) if p.as_char() == '!');
    let used = if inner { 3 } else { 2 };
    let TokenTree::Group(group) = trees.get(used - 1)? else {
        return None;
    };
    if group.delimiter() != Delimiter::Bracket {
        return None;
    }
    let inside: Vec<TokenTree> = group.stream().into_iter().collect();
    let [TokenTree::Ident(doc), TokenTree::Punct(eq), TokenTree::Literal(lit)] = &inside[..] else {
        return None;
    };
    if doc != "doc" || eq.as_char() != '=' {
        return None;
    }
    let syn::Lit::Str(text) = syn::Lit::new(lit.clone()) else {
        return None;
    };
    let span = seq_span(hash.span(), group.span_close());
    Some((
        Atom::Doc {
            text: text.value(),
            inner,
            span,
        },
        used,
    ))
}

fn pos(lc: proc_macro2::LineColumn) -> Pos {
    Pos {
        file: 0,
        line: lc.line,
        column: lc.column,
    }
}

fn has_position(span: RustSpan) -> bool {
    span.start() != span.end()
}

fn adjacent(prev: &Piece, next: &Piece) -> bool {
    let (a, b) = (prev.tree.span(), next.tree.span());
    has_position(a) && has_position(b) && a.end() == b.start()
}

fn seq_span(first: RustSpan, last: RustSpan) -> Span {
    Span {
        start: pos(first.start()),
        end: pos(last.end()),
        first,
        last,
    }
}

fn flush(run: &mut Vec<Piece>, tokens: &mut Vec<Token>) -> Result<(), Diagnostic> {
    if run.is_empty() {
        return Ok(());
    }
    let pieces = std::mem::take(run);
    let span = seq_span(pieces[0].tree.span(), pieces[pieces.len() - 1].tree.span());
    let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
    let quoted = pieces.iter().position(|p| is_quoted_literal(&p.tree));
    let kind = match quoted {
        Some(_) if pieces.len() == 1 => string_literal(&pieces[0].tree, span)?,
        Some(i) => {
            let lit = &pieces[i].text;
            return Err(Diagnostic::new(
                span,
                format!(
                    "`{text}`: the literal {lit} must be separated from the rest by whitespace"
                ),
            ));
        }
        None => classify(&text).map_err(|m| Diagnostic::new(span, m))?,
    };
    let rust = pieces.into_iter().map(|p| p.tree).collect();
    tokens.push(Token {
        kind,
        text,
        span,
        rust: Some(rust),
    });
    Ok(())
}

/// String, byte-string, char and C-string literals: everything Rust quotes.
fn is_quoted_literal(tree: &TokenTree) -> bool {
    match tree {
        TokenTree::Literal(lit) => {
            let text = lit.to_string();
            text.contains('"') || text.starts_with('\'') || text.starts_with("b'")
        }
        _ => false,
    }
}

fn string_literal(tree: &TokenTree, span: Span) -> Result<Kind, Diagnostic> {
    let not_seq = |what: &str| {
        Diagnostic::new(span, format!("{what} is not a Seq literal"))
            .help("Seq has Int, Float, Bool and String literals; a String is written \"like this\"")
    };
    let TokenTree::Literal(lit) = tree else {
        return Err(not_seq("this"));
    };
    match syn::Lit::new(Literal::clone(lit)) {
        syn::Lit::Str(s) if s.suffix().is_empty() => Ok(Kind::Str(s.value())),
        syn::Lit::Str(_) => Err(not_seq("a string literal with a suffix")),
        syn::Lit::ByteStr(_) => Err(not_seq("a byte string")),
        syn::Lit::CStr(_) => Err(not_seq("a C string")),
        syn::Lit::Char(_) | syn::Lit::Byte(_) => Err(not_seq("a character literal")),
        _ => Err(not_seq("this literal")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        let ts: TokenStream = src.parse().unwrap();
        lex(ts).unwrap().into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn adjacent_tokens_join_into_words() {
        assert_eq!(
            texts("i.+ io.write-line int->string string.empty? 2dup 3drop >aux aux> fib-naive -5 ..a --"),
            vec![
                "i.+", "io.write-line", "int->string", "string.empty?", "2dup", "3drop", ">aux",
                "aux>", "fib-naive", "-5", "..a", "--"
            ]
        );
    }

    #[test]
    fn whitespace_separates() {
        assert_eq!(texts("i . +"), vec!["i", ".", "+"]);
        assert_eq!(texts("- 5"), vec!["-", "5"]);
    }

    #[test]
    fn literals_are_classified() {
        let ts: TokenStream = r#"-5 0xFF 2.5e-3 "hi\n" 2dup"#.parse().unwrap();
        let kinds: Vec<Kind> = lex(ts).unwrap().into_iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Int(-5),
                Kind::Int(255),
                Kind::Float(2.5e-3),
                Kind::Str("hi\n".into()),
                Kind::Word("2dup".into())
            ]
        );
    }

    #[test]
    fn groups_become_delimiters() {
        assert_eq!(
            texts(": f ( Int -- Int ) [dup] ;"),
            vec![":", "f", "(", "Int", "--", "Int", ")", "[", "dup", "]", ";"]
        );
    }

    #[test]
    fn glued_string_literals_are_errors() {
        let ts: TokenStream = r#"x"a""#.parse().unwrap();
        assert!(lex(ts).is_err());
        let ts: TokenStream = r#"'c'"#.parse().unwrap();
        assert!(lex(ts).is_err());
        let ts: TokenStream = r#"b"bytes""#.parse().unwrap();
        assert!(lex(ts).is_err());
    }

    #[test]
    fn doc_comments_become_doc_tokens() {
        let ts: TokenStream = "/// Adds.\n/// Two lines.\n: f ( -- ) ;".parse().unwrap();
        let toks = lex(ts).unwrap();
        assert_eq!(
            toks[0].kind,
            Kind::Doc {
                text: " Adds.".into(),
                inner: false
            }
        );
        assert_eq!(toks[0].text, "/// Adds.");
        assert!(matches!(&toks[1].kind, Kind::Doc { text, .. } if text == " Two lines."));
        assert!(toks[2].is(":"));
        let ts: TokenStream = "//! Inner.\n#[doc = \"attr\"] x".parse().unwrap();
        let kinds: Vec<Kind> = lex(ts).unwrap().into_iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Doc {
                    text: " Inner.".into(),
                    inner: true
                },
                Kind::Doc {
                    text: "attr".into(),
                    inner: false
                },
                Kind::Word("x".into())
            ]
        );
    }

    #[test]
    fn other_attributes_stay_words() {
        assert_eq!(texts("#[inline] x"), vec!["#", "[", "inline", "]", "x"]);
    }

    #[test]
    fn tokens_without_positions_stay_apart() {
        let ts: TokenStream = quote::quote!(i.+);
        assert_eq!(lex(ts).unwrap().len(), 3);
    }
}
