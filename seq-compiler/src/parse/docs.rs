//! Doc comments: `/// text` inside `seq!`, `## text` in a `.seq` file.
//!
//! Before parsing, the doc tokens are taken out of the token list ([`strip`]) and kept by
//! the index of the token that follows them, so the grammar of bodies and effects never
//! sees them. A definition (`:`), `union`, `type`, variant or field claims the block just
//! before its first token ([`Parser::take_doc`]); a block nothing claims (before a
//! statement, before `include`, at the end) is an error at the comment, as is Rust's inner
//! `//!`, which documents the module around `seq!` and cannot be placed inside it.

use super::Parser;
use crate::diag::{Diagnostic, Span};
use crate::lex::{Kind, Token};

/// The doc comment lines written together before one token.
#[derive(Debug)]
pub(crate) struct DocBlock {
    /// The lines, as rustdoc reads them.
    pub lines: Vec<String>,
    /// From the first line to the last.
    pub span: Span,
    /// Whether they were written `///` (in Rust tokens) rather than `##`.
    pub rust: bool,
}

/// The tokens without their doc comments, and for each index of that list (and one past
/// its end) the doc block written just before it.
pub(crate) fn strip(tokens: &[Token]) -> Result<(Vec<Token>, Vec<Option<DocBlock>>), Diagnostic> {
    let mut kept = Vec::with_capacity(tokens.len());
    let mut docs: Vec<Option<DocBlock>> = Vec::new();
    let mut pending: Option<DocBlock> = None;
    for token in tokens {
        match &token.kind {
            Kind::Doc { inner: true, .. } => {
                return Err(Diagnostic::new(
                    token.span,
                    "an inner doc comment `//!` documents the module around `seq!`, and cannot be written inside it",
                )
                .help("write it at the top of the Rust module, outside `seq!`; to document a word, use `///` before its definition"));
            }
            Kind::Doc { text, .. } => match &mut pending {
                Some(block) => {
                    block.lines.push(text.clone());
                    block.span = block.span.to(token.span);
                }
                None => {
                    pending = Some(DocBlock {
                        lines: vec![text.clone()],
                        span: token.span,
                        rust: token.text.starts_with("///"),
                    })
                }
            },
            _ => {
                docs.push(pending.take());
                kept.push(token.clone());
            }
        }
    }
    docs.push(pending);
    Ok((kept, docs))
}

impl Parser<'_> {
    /// The doc comment before the token at `index`, claimed by the item starting there.
    pub(crate) fn take_doc(&mut self, index: usize) -> Vec<String> {
        self.docs
            .get_mut(index)
            .and_then(Option::take)
            .map_or_else(Vec::new, |block| block.lines)
    }

    /// The doc comment before the next token.
    pub(crate) fn take_next_doc(&mut self) -> Vec<String> {
        self.take_doc(self.at)
    }

    /// An error for the first doc comment no item claimed.
    pub(crate) fn unclaimed_doc(&self) -> Option<Diagnostic> {
        let (index, block) = self
            .docs
            .iter()
            .enumerate()
            .find_map(|(i, d)| d.as_ref().map(|d| (i, d)))?;
        let followed = match self.tokens.get(index) {
            Some(token) => format!("`{}`", token.text),
            None => "nothing: it is at the end".to_string(),
        };
        let comment = if block.rust { "//" } else { "#" };
        Some(
            Diagnostic::new(
                block.span,
                format!("a doc comment documents the word definition, `union`, variant, field or `type` that follows it, but this one is followed by {followed}"),
            )
            .help(format!("for an ordinary comment, write `{comment}`")),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::ast::Item;
    use crate::lex::text::lex;
    use crate::parse::parse;

    fn error(src: &str) -> String {
        parse(&lex(src).unwrap()).unwrap_err().message
    }

    #[test]
    fn docs_attach_to_the_item_that_follows() {
        let src = "## Squares.\n## Twice.\n: sq ( Int -- Int ) dup i.* ;\n\
                   ## Shapes.\nunion Shape {\n ## Round.\n Circle {\n ## Radius.\n r: Float }\n Empty }\n\
                   ## A Rust type.\ntype Pt = crate::Pt ;\n: e ( -- ) ;";
        let p = parse(&lex(src).unwrap()).unwrap();
        let Item::Word(w) = &p.items[0] else { panic!() };
        assert_eq!(w.doc, vec![" Squares.", " Twice."]);
        let Item::Union(u) = &p.items[1] else {
            panic!()
        };
        assert_eq!(u.doc, vec![" Shapes."]);
        assert_eq!(u.variants[0].doc, vec![" Round."]);
        assert_eq!(u.variants[0].fields[0].doc, vec![" Radius."]);
        assert!(u.variants[1].doc.is_empty());
        let Item::Type(t) = &p.items[2] else { panic!() };
        assert_eq!(t.doc, vec![" A Rust type."]);
        let Item::Word(e) = &p.items[3] else { panic!() };
        assert!(e.doc.is_empty());
    }

    #[test]
    fn docs_before_anything_else_are_errors() {
        assert!(error(": f ( -- ) 1 ## no\n drop ;").contains("followed by `drop`"));
        assert!(error(": f ( -- ) ;\n## dangling").contains("followed by nothing"));
        assert!(error("## x\ninclude std:imath").contains("followed by `include`"));
    }

    #[test]
    fn inner_docs_are_errors() {
        let ts: proc_macro2::TokenStream = "//! Module.\n: f ( -- ) ;".parse().unwrap();
        let tokens = crate::lex::tokens::lex(ts).unwrap();
        assert!(parse(&tokens)
            .unwrap_err()
            .message
            .contains("inner doc comment"));
    }
}
