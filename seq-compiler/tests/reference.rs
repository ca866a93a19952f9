//! The generated reference pages in `docs/` are up to date: each committed file equals
//! what `seq_compiler::reference` generates from the builtin table and the standard
//! modules now.

use seq_compiler::reference::{std_markdown, words_markdown, REGENERATE};
use std::path::Path;

/// Fails with the regenerating command when `docs/<file>` differs from `generated`.
fn assert_current(file: &str, generated: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../docs")
        .join(file);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()))
            + 1;
        panic!(
            "docs/{file} is out of date (first difference at line {line}): regenerate it with \
             `{REGENERATE}` and commit the result"
        );
    }
}

#[test]
fn words_page_is_current() {
    assert_current("words.md", &words_markdown());
}

#[test]
fn std_page_is_current() {
    assert_current("std.md", &std_markdown());
}
