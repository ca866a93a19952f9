//! Parsing: Seq tokens → [`Program`].
//!
//! The grammar is the reference's: a program is a list of `: name ( effect ) body ;`
//! definitions and `union` definitions; the embedding adds `: name ( effect ) extern
//! rust::path ;` to use a Rust function as a word (`extern async rust::path ;` for an
//! `async fn`, or any function returning a future) and `type Name = rust::Path ;` to use a
//! Rust type in effects. Effects are parsed by `effect`, bodies (with `match`) by `body`,
//! unions and types by `data`. Doc comments before definitions, unions, variants, fields
//! and types are attached to them (`docs`). `use` declarations of words from `.seq` files
//! compiled by other macros are parsed by `uses`. After an error the parser resumes at the
//! next item that surely starts cleanly ([`parse_all`]), so every item's first error is
//! reported; every error names the token it is at.

mod body;
mod data;
mod docs;
mod effect;
mod uses;

pub(crate) use effect::{unknown_type, TYPE_NAMES};

use crate::ast::{EffectExpr, ExternDef, Item, Name, Program, WordDef};
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::lex::{Kind, Token};
use proc_macro2::TokenStream;

/// The help for a `#` written as a comment inside `seq!` (at the top level or in a body).
pub(crate) const HASH_COMMENT: &str =
    "inside `seq!` comments are Rust's, `// ...`; `# ...` comments are for `.seq` files";

/// Words that are syntax, never names.
pub const RESERVED: &[&str] = &[
    ":", ";", "--", "if", "else", "then", "match", "end", "->", "union", "include", "true",
    "false", "extern",
];

/// Parses a whole program; the first error only (see [`parse_all`]).
pub fn parse(tokens: &[Token]) -> Result<Program, Diagnostic> {
    parse_all(tokens).map_err(|errors| {
        errors
            .0
            .into_iter()
            .next()
            .expect("a failed parse has an error")
    })
}

/// Parses a whole program, reporting every item's error: after an error the parser
/// resumes at the next item that surely starts cleanly (after junk between items, at the
/// next `:`, `union`, `type`, `include` or `use`; inside an item, after the next `;` that
/// such a token follows), so a later error is never a consequence of an earlier one.
pub fn parse_all(tokens: &[Token]) -> Result<Program, Diagnostics> {
    let (program, errors) = with_parser(tokens, |parser| {
        let mut program = Program::default();
        let mut errors = Vec::new();
        while let Some(token) = parser.peek() {
            let start = parser.at;
            let parsed = if token.is(":") {
                parser.definition().map(|item| program.items.push(item))
            } else if token.is("union") {
                parser.union_def().map(|item| program.items.push(item))
            } else if token.is("type") {
                parser.type_def().map(|item| program.items.push(item))
            } else if token.is("include") {
                parser.include().map(|item| program.items.push(item))
            } else if token.is("use") {
                parser.use_decl().map(|decl| program.uses.push(decl))
            } else {
                errors.push(parser.top_level_error(token));
                if !parser.skip_to_item(start + 1, false) {
                    break;
                }
                continue;
            };
            if let Err(error) = parsed {
                errors.push(error);
                if !parser.skip_to_item(parser.at.max(start + 1), true) {
                    break;
                }
            }
        }
        if errors.is_empty() {
            errors.extend(parser.unclaimed_doc());
        }
        (program, errors)
    })?;
    match errors.is_empty() {
        true => Ok(program),
        false => Err(Diagnostics(errors)),
    }
}

/// Parses a stack effect alone (`( Int -- Int )`), for the word `name`.
pub(crate) fn parse_effect(tokens: &[Token], name: &Name) -> Result<EffectExpr, Diagnostic> {
    with_parser(tokens, |parser| parser.effect(name))?
}

/// Runs `parse` on a parser over `tokens`, their doc comments taken out first.
fn with_parser<T>(
    tokens: &[Token],
    parse: impl FnOnce(&mut Parser<'_>) -> T,
) -> Result<T, Diagnostic> {
    let (tokens, docs) = docs::strip(tokens)?;
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        nesting: 0,
        docs,
    };
    Ok(parse(&mut parser))
}

/// A cursor over the tokens.
pub(crate) struct Parser<'t> {
    tokens: &'t [Token],
    at: usize,
    /// How many quotation types the effect parser is inside.
    nesting: usize,
    /// The doc comment before each token, until an item claims it.
    docs: Vec<Option<docs::DocBlock>>,
}

/// The deepest nesting of types accepted, in stack effects and in Rust paths and types:
/// the parser, the checker and the emitter recurse over types (and so would rustc over
/// the generated Rust), so a few kilobytes of brackets must not exhaust the stack.
pub(crate) const MAX_TYPE_DEPTH: usize = 32;

impl<'t> Parser<'t> {
    pub(crate) fn peek(&self) -> Option<&'t Token> {
        self.tokens.get(self.at)
    }

    pub(crate) fn next(&mut self) -> Option<&'t Token> {
        let token = self.tokens.get(self.at)?;
        self.at += 1;
        Some(token)
    }

    /// The span just after the last token, for errors at the end of input.
    pub(crate) fn end_span(&self) -> Span {
        match self.tokens.last() {
            Some(t) => t.span,
            None => Span::text(Default::default(), Default::default()),
        }
    }

    /// Moves to where the next item starts, looking from `from` (past the item or token in
    /// error): the next item keyword (`:`, `union`, `type`, `include`, `use`; `inside`
    /// false), or one that follows a `;` (an error inside an item, whose end is its `;`).
    /// False if no such place is left.
    fn skip_to_item(&mut self, from: usize, inside: bool) -> bool {
        let starts = |t: &Token| {
            t.is(":") || t.is("union") || t.is("type") || t.is("include") || t.is("use")
        };
        let next = (from..self.tokens.len())
            .find(|&i| starts(&self.tokens[i]) && (!inside || self.tokens[i - 1].is(";")));
        match next {
            Some(i) => {
                self.at = i;
                true
            }
            None => false,
        }
    }

    fn top_level_error(&self, token: &Token) -> Diagnostic {
        /// What a `#` meant as a comment is told.
        const HASH_COMMENT: &str =
            "inside `seq!` comments are Rust's, `// ...`; `# ...` comments are for `.seq` files";
        let attribute = token.is("#")
            && self
                .tokens
                .get(self.at + 1)
                .is_some_and(|t| t.kind == Kind::Open(crate::lex::Delim::Bracket) || t.is("!"));
        let what = match token.word() {
            Some(";") => "a `;` that ends no definition",
            _ if attribute => "a Rust attribute",
            _ => "this",
        };
        let error = Diagnostic::new(
            token.span,
            format!("expected a word definition `: name ( inputs -- outputs ) body ;`, a `union` or a `type`, found {what} (`{}`)", token.text),
        );
        match attribute {
            true => error.help("Seq items take no attributes; a doc comment `/// text` before a definition, union, variant, field or type becomes its documentation"),
            false if token.is("#") => error.help(HASH_COMMENT),
            false => error,
        }
    }

    /// `: name ( effect ) body ;`, `: name ( effect ) extern path ;` or `: name ( effect )
    /// extern async path ;`
    fn definition(&mut self) -> Result<Item, Diagnostic> {
        let doc = self.take_next_doc();
        let colon = self.next().expect("definition starts at `:`");
        let name = self.name(colon)?;
        let effect = self.effect(&name)?;
        if self.peek().is_some_and(|t| t.is("extern")) {
            let mut keyword = self.next().expect("peeked");
            let is_async = self.peek().is_some_and(|t| t.is("async"));
            let what = if is_async {
                keyword = self.next().expect("peeked");
                RustPath::AsyncFunction
            } else {
                RustPath::Function
            };
            let (path, path_span) = self.rust_path(keyword, &name, what)?;
            return Ok(Item::Extern(ExternDef {
                doc,
                name,
                effect,
                path,
                path_span,
                is_async,
            }));
        }
        let (body, end) = self.word_body(&name)?;
        Ok(Item::Word(WordDef {
            doc,
            name,
            effect,
            body,
            end,
        }))
    }

    fn name(&mut self, colon: &Token) -> Result<Name, Diagnostic> {
        let Some(token) = self.next() else {
            return Err(Diagnostic::new(
                colon.span,
                "expected a word name after `:`",
            ));
        };
        match &token.kind {
            Kind::Word(w) if !RESERVED.contains(&w.as_str()) => Ok(Name {
                text: w.clone(),
                span: token.span,
            }),
            Kind::Word(w) => Err(Diagnostic::new(
                token.span,
                format!("`{w}` is Seq syntax and cannot be the name of a word"),
            )),
            _ => Err(Diagnostic::new(
                token.span,
                format!(
                    "expected a word name after `:`, found the literal `{}`",
                    token.text
                ),
            )),
        }
    }

    /// The Rust path after `extern` or `type Name =`, up to the closing `;`.
    pub(crate) fn rust_path(
        &mut self,
        keyword: &Token,
        name: &Name,
        what: RustPath,
    ) -> Result<(TokenStream, Span), Diagnostic> {
        let mut parts: Vec<&Token> = Vec::new();
        loop {
            match self.next() {
                Some(t) if t.is(";") => break,
                Some(t) if t.is(":") => {
                    return Err(unterminated(name, t.span));
                }
                Some(t) => parts.push(t),
                None => return Err(unterminated(name, self.end_span())),
            }
        }
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            return Err(bad_path(keyword.span, what));
        };
        let span = first.span.to(last.span);
        let tokens: TokenStream = match parts
            .iter()
            .map(|t| t.rust.clone())
            .collect::<Option<Vec<_>>>()
        {
            Some(streams) => streams.into_iter().collect(),
            None => {
                let text: Vec<&str> = parts.iter().map(|t| t.text.as_str()).collect();
                text.join(" ").parse().map_err(|_| bad_path(span, what))?
            }
        };
        // syn recurses once per level of these; a Rust function or type never needs many.
        let text = tokens.to_string().replace("->", "").replace("=>", "");
        if text.chars().filter(|c| "<([{&*".contains(*c)).count() > 2 * MAX_TYPE_DEPTH {
            return Err(Diagnostic::new(
                span,
                format!(
                    "this Rust {} has more than {} brackets, references or pointers",
                    match what {
                        RustPath::Function | RustPath::AsyncFunction => "path",
                        RustPath::Type => "type",
                    },
                    2 * MAX_TYPE_DEPTH
                ),
            ));
        }
        let valid = match what {
            // A path in expression position: the call and the signature check use it as
            // one, so generic arguments need the turbofish (`List<Int>` is no function).
            RustPath::Function | RustPath::AsyncFunction => {
                syn::parse2::<syn::ExprPath>(tokens.clone()).is_ok_and(|p| p.attrs.is_empty())
            }
            RustPath::Type => syn::parse2::<syn::Type>(tokens.clone()).is_ok(),
        };
        if !valid {
            return Err(bad_path(span, what));
        }
        Ok((tokens, span))
    }
}

/// What a Rust path names.
#[derive(Clone, Copy)]
pub(crate) enum RustPath {
    /// A function, after `extern`.
    Function,
    /// A function returning a future, after `extern async`.
    AsyncFunction,
    /// A type, after `type Name =`.
    Type,
}

fn bad_path(span: Span, what: RustPath) -> Diagnostic {
    Diagnostic::new(
        span,
        match what {
            RustPath::Function => {
                "expected the path of a Rust function after `extern`, e.g. `extern f64::hypot`"
            }
            RustPath::AsyncFunction => {
                "expected the path of a Rust `async fn` after `extern async`, e.g. `extern async crate::fetch`"
            }
            RustPath::Type => {
                "expected a Rust type after `=`, e.g. `type Point = crate::geo::Point ;`"
            }
        },
    )
}

/// A definition that reached `at` (end of input or the next `:`) without its `;`.
pub(crate) fn unterminated(name: &Name, at: Span) -> Diagnostic {
    Diagnostic::new(
        name.span,
        format!("unterminated definition of `{}`: missing `;`", name.text),
    )
    .note(format!("the definition runs on to {}", at.start))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::StmtKind;
    use crate::lex::text::lex;

    fn program(src: &str) -> Program {
        parse(&lex(src).unwrap()).unwrap()
    }

    fn error(src: &str) -> String {
        parse(&lex(src).unwrap()).unwrap_err().message
    }

    /// Every error `parse_all` reports, as `line:column message`.
    fn errors(src: &str) -> Vec<String> {
        match parse_all(&lex(src).unwrap()) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .0
                .iter()
                .map(|d| {
                    format!(
                        "{}:{} {}",
                        d.span.start.line, d.span.start.column, d.message
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn every_items_error_is_reported() {
        let found = errors(
            ": f ( Int -> Int ) ;\n: g ( -- Int ) 1 ;\n: h ( Int -- ) [ drop ;\n: k ( -- ) ;\n)\n: m ( -- ) ;",
        );
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].starts_with("1:10 unknown type `->`"), "{found:?}");
        assert!(
            found[1].starts_with("3:15 unterminated quotation"),
            "{found:?}"
        );
        assert!(
            found[2].starts_with("5:0 expected a word definition"),
            "{found:?}"
        );
        // Nothing after the last error: no cascade.
        assert_eq!(errors(": f ( -- ) [ 1 ;\n: g ( -- ) 2 drop ;").len(), 1);
        // A broken item with no clean item after it: one error.
        assert_eq!(errors(": f ( Int -> ) 1 : g").len(), 1);
        assert!(errors(": f ( -- ) ; : g ( -- ) ;").is_empty());
    }

    #[test]
    fn word_definitions() {
        let p = program(": sq ( Int -- Int ) dup i.* ; : two ( -- Int ) 2 ;");
        assert_eq!(p.items.len(), 2);
        let Item::Word(w) = &p.items[0] else { panic!() };
        assert_eq!(w.name.text, "sq");
        assert_eq!(w.body.len(), 2);
        assert!(matches!(&w.body[1].kind, StmtKind::Word(x) if x == "i.*"));
    }

    #[test]
    fn extern_declarations() {
        let p = program(": hypot ( Float Float -- Float ) extern f64::hypot ;");
        let Item::Extern(e) = &p.items[0] else {
            panic!()
        };
        assert_eq!(e.path.to_string(), "f64 :: hypot");
        assert!(error(": h ( -- ) extern ;").contains("path of a Rust function"));
        assert!(error(": h ( -- ) extern 1 + ;").contains("path of a Rust function"));
        assert!(!e.is_async);
    }

    #[test]
    fn extern_async_declarations() {
        let p = program(": fetch ( String -- String ) extern async crate::fetch ;");
        let Item::Extern(e) = &p.items[0] else {
            panic!()
        };
        assert!(e.is_async);
        assert_eq!(e.path.to_string(), "crate :: fetch");
        assert!(error(": h ( -- ) extern async ;").contains("after `extern async`"));
    }

    #[test]
    fn definition_errors() {
        assert!(error(": f ( -- ) 1").contains("unterminated definition of `f`"));
        assert!(error(": f ( -- ) 1 : g ( -- ) ;").contains("unterminated definition of `f`"));
        assert!(error(": ; ( -- ) ;").contains("Seq syntax"));
        assert!(error(": 5 ( -- ) ;").contains("literal"));
        assert!(error("dup").contains("expected a word definition"));
        assert!(error("include 5").contains("expected a file name"));
        assert!(error(":").contains("word name"));
    }
}
