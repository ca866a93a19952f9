//! The generated part of the language reference: `docs/words.md` (every builtin word,
//! from the builtin table: [`crate::builtins::GROUPS`], [`crate::builtins::ALIASES`],
//! [`crate::builtins::SUGAR`]) and `docs/std.md` (the words of the standard modules, read
//! from their `: name ( effect )` lines and the comments above them).
//!
//! `cargo run -p seq-compiler --example reference` rewrites both files; the test
//! `seq-compiler/tests/reference.rs` fails when a committed file differs from what these
//! functions generate.

use crate::builtins::{Builtin, ALIASES, GROUPS, LIBRARY, SUGAR};
use crate::files::STD;
use std::fmt::Write;

/// The command that regenerates the files, as the generated pages and the staleness test
/// name it.
pub const REGENERATE: &str = "cargo run -p seq-compiler --example reference";

/// `docs/words.md`: every builtin word, grouped by table, with its effect, meaning,
/// aliases and whether it waits; then the arithmetic sugar.
pub fn words_markdown() -> String {
    let mut out = String::new();
    out.push_str("# Builtin words\n\n");
    out.push_str(&generated_note("the table in `seq-compiler/src/builtins/`"));
    out.push_str(
        "Every word the compiler knows without an include. An effect `( inputs -- outputs )` \
         lists values bottom first, so the last input is the top of the stack. `T`, `U`, ... \
         are any type (the same letter is the same type within one effect); `..a` is the rest \
         of the stack (a row variable). A meaning ending in *Waits.* is a word that can \
         suspend its strand; in asynchronous code it holds no stack while it waits (see \
         [strands](strands.md)). \
         Words that can fail leave a `Bool` on top: `true` on success; on failure, `false` \
         and the zero value of each other output, as each meaning says.\n\n\
         The [language](language.md) describes the syntax; the [standard modules](std.md) \
         add words written in Seq.\n\n",
    );
    out.push_str("## Contents\n\n");
    for group in GROUPS {
        let _ = writeln!(
            out,
            "- [{}](#{}) ({} words)",
            group.title,
            slug(group.title),
            group.words.len()
        );
    }
    out.push_str("- [Arithmetic sugar](#arithmetic-sugar)\n\n");
    for group in GROUPS {
        let _ = write!(out, "## {}\n\n{}\n\n", group.title, group.about);
        out.push_str("| Word | Effect | Meaning |\n|---|---|---|\n");
        for builtin in group.words {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} |",
                word_cell(builtin),
                cell(builtin.effect),
                meaning(builtin)
            );
        }
        out.push('\n');
    }
    out.push_str(&sugar());
    out
}

/// The Word column: the name, its verbose aliases, and whether a program may redefine it.
fn word_cell(builtin: &Builtin) -> String {
    let mut text = format!("`{}`", cell(builtin.name));
    let aliases: Vec<String> = ALIASES
        .iter()
        .filter(|(_, to)| *to == builtin.name)
        .map(|(alias, _)| format!("`{}`", cell(alias)))
        .collect();
    if !aliases.is_empty() {
        let _ = write!(text, "<br>alias {}", aliases.join(", "));
    }
    text
}

/// The Meaning column: the table's doc, with the marks for waiting and redefinable words.
fn meaning(builtin: &Builtin) -> String {
    let mut text = cell(builtin.doc);
    if builtin.waits.is_some() {
        text.push_str(" *Waits.*");
    }
    if LIBRARY.contains(&builtin.name) {
        text.push_str(" *A program may define its own.*");
    }
    text
}

/// The section on `+`, `=` and the other operators that mean a builtin by operand type.
fn sugar() -> String {
    let mut out = String::from(
        "## Arithmetic sugar\n\n\
         These operators mean the builtin for the type that both operands on the stack have; \
         operands of different types (an Int and a Float) are a compile error.\n\n\
         | Word | Two Ints | Two Floats | Two Strings |\n|---|---|---|---|\n",
    );
    let or_dash = |word: Option<&str>| word.map_or("—".to_string(), |w| format!("`{w}`"));
    for (word, int, float, string) in SUGAR {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} | {} |",
            cell(word),
            int,
            or_dash(*float),
            or_dash(*string)
        );
    }
    out
}

/// `docs/std.md`: every standard module with its first comment paragraph and its words.
pub fn std_markdown() -> String {
    let mut out = String::new();
    out.push_str("# Standard modules\n\n");
    out.push_str(&generated_note("the modules in `seq-compiler/std/`"));
    out.push_str(
        "Modules written in Seq and bundled with the compiler. `include std:NAME` (at the top \
         level of a program or `.seq` file) brings a module's words; including it twice \
         includes it once. Notes are the comments above each word in its source.\n\n",
    );
    out.push_str("## Contents\n\n");
    for (name, _) in STD {
        let _ = writeln!(out, "- [std:{name}](#std{})", slug(name));
    }
    out.push('\n');
    for (name, text) in STD {
        let _ = write!(out, "## std:{name}\n\n");
        let summary = header(text);
        if !summary.is_empty() {
            let _ = write!(out, "{summary}\n\n");
        }
        let _ = write!(
            out,
            "Source: [`seq-compiler/std/{name}.seq`](../seq-compiler/std/{name}.seq)\n\n"
        );
        out.push_str("| Word | Effect | Notes |\n|---|---|---|\n");
        for (word, effect, note) in definitions(text) {
            let _ = writeln!(
                out,
                "| `{}` | `{}` | {} |",
                cell(&word),
                cell(&effect),
                note
            );
        }
        out.push('\n');
    }
    out
}

/// The module's first comment paragraph, as one line.
fn header(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map_while(|line| line.strip_prefix('#'))
        .map(str::trim)
        .take_while(|line| !line.is_empty())
        .collect();
    cell(&lines.join(" "))
}

/// Each definition `: name ( effect ) ...` with the comment lines right above it.
fn definitions(text: &str) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    let mut comment: Vec<&str> = Vec::new();
    for line in text.lines() {
        if let Some(note) = line.strip_prefix('#') {
            comment.push(note.trim());
            continue;
        }
        if let Some(rest) = line.strip_prefix(": ") {
            let name = rest.split_whitespace().next().unwrap_or_default();
            let effect = match (rest.find('('), rest.find(')')) {
                (Some(open), Some(close)) if open < close => &rest[open..=close],
                _ => "",
            };
            found.push((
                name.to_string(),
                effect.to_string(),
                cell(&comment.join(" ")),
            ));
        }
        comment.clear();
    }
    found
}

/// The note at the top of a generated page.
fn generated_note(source: &str) -> String {
    format!(
        "<!-- Generated from {source} by `{REGENERATE}`; edit the source, not this file. -->\n\n"
    )
}

/// Text safe in a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// The anchor GitHub gives a heading: lower case, spaces to `-`, other punctuation
/// dropped.
fn slug(title: &str) -> String {
    title
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_and_alias_is_listed() {
        let page = words_markdown();
        for builtin in crate::builtins::all() {
            assert!(
                page.contains(&format!("| `{}`", builtin.name)),
                "{}",
                builtin.name
            );
        }
        for (alias, _) in ALIASES {
            assert!(page.contains(&format!("`{alias}`")), "{alias}");
        }
    }

    #[test]
    fn std_definitions_are_read_with_their_notes() {
        let words =
            definitions("# Two flags.\n: both? ( Bool Bool -- Bool ) and ;\n\n: x ( -- ) ;");
        assert_eq!(
            words[0],
            (
                "both?".into(),
                "( Bool Bool -- Bool )".into(),
                "Two flags.".into()
            )
        );
        assert_eq!(words[1], ("x".into(), "( -- )".into(), String::new()));
        assert_eq!(slug("Strings, I/O and time"), "strings-io-and-time");
    }
}
