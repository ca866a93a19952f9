//! `use` declarations: words of a `.seq` file, or of the `seq!` blocks of a `.rs` file,
//! compiled elsewhere in the crate.
//!
//! `use crate::parse::{ parse-line tokenize } from "src/parse.seq" ;` names the Rust module
//! where an `include_seq!("src/parse.seq")` expands, the words wanted (separated by
//! whitespace or commas), and the file, whose path is relative to the crate as
//! `include_seq!`'s is. The declaration restates no effect: [`crate::uses`] reads the file.

use super::Parser;
use crate::ast::{Name, UseDecl};
use crate::diag::{Diagnostic, Span};
use crate::lex::{Delim, Kind, Token};

/// What must follow `from`.
const FILE_AFTER_FROM: &str =
    "the path of a `.seq` file (or of a `.rs` file with `seq!` blocks) after `from`";

/// The shape of a declaration, for messages.
const SHAPE: &str = "`use crate::module::{ word other-word } from \"src/file.seq\" ;`";

impl Parser<'_> {
    /// `use path::{ words } from "file" ;`
    pub(crate) fn use_decl(&mut self) -> Result<UseDecl, Diagnostic> {
        let keyword = self.next().expect("at `use`");
        let module = self
            .next()
            .ok_or_else(|| expected(keyword.span, "the Rust module after `use`"))?;
        let (module_text, module_span) = module_path(module)?;
        let open = match self.next() {
            Some(t) if t.kind == Kind::Open(Delim::Brace) => t,
            Some(t) => return Err(expected(t.span, "`{` and the words after the module path")),
            None => {
                return Err(expected(
                    module.span,
                    "`{` and the words after the module path",
                ))
            }
        };
        let mut words = Vec::new();
        loop {
            let Some(token) = self.next() else {
                return Err(expected(open.span, "a `}` closing the words"));
            };
            match &token.kind {
                Kind::Close(Delim::Brace) => break,
                Kind::Word(w) => {
                    for part in w.split(',').filter(|p| !p.is_empty()) {
                        if super::RESERVED.contains(&part) {
                            return Err(Diagnostic::new(
                                token.span,
                                format!("`{part}` is Seq syntax and cannot be the name of a word"),
                            ));
                        }
                        words.push(Name {
                            text: part.to_string(),
                            span: token.span,
                        });
                    }
                }
                _ => {
                    return Err(Diagnostic::new(
                        token.span,
                        format!("expected the name of a word, found `{}`", token.text),
                    )
                    .help(format!("the declaration reads {SHAPE}")))
                }
            }
        }
        if words.is_empty() {
            return Err(expected(open.span, "at least one word between the braces"));
        }
        let from = match self.next() {
            Some(t) if t.is("from") => t,
            Some(t) => return Err(expected(t.span, "`from \"file.seq\"` after the words")),
            None => return Err(expected(open.span, "`from \"file.seq\"` after the words")),
        };
        let file = match self.next() {
            Some(t) => match &t.kind {
                Kind::Str(path) if !path.is_empty() => Name {
                    text: path.clone(),
                    span: t.span,
                },
                _ => return Err(expected(t.span, FILE_AFTER_FROM)),
            },
            None => return Err(expected(from.span, FILE_AFTER_FROM)),
        };
        match self.next() {
            Some(t) if t.is(";") => {}
            Some(t) => return Err(expected(t.span, "`;` ending the `use`")),
            None => return Err(expected(file.span, "`;` ending the `use`")),
        }
        Ok(UseDecl {
            module: module_text,
            module_span,
            words,
            file,
        })
    }
}

/// The module path of `use crate::parse::{`: the word before the brace, without its `::`.
fn module_path(token: &Token) -> Result<(String, Span), Diagnostic> {
    let bad = || {
        Diagnostic::new(
            token.span,
            format!("expected the path of the Rust module where the file's `include_seq!` expands, found `{}`", token.text),
        )
        .help(format!("the declaration reads {SHAPE}"))
    };
    let Kind::Word(text) = &token.kind else {
        return Err(bad());
    };
    let path = text.strip_suffix("::").unwrap_or(text);
    if path.is_empty() || syn::parse_str::<syn::Path>(path).is_err() {
        return Err(bad());
    }
    Ok((path.to_string(), token.span))
}

fn expected(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(span, format!("expected {what}")).help(format!("the declaration reads {SHAPE}"))
}

#[cfg(test)]
mod tests {
    use crate::lex::text::lex;
    use crate::parse::parse;

    fn error(src: &str) -> String {
        parse(&lex(src).unwrap()).unwrap_err().message
    }

    #[test]
    fn a_use_names_module_words_and_file() {
        let src = "use crate::parse::{ parse-line, tokenize } from \"src/parse.seq\" ;";
        let p = parse(&lex(src).unwrap()).unwrap();
        let u = &p.uses[0];
        assert_eq!(u.module, "crate::parse");
        let words: Vec<&str> = u.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(words, ["parse-line", "tokenize"]);
        assert_eq!(u.file.text, "src/parse.seq");
        assert!(p.items.is_empty());
    }

    #[test]
    fn a_use_without_the_double_colon_or_commas() {
        let src = "use super::lib { a b , c } from \"x.seq\" ; : f ( -- ) ;";
        let p = parse(&lex(src).unwrap()).unwrap();
        assert_eq!(p.uses[0].module, "super::lib");
        assert_eq!(p.uses[0].words.len(), 3);
        assert_eq!(p.items.len(), 1);
    }

    #[test]
    fn malformed_uses() {
        assert!(error("use").contains("the Rust module after `use`"));
        assert!(error("use 1+ { a } from \"x\" ;").contains("path of the Rust module"));
        assert!(error("use a::b a from \"x\" ;").contains("`{`"));
        assert!(error("use a::{ } from \"x\" ;").contains("at least one word"));
        assert!(error("use a::{ b \"c\" } from \"x\" ;").contains("name of a word"));
        assert!(error("use a::{ b ; } from \"x\" ;").contains("Seq syntax"));
        assert!(error("use a::{ b } \"x\" ;").contains("`from"));
        assert!(error("use a::{ b } from x ;").contains("path of a `.seq` file"));
        assert!(error("use a::{ b } from \"x\"").contains("`;`"));
        assert!(error("use a::{ b").contains("`}`"));
    }
}
