//! Word bodies: literals, words, quotations `[ ... ]`, the block-form conditional and
//! `match ... end`.
//!
//! A match arm begins where a word is followed by `->` or by `{` (`Circle { >r } ->`):
//! that ends the previous arm's body, so arms need no separator.
//!
//! `if` has two forms. The block form `cond if A else B then` is recognised when an `if`
//! is closed by a matching `then` in the same body (at the same bracket level); any other
//! `if` is the combinator `cond [ A ] [ B ] if`, which is an ordinary word here. An `if`
//! right after a quotation literal is always the combinator (a quotation is never a
//! condition). Whether an `if` at a given position is a block is decided once and
//! remembered, so nested ifs are parsed in polynomial time.

use super::{unterminated, Parser};
use crate::ast::{BlockIf, Match, MatchArm, Name, Quotation, Stmt, StmtKind};
use crate::diag::{Diagnostic, Span};
use crate::lex::{Delim, Kind, Token};
use std::collections::HashMap;

/// Deepest nesting of quotations and block ifs accepted.
const MAX_DEPTH: usize = 128;

/// What ended a sequence of statements.
enum End {
    Semicolon(Span),
    CloseBracket(Span),
    Else(Span),
    Then(Span),
    /// `end`, closing a match.
    Closing(Span),
    /// The head of a match arm (not consumed).
    Arm(Span),
    /// The next definition's `:` (not consumed) or the end of input.
    Missing(Span),
}

impl End {
    /// Where it is.
    fn span(&self) -> Span {
        match self {
            End::Semicolon(s)
            | End::CloseBracket(s)
            | End::Else(s)
            | End::Then(s)
            | End::Closing(s)
            | End::Arm(s)
            | End::Missing(s) => *s,
        }
    }
}

/// The block-if decisions made so far, by the `if` token's index.
type Decisions = HashMap<usize, Option<(BlockIf, usize)>>;

impl Parser<'_> {
    /// A word's body up to and including its `;`.
    pub(crate) fn word_body(&mut self, name: &Name) -> Result<(Vec<Stmt>, Span), Diagnostic> {
        let mut decisions = Decisions::new();
        let (body, end) = self.sequence(&mut decisions, 0)?;
        match end {
            End::Semicolon(span) => Ok((body, span)),
            End::Missing(at) => {
                let d = unterminated(name, at);
                let glued = body.iter().find_map(|stmt| match &stmt.kind {
                    StmtKind::Word(w) if w.len() > 1 && w.ends_with(';') => Some(w),
                    _ => None,
                });
                Err(match glued {
                    Some(w) => d.help(format!(
                        "`{w}` is one word; put a space before the `;` to end the definition"
                    )),
                    None => d,
                })
            }
            End::CloseBracket(span) => Err(Diagnostic::new(span, "`]` without a matching `[`")),
            End::Else(span) => Err(stray(span, "else")),
            End::Then(span) => Err(stray(span, "then")),
            End::Closing(span) => Err(Diagnostic::new(span, "`end` without a `match`")),
            End::Arm(span) => Err(arm_outside(span)),
        }
    }

    fn sequence(
        &mut self,
        decisions: &mut Decisions,
        depth: usize,
    ) -> Result<(Vec<Stmt>, End), Diagnostic> {
        let mut body: Vec<Stmt> = Vec::new();
        loop {
            let Some(token) = self.peek() else {
                return Ok((body, End::Missing(self.end_span())));
            };
            if token.is(":") {
                return Ok((body, End::Missing(token.span)));
            }
            if self.at_arm_head() {
                return Ok((body, End::Arm(token.span)));
            }
            let index = self.at;
            self.at += 1;
            let span = token.span;
            let kind = match &token.kind {
                Kind::Int(n) => StmtKind::Int(*n),
                Kind::Float(x) => StmtKind::Float(*x),
                Kind::Str(s) => StmtKind::Str(s.clone()),
                Kind::Symbol(name) => StmtKind::Symbol(name.clone()),
                Kind::Open(Delim::Bracket) => {
                    if depth >= MAX_DEPTH {
                        return Err(Diagnostic::new(
                            span,
                            "quotations and ifs are nested too deeply",
                        ));
                    }
                    let (inner, end) = self.sequence(decisions, depth + 1)?;
                    match end {
                        End::CloseBracket(close) => {
                            StmtKind::Quotation(Quotation { body: inner, close })
                        }
                        other => {
                            return Err(Diagnostic::new(
                                span,
                                "unterminated quotation: missing `]`",
                            )
                            .note(format!("reached {} without it", other.span().start)))
                        }
                    }
                }
                Kind::Close(Delim::Bracket) => return Ok((body, End::CloseBracket(span))),
                Kind::Open(d) | Kind::Close(d) => return Err(misplaced_delimiter(token, *d)),
                // `parse` takes doc comments out before any body is read.
                Kind::Doc { .. } => {
                    return Err(Diagnostic::new(
                        span,
                        "a doc comment cannot be part of a word's body",
                    ))
                }
                Kind::Word(w) => match w.as_str() {
                    ";" => return Ok((body, End::Semicolon(span))),
                    "else" => return Ok((body, End::Else(span))),
                    "then" => return Ok((body, End::Then(span))),
                    "true" => StmtKind::Bool(true),
                    "false" => StmtKind::Bool(false),
                    "if" => {
                        let after_quotation = matches!(
                            body.last(),
                            Some(Stmt {
                                kind: StmtKind::Quotation(_),
                                ..
                            })
                        );
                        match self.block_if(index, after_quotation, decisions, depth)? {
                            Some(block) => StmtKind::If(block),
                            None => StmtKind::Word("if".into()),
                        }
                    }
                    "end" => return Ok((body, End::Closing(span))),
                    "match" => {
                        if depth >= MAX_DEPTH {
                            return Err(Diagnostic::new(
                                span,
                                "quotations, ifs and matches are nested too deeply",
                            ));
                        }
                        StmtKind::Match(self.match_arms(span, decisions, depth + 1)?)
                    }
                    "->" => return Err(arm_outside(span)),
                    "union" | "include" => {
                        return Err(Diagnostic::new(
                            span,
                            format!("`{w}` belongs at the top level, not in a word body"),
                        ))
                    }
                    "extern" | "--" => {
                        return Err(Diagnostic::new(
                            span,
                            format!("`{w}` cannot appear in a word body"),
                        ))
                    }
                    _ => StmtKind::Word(w.clone()),
                },
            };
            body.push(Stmt { kind, span });
        }
    }

    /// Decides whether the `if` at `index` (already consumed) opens a block form; if so,
    /// parses it and leaves the cursor after its `then`.
    fn block_if(
        &mut self,
        index: usize,
        after_quotation: bool,
        decisions: &mut Decisions,
        depth: usize,
    ) -> Result<Option<BlockIf>, Diagnostic> {
        if after_quotation {
            return Ok(None);
        }
        if let Some(decided) = decisions.get(&index) {
            return Ok(decided.clone().map(|(block, resume)| {
                self.at = resume;
                block
            }));
        }
        if depth >= MAX_DEPTH {
            return Err(Diagnostic::new(
                self.tokens[index].span,
                "quotations and ifs are nested too deeply",
            ));
        }
        let if_span = self.tokens[index].span;
        let (then_body, end) = self.sequence(decisions, depth + 1)?;
        let block = match end {
            End::Then(end) => Some(BlockIf {
                then_body,
                else_body: Vec::new(),
                end,
            }),
            End::Else(else_span) => {
                let (else_body, end) = self.sequence(decisions, depth + 1)?;
                match end {
                    End::Then(end) => Some(BlockIf {
                        then_body,
                        else_body,
                        end,
                    }),
                    End::Else(second) => {
                        return Err(Diagnostic::new(second, "a second `else` in the same `if`")
                            .note(format!("the first `else` is at {}", else_span.start)))
                    }
                    other => {
                        let at = other.span();
                        return Err(Diagnostic::new(
                            if_span,
                            "unterminated `if`: `else` without a matching `then`",
                        )
                        .note(format!("reached {} without `then`", at.start))
                        .help("the block form is `cond if A else B then`"));
                    }
                }
            }
            _ => None,
        };
        let decided = block.map(|b| (b, self.at));
        if decided.is_none() {
            self.at = index + 1;
        }
        decisions.insert(index, decided.clone());
        Ok(decided.map(|(b, _)| b))
    }
}

impl Parser<'_> {
    /// Whether the cursor is at `Variant ->` or `Variant {`.
    fn at_arm_head(&self) -> bool {
        let (Some(head), Some(next)) = (self.tokens.get(self.at), self.tokens.get(self.at + 1))
        else {
            return false;
        };
        matches!(&head.kind, Kind::Word(w) if !super::RESERVED.contains(&w.as_str()))
            && (next.is("->") || next.kind == Kind::Open(Delim::Brace))
    }

    /// The arms of a `match` (already consumed) up to and including its `end`.
    fn match_arms(
        &mut self,
        at: Span,
        decisions: &mut Decisions,
        depth: usize,
    ) -> Result<Match, Diagnostic> {
        let mut arms = Vec::new();
        loop {
            let Some(token) = self.peek() else {
                return Err(unterminated_match(at, self.end_span()));
            };
            if token.is("end") {
                self.next();
                return Ok(Match {
                    arms,
                    end: token.span,
                });
            }
            if !self.at_arm_head() {
                return Err(Diagnostic::new(
                    token.span,
                    format!("expected a match arm `Variant ->` or `Variant {{ >field }} ->`, or `end`, found `{}`", token.text),
                ));
            }
            self.next();
            let variant = Name {
                text: token.text.clone(),
                span: token.span,
            };
            let bindings = if self
                .peek()
                .is_some_and(|t| t.kind == Kind::Open(Delim::Brace))
            {
                self.next();
                Some(self.bindings(&variant)?)
            } else {
                None
            };
            let arrow = match self.next() {
                Some(t) if t.is("->") => t.span,
                other => {
                    return Err(Diagnostic::new(
                        other.map_or(variant.span, |t| t.span),
                        format!("expected `->` after the arm's variant `{}`", variant.text),
                    ))
                }
            };
            let (body, end) = self.sequence(decisions, depth)?;
            arms.push(MatchArm {
                variant,
                bindings,
                body,
                arrow,
            });
            match end {
                End::Arm(_) => {}
                End::Closing(span) => {
                    return Ok(Match { arms, end: span });
                }
                other => return Err(unterminated_match(at, other.span())),
            }
        }
    }

    /// `{ >field ... }` after an arm's variant (the `{` consumed).
    fn bindings(&mut self, variant: &Name) -> Result<Vec<Name>, Diagnostic> {
        let mut names = Vec::new();
        loop {
            let Some(token) = self.next() else {
                return Err(Diagnostic::new(
                    variant.span,
                    "unterminated field list: missing `}`",
                ));
            };
            if token.kind == Kind::Close(Delim::Brace) {
                return Ok(names);
            }
            match token.word().and_then(|w| w.strip_prefix('>')) {
                Some(field) if !field.is_empty() => names.push(Name {
                    text: field.to_string(),
                    span: token.span,
                }),
                _ => {
                    return Err(Diagnostic::new(
                        token.span,
                        format!(
                            "expected `>field` in the arm's braces, found `{}`",
                            token.text
                        ),
                    )
                    .help(format!(
                        "`{} {{ >x >y }} ->` pushes the fields x and y",
                        variant.text
                    )))
                }
            }
        }
    }
}

fn unterminated_match(at: Span, reached: Span) -> Diagnostic {
    Diagnostic::new(at, "unterminated `match`: missing `end`")
        .note(format!("reached {} without it", reached.start))
}

fn arm_outside(span: Span) -> Diagnostic {
    Diagnostic::new(span, "a match arm (`Variant ->`) outside a `match`")
        .help("arms go between `match` and `end`: `match A -> ... B -> ... end`")
}

fn stray(span: Span, word: &str) -> Diagnostic {
    Diagnostic::new(span, format!("`{word}` without a block-form `if`")).help(
        "the block form is `cond if A else B then`; the combinator form is `cond [ A ] [ B ] if`",
    )
}

fn misplaced_delimiter(token: &Token, d: Delim) -> Diagnostic {
    let what = match d {
        Delim::Paren => {
            "a stack effect belongs right after a word's name; `( )` cannot appear in a body"
        }
        Delim::Brace => {
            "`{ }` belongs to union definitions and match arms (`Variant { >field } ->`)"
        }
        Delim::Bracket => "unbalanced `]`",
    };
    Diagnostic::new(token.span, format!("unexpected `{}`: {what}", token.text))
}

#[cfg(test)]
mod tests {
    use crate::ast::{Item, Stmt, StmtKind};
    use crate::lex::text::lex;
    use crate::parse::parse;

    fn body(src: &str) -> Vec<Stmt> {
        let p = parse(&lex(&format!(": f ( -- ) {src} ;")).unwrap()).unwrap();
        let Item::Word(w) = p.items.into_iter().next().unwrap() else {
            panic!()
        };
        w.body
    }

    fn error(src: &str) -> String {
        parse(&lex(&format!(": f ( -- ) {src} ;")).unwrap())
            .unwrap_err()
            .message
    }

    fn shape(stmts: &[Stmt]) -> String {
        stmts
            .iter()
            .map(|s| match &s.kind {
                StmtKind::Int(n) => n.to_string(),
                StmtKind::Float(x) => format!("{x:?}"),
                StmtKind::Bool(b) => b.to_string(),
                StmtKind::Str(s) => format!("{s:?}"),
                StmtKind::Word(w) => w.clone(),
                StmtKind::Quotation(q) => format!("[{}]", shape(&q.body)),
                StmtKind::If(b) => format!("IF({} | {})", shape(&b.then_body), shape(&b.else_body)),
                StmtKind::Symbol(s) => format!(":{s}"),
                StmtKind::Match(m) => {
                    let arms: Vec<String> = m
                        .arms
                        .iter()
                        .map(|a| {
                            let fields = a.bindings.as_ref().map_or(String::new(), |b| {
                                let names: Vec<&str> = b.iter().map(|n| n.text.as_str()).collect();
                                format!("{{{}}}", names.join(" "))
                            });
                            format!("{}{fields}: {}", a.variant.text, shape(&a.body))
                        })
                        .collect();
                    format!("MATCH({})", arms.join(" | "))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn both_forms_of_if() {
        assert_eq!(shape(&body("c if 1 else 2 then")), "c IF(1 | 2)");
        assert_eq!(shape(&body("c if 1 then")), "c IF(1 | )");
        assert_eq!(shape(&body("c [ 1 ] [ 2 ] if")), "c [1] [2] if");
        assert_eq!(shape(&body("c [ 1 ] when")), "c [1] when");
    }

    #[test]
    fn nested_and_mixed_ifs() {
        assert_eq!(
            shape(&body("a if b if 1 then else 2 then")),
            "a IF(b IF(1 | ) | 2)"
        );
        assert_eq!(
            shape(&body("a if b [ 1 ] [ 2 ] if then")),
            "a IF(b [1] [2] if | )"
        );
        assert_eq!(
            shape(&body("[ a if 1 else 2 then ] call")),
            "[a IF(1 | 2)] call"
        );
        assert_eq!(shape(&body("a [ b if ] call")), "a [b if] call");
    }

    #[test]
    fn literals_and_quotations() {
        assert_eq!(
            shape(&body("1 -2.5 true \"s\" [ [ dup ] ]")),
            "1 -2.5 true \"s\" [[dup]]"
        );
    }

    #[test]
    fn body_errors() {
        assert!(error("c if 1 else 2").contains("unterminated `if`"));
        assert!(error("c if 1 else 2 else 3 then").contains("second `else`"));
        assert!(error("then").contains("without a block-form `if`"));
        assert!(error("[ 1").contains("unterminated quotation"));
        assert!(error("1 ]").contains("without a matching `[`"));
        assert!(error("( 1 )").contains("stack effect belongs"));
        assert!(error("match").contains("expected a match arm"));
        assert!(error("match A -> 1").contains("unterminated `match`"));
        assert!(error("match 1 end").contains("expected a match arm"));
        assert!(error("match A { r } -> end").contains("`>field`"));
        assert!(error("match A 1 end").contains("expected a match arm"));
        assert!(error("A -> 1").contains("outside a `match`"));
        assert!(error("1 end").contains("without a `match`"));
        assert!(error("[ match A -> ] end").contains("unterminated"));
    }

    #[test]
    fn matches_and_symbols() {
        assert_eq!(
            shape(&body(
                ":ok match Circle { >r } -> r dup Rect -> if 1 else 2 then Empty -> end"
            )),
            ":ok MATCH(Circle{r}: r dup | Rect: IF(1 | 2) | Empty: )"
        );
        assert_eq!(
            shape(&body(
                "match A -> c [ 1 ] [ 2 ] if B -> match C -> 3 end end"
            )),
            "MATCH(A: c [1] [2] if | B: MATCH(C: 3))"
        );
        assert_eq!(
            shape(&body("c if match A -> 1 end then")),
            "c IF(MATCH(A: 1) | )"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[ ".repeat(10_000);
        assert!(error(&deep).contains("nested too deeply"));
        let deep_ifs = "c if ".repeat(10_000);
        assert!(error(&deep_ifs).contains("nested too deeply"));
    }

    #[test]
    fn many_unmatched_ifs_are_decided_once_each() {
        // Without remembering decisions this would take 2^100 steps.
        let src = "c if ".repeat(100);
        assert_eq!(body(&src).len(), 200);
    }
}
