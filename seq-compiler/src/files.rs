//! `.seq` files and includes.
//!
//! A program's `include "name"` items are resolved relative to the including file (with
//! `.seq` added), `include std:NAME` from the standard modules bundled in this crate
//! (`seq-compiler/std/`). Each file is read once however often it is included; the items
//! of every file join one program. Every file read gets an id in [`Sources`], so
//! positions and errors name it.
//!
//! The `seq!` input has no file of its own: it may include standard modules only.

use crate::ast::{Item, Program};
use crate::diag::{Diagnostic, Diagnostics, SourceText, Sources};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The standard modules: name and text.
pub const STD: &[(&str, &str)] = &[
    ("control", include_str!("../std/control.seq")),
    ("loops", include_str!("../std/loops.seq")),
    ("stack-utils", include_str!("../std/stack-utils.seq")),
    ("imath", include_str!("../std/imath.seq")),
    ("fmath", include_str!("../std/fmath.seq")),
    ("list", include_str!("../std/list.seq")),
    ("map", include_str!("../std/map.seq")),
    ("son", include_str!("../std/son.seq")),
    ("zipper", include_str!("../std/zipper.seq")),
    ("http", include_str!("../std/http.seq")),
    ("signal", include_str!("../std/signal.seq")),
    ("json", include_str!("../std/json.seq")),
    ("yaml", include_str!("../std/yaml.seq")),
];

/// Reads files and resolves includes for one compilation.
pub struct Loader {
    /// Paths shown in messages are relative to this directory (the crate's).
    root: PathBuf,
    /// Files and standard modules already included.
    seen: HashSet<String>,
    /// Every real file read, for rebuild tracking.
    pub read: Vec<PathBuf>,
}

impl Loader {
    /// A loader showing paths relative to `root`.
    pub fn new(root: &Path) -> Loader {
        Loader {
            root: root.to_path_buf(),
            seen: HashSet::new(),
            read: Vec::new(),
        }
    }

    /// Reads the program of the file at `path`, with everything it includes.
    pub fn load(&mut self, path: &Path) -> Result<Program, Diagnostics> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            let at = crate::diag::Span::text(Default::default(), Default::default());
            Diagnostics(vec![Diagnostic::new(
                at,
                format!("cannot read `{}`: {e}", path.display()),
            )])
        })?;
        let key = self.key(path);
        self.seen.insert(key);
        self.read.push(path.to_path_buf());
        let file = Sources::add(SourceText {
            name: self.shown(path),
            text: text.clone(),
        });
        let tokens = crate::lex::text::lex_file(&text, file).map_err(|d| Diagnostics(vec![d]))?;
        let mut program = crate::parse::parse_all(&tokens)?;
        if let Some(decl) = program.uses.first() {
            return Err(one(Diagnostic::new(
                decl.module_span,
                "`use` brings words of a `.seq` file into a `seq!` block; a `.seq` file `include`s the files it needs",
            )));
        }
        self.resolve(&mut program, path.parent())?;
        Ok(program)
    }

    /// Resolves the includes of a program read from a file in `dir` (`None`: the `seq!`
    /// input), appending the included items.
    pub fn resolve(
        &mut self,
        program: &mut Program,
        dir: Option<&Path>,
    ) -> Result<(), Diagnostics> {
        let mut added = Vec::new();
        for item in &program.items {
            let Item::Include(include) = item else {
                continue;
            };
            let target = &include.target;
            if include.std {
                let key = format!("std:{}", target.text);
                let Some((_, text)) = STD.iter().find(|(name, _)| *name == target.text) else {
                    let names: Vec<String> = STD.iter().map(|(n, _)| format!("std:{n}")).collect();
                    return Err(one(Diagnostic::new(
                        target.span,
                        format!("there is no standard module `std:{}`", target.text),
                    )
                    .note(format!("the standard modules are {}", names.join(", ")))));
                };
                if !self.seen.insert(key.clone()) {
                    continue;
                }
                let file = Sources::add(SourceText {
                    name: key,
                    text: text.to_string(),
                });
                let tokens = crate::lex::text::lex_file(text, file).map_err(one)?;
                let mut module = crate::parse::parse_all(&tokens)?;
                self.resolve(&mut module, None)?;
                added.extend(module.items);
                continue;
            }
            let Some(dir) = dir else {
                return Err(one(Diagnostic::new(
                    target.span,
                    format!("`include \"{}\"` needs a file to be relative to", target.text),
                )
                .help("inside `seq!` only standard modules can be included (`include std:imath`); compile `.seq` files with `seq::include_seq!(\"path/file.seq\")`")));
            };
            let mut path = dir.join(&target.text);
            if path.extension().is_none_or(|e| e != "seq") {
                path.set_extension("seq");
            }
            if self.seen.contains(&self.key(&path)) {
                continue;
            }
            if !path.is_file() {
                return Err(one(Diagnostic::new(
                    target.span,
                    format!(
                        "cannot include `{}`: there is no file `{}`",
                        target.text,
                        self.shown(&path)
                    ),
                )));
            }
            let included = self.load(&path)?;
            added.extend(included.items);
        }
        program.items.extend(added);
        Ok(())
    }

    fn key(&self, path: &Path) -> String {
        path.canonicalize()
            .unwrap_or_else(|_| path.to_path_buf())
            .display()
            .to_string()
    }

    /// A path as messages show it: relative to the root when inside it.
    fn shown(&self, path: &Path) -> String {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let root = self
            .root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone());
        path.strip_prefix(&root)
            .unwrap_or(&path)
            .display()
            .to_string()
    }
}

fn one(d: Diagnostic) -> Diagnostics {
    Diagnostics(vec![d])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_standard_module_compiles() {
        let dir = std::env::temp_dir().join(format!("seq-std-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, _) in STD {
            let path = dir.join(format!("{name}.seq"));
            std::fs::write(&path, format!("include std:{name}\n")).unwrap();
            let (result, read) = crate::compile_file(&path, &dir);
            if let Err(e) = result {
                panic!("std:{name}: {}", e.join("\n"));
            }
            assert_eq!(read, [path]);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
