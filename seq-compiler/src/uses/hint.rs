//! The hint on an unknown word that a `.seq` file of the crate, or a `seq!` block of one of
//! its `.rs` files, defines.
//!
//! Only computed when a `seq!` fails with an unknown word: the `.seq` and `.rs` files under
//! the crate's directory and the calling file's directory are read (skipping `target` and
//! hidden directories, a bounded number of files) and each is searched for a definition
//! `: name` (in a `.rs` file, in its `seq!` blocks). No checking: the hint only says where
//! the word is and how to bring it in.

use crate::diag::Diagnostics;
use crate::lex::Kind;
use std::path::{Path, PathBuf};

/// The most files read for one hint, and the deepest directory walked.
const MAX_FILES: usize = 2000;
const MAX_DEPTH: usize = 6;

/// Adds to each "unknown word" error whose word a `.seq` file under `bases` defines the
/// `use` that brings it in.
pub fn add_hints(errors: &mut Diagnostics, bases: &[PathBuf]) {
    let mut files: Option<Vec<(PathBuf, String)>> = None;
    for d in &mut errors.0 {
        let Some(name) = d
            .message
            .strip_prefix("unknown word `")
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
        else {
            continue;
        };
        let files = files.get_or_insert_with(|| source_files(bases));
        if let Some(help) = files
            .iter()
            .find_map(|(path, shown)| defines(path, shown, &name))
        {
            *d = d.clone().help(help);
        }
    }
}

/// The help for `name` if the file at `path` (shown as `shown`) defines it.
fn defines(path: &Path, shown: &str, name: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    if path.extension().is_some_and(|e| e == "rs") {
        if !text.contains("seq!") || !text.contains(name) {
            return None;
        }
        let modules = super::rust_file::defining(&text, name)?;
        let module = module_path(shown, &modules);
        return Some(format!(
            "`{name}` is defined in a `seq!` block of `{shown}`: it can be used here with `use {module}::{{ {name} }} from \"{shown}\" ;`"
        ));
    }
    let tokens = crate::lex::text::lex(&text).ok()?;
    tokens
        .windows(2)
        .any(|w| w[0].is(":") && matches!(&w[1].kind, Kind::Word(n) if n == name))
        .then(|| format!(
            "`{name}` is defined in `{shown}`: where an `include_seq!(\"{shown}\")` expands, its words can be used here with `use crate::module::{{ {name} }} from \"{shown}\" ;`"
        ))
}

/// The Rust module a file of the crate (its path relative to the crate) is, by Cargo's
/// layout (`src/lib.rs` is `crate`, `src/a/b.rs` and `src/a/b/mod.rs` are `crate::a::b`;
/// a test, example or bench file is its own crate's root), and the inline modules inside.
fn module_path(shown: &str, inline: &[String]) -> String {
    let mut path = vec!["crate".to_string()];
    if let Some(inside) = shown.strip_prefix("src/") {
        let inside = inside.trim_end_matches(".rs");
        let mut parts: Vec<&str> = inside.split('/').collect();
        if matches!(parts.last(), Some(&"mod")) || parts == ["lib"] || parts == ["main"] {
            parts.pop();
        }
        path.extend(parts.into_iter().map(str::to_string));
    }
    path.extend(inline.iter().cloned());
    path.join("::")
}

/// Every `.seq` and `.rs` file under the bases, with its path relative to its base, in a
/// stable order.
fn source_files(bases: &[PathBuf]) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for base in bases {
        let mut found = Vec::new();
        walk(base, 0, &mut found);
        found.sort();
        for path in found {
            let shown = path
                .strip_prefix(base)
                .unwrap_or(&path)
                .display()
                .to_string();
            if out.len() < MAX_FILES && !out.iter().any(|(p, _)| *p == path) {
                out.push((path, shown));
            }
        }
    }
    out
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH || out.len() >= MAX_FILES {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        if path.is_dir() {
            if !name.starts_with('.') && name != "target" {
                walk(&path, depth + 1, out);
            }
        } else if path.extension().is_some_and(|e| e == "seq" || e == "rs") && out.len() < MAX_FILES
        {
            out.push(path);
        }
    }
}
