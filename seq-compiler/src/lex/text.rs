//! The text front-end: lexes `.seq` source.
//!
//! Whitespace separates tokens, `#` starts a comment that runs to the end of the line (a
//! `#!` shebang included), except that `##` followed by a space or the end of the line is
//! a doc comment line ([`Kind::Doc`], the text after `##`), which the parser attaches to
//! the definition, union, variant, field or type that follows (`###` and longer runs
//! stay ordinary comments, so banners of `#` are no docs); `"` starts a string literal with the escapes `\" \\ \n \r \t
//! \xNN`, and each bracket is a token of its own. Everything else is classified by
//! [`super::classify`]. Columns count characters.

use super::{classify, Delim, Kind, Token};
use crate::diag::{Diagnostic, Pos, Span};

/// Lexes Seq source text into tokens.
pub fn lex(source: &str) -> Result<Vec<Token>, Diagnostic> {
    lex_file(source, 0)
}

/// Lexes the text of file `file` (see [`crate::diag::Sources`]).
pub fn lex_file(source: &str, file: u32) -> Result<Vec<Token>, Diagnostic> {
    Lexer {
        chars: source.chars().collect(),
        at: 0,
        pos: Pos::start_of(file),
    }
    .run()
}

struct Lexer {
    chars: Vec<char>,
    at: usize,
    pos: Pos,
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 0;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn run(mut self) -> Result<Vec<Token>, Diagnostic> {
        let mut tokens = Vec::new();
        while let Some(c) = self.peek() {
            let start = self.pos;
            if c.is_whitespace() {
                self.bump();
            } else if c == '#' {
                let doc = self.is_doc_marker();
                let mut text = String::new();
                while let Some(c) = self.peek().filter(|&c| c != '\n') {
                    text.push(c);
                    self.bump();
                }
                if doc {
                    let line = text[2..].trim_end_matches('\r').to_string();
                    tokens.push(self.token(
                        Kind::Doc {
                            text: line,
                            inner: false,
                        },
                        text,
                        start,
                    ));
                }
            } else if c == '"' {
                tokens.push(self.string(start)?);
            } else if let Some(kind) = delimiter(c) {
                self.bump();
                tokens.push(self.token(kind, c.to_string(), start));
            } else {
                let mut text = String::new();
                while let Some(c) = self.peek() {
                    if c.is_whitespace() || delimiter(c).is_some() {
                        break;
                    }
                    text.push(c);
                    self.bump();
                }
                let kind =
                    classify(&text).map_err(|m| Diagnostic::new(Span::text(start, self.pos), m))?;
                tokens.push(self.token(kind, text, start));
            }
        }
        Ok(tokens)
    }

    /// Whether the `#` here begins a doc comment: exactly `##`, then a space, a tab or the
    /// end of the line.
    fn is_doc_marker(&self) -> bool {
        let at = |i: usize| self.chars.get(self.at + i).copied();
        at(1) == Some('#') && matches!(at(2), None | Some(' ' | '\t' | '\n' | '\r'))
    }

    fn token(&self, kind: Kind, text: String, start: Pos) -> Token {
        Token {
            kind,
            text,
            span: Span::text(start, self.pos),
            rust: None,
        }
    }

    fn string(&mut self, start: Pos) -> Result<Token, Diagnostic> {
        let begin = self.at;
        self.bump();
        let mut value = String::new();
        loop {
            let escape_at = self.pos;
            match self.bump() {
                None => {
                    return Err(Diagnostic::new(
                        Span::text(start, self.pos),
                        "unterminated string literal: missing the closing `\"`",
                    ))
                }
                Some('"') => break,
                Some('\\') => value.push(self.escape(escape_at)?),
                Some(c) => value.push(c),
            }
        }
        let text: String = self.chars[begin..self.at].iter().collect();
        Ok(self.token(Kind::Str(value), text, start))
    }

    fn escape(&mut self, at: Pos) -> Result<char, Diagnostic> {
        let bad = |lexer: &Lexer, what: &str| {
            Diagnostic::new(
                Span::text(at, lexer.pos),
                format!("unknown escape `\\{what}` in a string literal"),
            )
            .help("Seq strings know the escapes \\\" \\\\ \\n \\r \\t and \\xNN")
        };
        match self.bump() {
            Some('"') => Ok('"'),
            Some('\\') => Ok('\\'),
            Some('n') => Ok('\n'),
            Some('r') => Ok('\r'),
            Some('t') => Ok('\t'),
            Some('x') => {
                let hex: String = (0..2).filter_map(|_| self.bump()).collect();
                match u8::from_str_radix(&hex, 16) {
                    Ok(byte) if hex.len() == 2 => Ok(char::from(byte)),
                    _ => Err(bad(self, &format!("x{hex}"))),
                }
            }
            Some(c) => Err(bad(self, &c.to_string())),
            None => Err(bad(self, "")),
        }
    }
}

fn delimiter(c: char) -> Option<Kind> {
    Some(match c {
        '(' => Kind::Open(Delim::Paren),
        ')' => Kind::Close(Delim::Paren),
        '[' => Kind::Open(Delim::Bracket),
        ']' => Kind::Close(Delim::Bracket),
        '{' => Kind::Open(Delim::Brace),
        '}' => Kind::Close(Delim::Brace),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Kind> {
        lex(src).unwrap().into_iter().map(|t| t.kind).collect()
    }

    fn word(w: &str) -> Kind {
        Kind::Word(w.into())
    }

    #[test]
    fn words_literals_and_comments() {
        assert_eq!(
            kinds("#!/usr/bin/env seqc\n: f ( Int -- Int ) 2dup i.+ # add\n -5 ;"),
            vec![
                word(":"),
                word("f"),
                Kind::Open(Delim::Paren),
                word("Int"),
                word("--"),
                word("Int"),
                Kind::Close(Delim::Paren),
                word("2dup"),
                word("i.+"),
                Kind::Int(-5),
                word(";"),
            ]
        );
    }

    #[test]
    fn brackets_split_words() {
        assert_eq!(
            kinds("[dup]"),
            vec![
                Kind::Open(Delim::Bracket),
                word("dup"),
                Kind::Close(Delim::Bracket)
            ]
        );
    }

    #[test]
    fn string_escapes() {
        assert_eq!(
            kinds(r#""a\"b\\c\n\t\x41""#),
            vec![Kind::Str("a\"b\\c\n\tA".into())]
        );
        assert!(lex(r#""\q""#).is_err());
        assert!(lex(r#""\x4""#).is_err());
        assert!(lex("\"open").is_err());
    }

    #[test]
    fn doc_comment_lines() {
        let doc = |t: &str| Kind::Doc {
            text: t.into(),
            inner: false,
        };
        assert_eq!(
            kinds("# plain\n## Doubles.\n##\n### banner\n## tail\r\n: f"),
            vec![
                doc(" Doubles."),
                doc(""),
                doc(" tail"),
                word(":"),
                word("f")
            ]
        );
        assert_eq!(lex("## x").unwrap()[0].text, "## x");
        assert!(kinds("##x ###").is_empty());
    }

    #[test]
    fn positions() {
        let toks = lex("a\n  bc").unwrap();
        assert_eq!((toks[1].span.start.line, toks[1].span.start.column), (2, 2));
        assert_eq!((toks[1].span.end.line, toks[1].span.end.column), (2, 4));
    }
}
