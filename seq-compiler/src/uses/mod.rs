//! Words across macro blocks: `use crate::parse::{ parse-line } from "src/parse.seq" ;`
//! or, for words of an inline block, `use crate::parse::{ parse-line } from "src/parse.rs" ;`.
//!
//! Each proc macro invocation runs alone: a `seq!` cannot see what another `seq!` or
//! `include_seq!` expanded to, so a word defined elsewhere was an unknown word unless its
//! effect was restated with `extern`. The design chosen here:
//!
//! - **Files, not expansions.** A `use` names the file that defines the words, relative
//!   to the crate (as `include_seq!`'s path is): a `.seq` file the crate compiles with
//!   `include_seq!`, or a `.rs` file whose `seq! { ... }` blocks define them. The `seq!`
//!   reads and checks that file (a `.seq` file with its includes, as `include_seq!` does;
//!   of a `.rs` file, each block that defines a named word, as its own `seq!` does) and
//!   learns the effects of the words named. (Reading another macro's *expansion* is
//!   impossible for a proc macro; hidden items carrying effects as data could only be
//!   checked after expansion, too late to type-check Seq.)
//! - **The Rust path is the user's.** Where the words expand (the module of the
//!   `include_seq!` or the `seq!`) is Rust's business, so the declaration names it: each
//!   word becomes an `extern` of `module::rust_name` (`module::rust_name_async` and
//!   `extern async` for a word that waits), with the effect read from the file. The
//!   generated `extern` check (`const _: fn(i64) -> i64 = crate::parse::parse_line;`)
//!   makes rustc verify the module, the function and its types, spanned at the
//!   declaration: a wrong module or a file that is not the one that module holds is a
//!   compile error there, never a runtime fault.
//! - **Unions and Rust types** of the file that the used effects mention come along as
//!   `type Name = module::Name ;` (a union's enum) or the file's own `type` path.
//! - The file is tracked, so editing it rebuilds the using crate. A block reading the
//!   file that holds it reads only the blocks defining the named words; a cycle of
//!   blocks using each other's words is an error.
//!
//! Only words with concrete effects can be used (a generic word has no single Rust
//! function, a word taking a quotation is inlined and has none). [`hint`] adds to an
//! unknown word the `use` that would bring it in when a `.seq` file of the crate, or a
//! `seq!` block of one of its `.rs` files, defines it.

mod exports;
pub mod hint;
pub mod rust_file;

use crate::ast::{ExternDef, Item, Name, Program, TypeDef, UseDecl};
use crate::check::check;
use crate::diag::{Diagnostic, Diagnostics};
use crate::suggest::did_you_mean;
use exports::{Exports, Unusable};
use proc_macro2::{Ident, TokenStream, TokenTree};
use std::path::{Path, PathBuf};

/// Resolves the `use` declarations of `program` into `extern`s (and type aliases), reading
/// the files from the first of `bases` that has them; every file read is added to `read`.
pub fn resolve(
    program: &mut Program,
    bases: &[PathBuf],
    read: &mut Vec<PathBuf>,
) -> Result<(), Diagnostics> {
    let mut errors = Vec::new();
    for decl in std::mem::take(&mut program.uses) {
        match resolve_one(&decl, program, bases, read) {
            Ok(items) => program.items.extend(items),
            Err(d) => errors.push(d),
        }
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(Diagnostics(errors)),
    }
}

thread_local! {
    /// The files, and the words of each, being read on this thread (a `use` inside a
    /// block that a `use` reads): the same words of the same file read twice is a cycle.
    static READING: std::cell::RefCell<Vec<(PathBuf, Vec<String>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The items one declaration stands for.
fn resolve_one(
    decl: &UseDecl,
    program: &Program,
    bases: &[PathBuf],
    read: &mut Vec<PathBuf>,
) -> Result<Vec<Item>, Diagnostic> {
    let file = &decl.file;
    let Some(base) = bases.iter().find(|b| b.join(&file.text).is_file()) else {
        return Err(Diagnostic::new(
            file.span,
            format!("there is no file `{}`: a path is relative to the crate's directory or to the directory of the Rust file that calls the macro", file.text),
        ));
    };
    let path = base.join(&file.text);
    let reading = (
        path.clone(),
        decl.words.iter().map(|w| w.text.clone()).collect(),
    );
    if READING.with(|r| r.borrow().contains(&reading)) {
        let words: Vec<String> = decl.words.iter().map(|w| format!("`{}`", w.text)).collect();
        return Err(Diagnostic::new(
            file.span,
            format!("a cycle of `use`s: {} of `{}` ends up using the block that uses it; blocks that use each other's words must be one block", words.join(", "), file.text),
        ));
    }
    READING.with(|r| r.borrow_mut().push(reading));
    let exports = exports_of(&path, base, decl, bases, read);
    READING.with(|r| r.borrow_mut().pop());
    let exports =
        exports.map_err(|(message, note)| Diagnostic::new(file.span, message).note(note))?;
    let mut items = Vec::new();
    let mut effects = String::new();
    for name in &decl.words {
        let Some(word) = exports.words.iter().find(|w| w.name == name.text) else {
            return Err(missing(name, file, &exports));
        };
        if let Some(problem) = &word.problem {
            return Err(Diagnostic::new(
                name.span,
                format!("`{}` {problem}", name.text),
            ));
        }
        effects.push_str(&word.effect);
        items.push(Item::Extern(ExternDef {
            name: name.clone(),
            doc: Vec::new(),
            effect: effect_of(&word.effect, name)?,
            path: rust_path(decl, &word.rust, name),
            path_span: name.span,
            is_async: word.is_async,
        }));
    }
    items.extend(types_of(decl, &exports, program, &effects));
    Ok(items)
}

/// What the file at `path` offers: a `.rs` file's `seq!` blocks ([`rust_file`]), or a
/// `.seq` file read, included and checked as `include_seq!` does.
fn exports_of(
    path: &Path,
    base: &Path,
    decl: &UseDecl,
    bases: &[PathBuf],
    read: &mut Vec<PathBuf>,
) -> Result<Exports, (String, String)> {
    let shown = &decl.file.text;
    if path.extension().is_some_and(|e| e == "rs") {
        return rust_file::exports(path, shown, &decl.words, bases, read);
    }
    let mut loader = crate::files::Loader::new(base);
    let loaded = loader.load(path);
    read.append(&mut loader.read);
    let broken = |errors: &Diagnostics| {
        let first = errors.iter().next().map(Diagnostic::render_in_file);
        (
            format!("cannot use words of `{shown}`: the file does not compile"),
            first.unwrap_or_default(),
        )
    };
    let used = loaded.map_err(|e| broken(&e))?;
    let checked = check(&used).map_err(|e| broken(&e))?;
    Ok(Exports::of(&used, &checked))
}

/// The error for a word the file has no function for.
fn missing(name: &Name, file: &Name, exports: &Exports) -> Diagnostic {
    let unusable = exports.unusable.iter().find(|(n, _)| *n == name.text);
    match unusable {
        Some((_, Unusable::Inlined)) => Diagnostic::new(
            name.span,
            format!("`{}` takes a quotation, so it is inlined where it is used and has no Rust function to call from another block", name.text),
        ),
        Some((_, Unusable::Extern(path))) => Diagnostic::new(
            name.span,
            format!("`{}` is a Rust function declared with `extern` in `{}`", name.text, file.text),
        )
        .help(format!("declare it here as the file does: `: {} ( ... ) extern {path} ;`", name.text)),
        None => {
            let d = Diagnostic::new(
                name.span,
                format!("there is no word `{}` in `{}`", name.text, file.text),
            );
            let known = exports.words.iter().map(|w| w.name.as_str());
            match did_you_mean(&name.text, known.chain(exports.unread.iter().map(String::as_str))) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d,
            }
        }
    }
}

/// The effect text parsed as if written at the word's name in the declaration, so any
/// error in it points there.
fn effect_of(effect: &str, name: &Name) -> Result<crate::ast::EffectExpr, Diagnostic> {
    let mut tokens = crate::lex::text::lex(effect)?;
    for token in &mut tokens {
        token.span = name.span;
    }
    crate::parse::parse_effect(&tokens, name)
}

/// `module::rust_name`: the module spanned at the declaration's module path, the name at
/// the word, so rustc's errors point at what is wrong.
fn rust_path(decl: &UseDecl, rust: &str, name: &Name) -> TokenStream {
    let module: TokenStream = decl
        .module
        .parse()
        .expect("the parser checked that the module is a Rust path");
    let module_span = decl.module_span.rust();
    let mut path: TokenStream = module
        .into_iter()
        .map(|mut t| {
            t.set_span(module_span);
            t
        })
        .collect();
    let ident = match rust.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, name.span.rust()),
        None => Ident::new(rust, name.span.rust()),
    };
    let colons: TokenStream = "::".parse().expect("`::` is Rust");
    path.extend(colons.into_iter().map(|mut t| {
        t.set_span(module_span);
        t
    }));
    path.extend([TokenTree::Ident(ident)]);
    path
}

/// `type Name = ... ;` for each union or Rust type of the file that the used effects
/// mention and the using program does not define itself.
fn types_of(decl: &UseDecl, exports: &Exports, program: &Program, effects: &str) -> Vec<Item> {
    let mentioned: Vec<&str> = effects
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .collect();
    let defined = |name: &str| {
        program
            .items
            .iter()
            .any(|i| matches!(i, Item::Union(_) | Item::Type(_)) && i.name().text == name)
    };
    exports
        .types
        .iter()
        .filter(|(name, _)| mentioned.contains(&name.as_str()) && !defined(name))
        .map(|(name, rust)| {
            let name = Name {
                text: name.clone(),
                span: decl.module_span,
            };
            let path = match rust {
                // A union's enum is where the file is compiled.
                None => rust_path(decl, &name.text, &name),
                Some(path) => path.parse().expect("a type's path was Rust tokens"),
            };
            Item::Type(TypeDef {
                name,
                doc: Vec::new(),
                path,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// Compiles `seq` (as `seq!` input) next to a file `lib.seq` holding `file`.
    fn compile(file: &str, seq: &str) -> Result<String, String> {
        let dir =
            std::env::temp_dir().join(format!("seq-uses-{}-{}", std::process::id(), seq.len()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("lib.seq"), file).unwrap();
        let tokens = seq.parse().unwrap();
        let result = crate::compile_in(tokens, &[PathBuf::from(&dir)]);
        std::fs::remove_dir_all(&dir).unwrap();
        result.map(|t| t.to_string()).map_err(|e| e.to_string())
    }

    const LIB: &str = ": sq ( Int -- Int ) dup i.* ;\n: pair ( T -- T T ) dup ;\n: get ( Channel<Int> -- Int ) chan.receive drop ;\n";

    #[test]
    fn a_used_word_is_an_extern_of_the_module() {
        let code = compile(
            LIB,
            "use crate::m::{ sq get } from \"lib.seq\" ; : f ( Int -- Int ) sq ;",
        )
        .unwrap();
        assert!(
            code.contains("const _ : fn (i64) -> i64 = crate :: m :: sq ;"),
            "{code}"
        );
        assert!(
            code.contains("crate :: m :: get_async (a0) . await"),
            "{code}"
        );
        assert!(code.contains("include_str !"), "{code}");
    }

    #[test]
    fn generic_and_missing_words_are_errors() {
        let e = compile(LIB, "use m::{ pair } from \"lib.seq\" ; : f ( -- ) ;").unwrap_err();
        assert!(
            e.contains("only a word whose effect names concrete types"),
            "{e}"
        );
        let e = compile(LIB, "use m::{ sqq } from \"lib.seq\" ; : f ( -- ) ;").unwrap_err();
        assert!(
            e.contains("there is no word `sqq`") && e.contains("`sq`"),
            "{e}"
        );
        let e = compile(
            ": f ( -- ) 1 ;",
            "use m::{ f } from \"lib.seq\" ; : g ( -- ) ;",
        )
        .unwrap_err();
        assert!(e.contains("the file does not compile"), "{e}");
    }
}
