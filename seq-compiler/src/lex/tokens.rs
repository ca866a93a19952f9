//! The token front-end: rebuilds Seq tokens from the Rust tokens a proc macro receives.
//!
//! Rust splits `i.+` into `i` `.` `+`, `int->string` into four tokens and `2dup` into a
//! literal with a suffix. Seq's rule is that a word is a run of characters without
//! whitespace, so adjacent Rust tokens (one ends exactly where the next starts, on the
//! same line) are joined back into one Seq token: `i.+` is one word, `i . +` three.
//! Rust groups are flattened into open/close delimiter tokens; invisible groups (from
//! macro_rules expansions) are transparent.
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
}

fn flatten(input: TokenStream, out: &mut Vec<Atom>) {
    for tree in input {
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
    fn tokens_without_positions_stay_apart() {
        let ts: TokenStream = quote::quote!(i.+);
        assert_eq!(lex(ts).unwrap().len(), 3);
    }
}
