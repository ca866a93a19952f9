//! The `seq!` blocks of a Rust file: `use crate::m::{ word } from "src/m.rs" ;` reads
//! the words of the blocks a module's file holds, and `seq expand` expands them.
//!
//! Seq words are rebuilt from token positions (`i.+` is three Rust tokens), so a file's
//! tokens need real lines and columns. Inside a proc macro, text parsed into tokens gets
//! the macro's call site instead; [`with_positions`] has proc-macro2 parse with its own
//! implementation, which keeps them, for as long as a closure runs. What is made there
//! (tokens, spans, diagnostics) stays there: the closure returns plain data only.

use super::exports::Exports;
use crate::ast::{Item, Name};
use crate::diag::Diagnostic;
use proc_macro2::TokenStream;
use std::cell::Cell;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// One `seq! { ... }` invocation in a Rust file.
pub struct RustBlock {
    /// The line of the macro's name.
    pub line: usize,
    /// The inline modules (`mod name { .. }`) it sits in, outermost first.
    pub modules: Vec<String>,
    /// Whether its items can be named by a path: not inside a function's body.
    pub reachable: bool,
    /// What is between its braces.
    pub tokens: TokenStream,
}

/// Every `seq!` (or `path::seq!`) invocation of a parsed Rust file, in source order.
pub fn blocks(file: &syn::File) -> Vec<RustBlock> {
    let mut finder = Finder::default();
    finder.visit_file(file);
    finder.blocks
}

#[derive(Default)]
struct Finder {
    blocks: Vec<RustBlock>,
    modules: Vec<String>,
    bodies: usize,
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if mac.path.segments.last().is_some_and(|s| s.ident == "seq") {
            let line = mac
                .path
                .segments
                .first()
                .map_or(0, |s| s.ident.span().start().line);
            self.blocks.push(RustBlock {
                line,
                modules: self.modules.clone(),
                reachable: self.bodies == 0,
                tokens: mac.tokens.clone(),
            });
        }
        syn::visit::visit_macro(self, mac);
    }

    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        self.modules.push(module.ident.to_string());
        syn::visit::visit_item_mod(self, module);
        self.modules.pop();
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.bodies += 1;
        syn::visit::visit_block(self, block);
        self.bodies -= 1;
    }
}

thread_local! {
    /// How many [`with_positions`] calls are running on this thread.
    static POSITIONS: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` with proc-macro2 parsing text itself, so tokens carry lines and columns even
/// inside a proc macro. Nests; the compiler's implementation is back when the outermost
/// call returns, or unwinds.
pub fn with_positions<T>(f: impl FnOnce() -> T) -> T {
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            let depth = POSITIONS.with(|d| {
                d.set(d.get() - 1);
                d.get()
            });
            if depth == 0 {
                proc_macro2::fallback::unforce();
            }
        }
    }
    if POSITIONS.with(|d| d.replace(d.get() + 1)) == 0 {
        proc_macro2::fallback::force();
    }
    let _restore = Restore;
    f()
}

/// The exports of the blocks of the Rust file at `path` (shown as `shown`) that define
/// one of `wanted`: each such block is checked as its own `seq!` would be, its `use`
/// declarations resolved from `bases`. A block that does not lex or parse is skipped (its
/// own invocation reports it). Errors are a message and a note, spanless.
pub(super) fn exports(
    path: &Path,
    shown: &str,
    wanted: &[Name],
    bases: &[PathBuf],
    read: &mut Vec<PathBuf>,
) -> Result<Exports, (String, String)> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| (format!("cannot read `{shown}`"), e.to_string()))?;
    with_positions(|| {
        let file = syn::parse_file(&text).map_err(|e| {
            let at = e.span().start();
            (
                format!("cannot use words of `{shown}`: it is not Rust"),
                format!("{shown}:{}:{}: {e}", at.line, at.column + 1),
            )
        })?;
        let broken = |errors: &crate::diag::Diagnostics| {
            let first = errors.iter().next().map(Diagnostic::render_in_file);
            (
                format!("cannot use words of `{shown}`: the block defining them does not compile"),
                format!("in {shown}: {}", first.unwrap_or_default()),
            )
        };
        let mut all = Exports::default();
        for block in blocks(&file).into_iter().filter(|b| b.reachable) {
            let Ok(tokens) = crate::lex::tokens::lex(block.tokens) else {
                continue;
            };
            let Ok(mut program) = crate::parse::parse_all(&tokens) else {
                continue;
            };
            let defines = |name: &Name| program.items.iter().any(|i| i.name().text == name.text);
            if !wanted.iter().any(defines) {
                let words = program.items.iter().filter(|i| matches!(i, Item::Word(_)));
                all.unread.extend(words.map(|i| i.name().text.clone()));
                continue;
            }
            crate::files::Loader::new(Path::new("."))
                .resolve(&mut program, None)
                .map_err(|e| broken(&e))?;
            // The block's own `use`s: their errors (a cycle among them) are passed on.
            super::resolve(&mut program, bases, read).map_err(|errors| {
                let first = errors.iter().next();
                let message = first.map_or_else(String::new, |d| d.message.clone());
                let at = first.map_or_else(String::new, |d| d.span.start.to_string());
                (message, format!("in {shown}, at {at}"))
            })?;
            let checked = crate::check::check(&program).map_err(|e| broken(&e))?;
            all.extend(Exports::of(&program, &checked));
        }
        Ok(all)
    })
}

/// The inline modules of the first reachable block of the Rust source `text` that
/// defines the word `name` (parsed, not checked), if one does.
pub(super) fn defining(text: &str, name: &str) -> Option<Vec<String>> {
    with_positions(|| {
        let file = syn::parse_file(text).ok()?;
        blocks(&file).into_iter().find_map(|block| {
            let tokens = crate::lex::tokens::lex(block.tokens).ok()?;
            let program = crate::parse::parse_all(&tokens).ok()?;
            let defines = program
                .items
                .iter()
                .any(|i| matches!(i, crate::ast::Item::Word(_)) && i.name().text == name);
            (block.reachable && defines).then_some(block.modules)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_know_their_modules_and_reach() {
        let file: syn::File = syn::parse_str(
            "seq::seq! { : a ( -- ) ; }\nmod inner { mod deeper { seq! { : b ( -- ) ; } } }\nfn f() { seq! { : c ( -- ) ; } }",
        )
        .unwrap();
        let found = blocks(&file);
        let shape: Vec<(usize, Vec<String>, bool)> = found
            .iter()
            .map(|b| (b.line, b.modules.clone(), b.reachable))
            .collect();
        assert_eq!(
            shape,
            vec![
                (1, vec![], true),
                (2, vec!["inner".to_string(), "deeper".to_string()], true),
                (3, vec![], false),
            ]
        );
    }

    #[test]
    fn positions_nest_and_come_back() {
        let lines = with_positions(|| {
            let inner = with_positions(|| {
                let tokens: TokenStream = "a\n  b".parse().unwrap();
                tokens
                    .into_iter()
                    .map(|t| t.span().start().line)
                    .collect::<Vec<_>>()
            });
            assert_eq!(POSITIONS.with(Cell::get), 1);
            inner
        });
        assert_eq!(lines, vec![1, 2]);
        assert_eq!(POSITIONS.with(Cell::get), 0);
    }
}
