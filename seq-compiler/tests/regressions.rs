//! Inputs that once broke the compiler's contract (found by the fuzzers), kept as tests.
//!
//! Each file in `tests/regressions/` is a Seq source whose first line says what the
//! compiler must make of it now: `# expect: ok` (compiles, and the Rust parses) or
//! `# expect: error <text>` (rejected, every diagnostic spanned inside the input, and the
//! messages contain `<text>`). Every file must also keep the rest of the contract of
//! `support/mod.rs` (no panic, fast).
//!
//! Two ignored helpers for new findings:
//!
//! ```text
//! SEQ_INPUT=path cargo test -p seq-compiler --test regressions check_input -- --ignored --nocapture
//! SEQ_INPUT=path cargo test -p seq-compiler --test regressions minimize -- --ignored --nocapture
//! ```

mod support;

use std::path::{Path, PathBuf};
use support::{check, Outcome};

fn regression_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "seq"))
        .collect();
    files.sort();
    files
}

#[test]
fn regression_inputs_keep_the_contract() {
    let files = regression_files();
    assert!(!files.is_empty(), "no regression inputs found");
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        let name = file.display();
        let expect = source
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{name}: the first line must be `# expect: ...`"));
        let outcome = support::assert_contract(&source);
        match (expect.strip_prefix("error"), outcome) {
            (None, Outcome::Ok) if expect == "ok" => {}
            (Some(text), Outcome::Err(messages)) if messages.contains(text.trim()) => {}
            (_, outcome) => panic!("{name}: expected {expect}, got {outcome:?}"),
        }
    }
}

fn input() -> String {
    let path = std::env::var("SEQ_INPUT").expect("set SEQ_INPUT to a file");
    std::fs::read_to_string(path).unwrap()
}

/// Prints what the compiler makes of `SEQ_INPUT`.
#[test]
#[ignore]
fn check_input() {
    println!("{:?}", check(&input()));
}

/// Shrinks `SEQ_INPUT` token by token while it still breaks the contract in the same way
/// (the same first line of the failure), and prints the result.
#[test]
#[ignore]
fn minimize() {
    let source = input();
    let failure = |s: &str| {
        check(s)
            .err()
            .map(|e| e.lines().next().unwrap_or("").to_string())
    };
    let target = failure(&source).expect("the input keeps the contract");
    let mut tokens: Vec<String> = source.split_whitespace().map(String::from).collect();
    // Every run of tokens, longest first, at every offset, until nothing more goes.
    let mut shrunk = true;
    while shrunk {
        shrunk = false;
        for len in (1..=tokens.len()).rev() {
            let mut at = 0;
            while at + len <= tokens.len() {
                let mut shorter = tokens.clone();
                shorter.drain(at..at + len);
                if failure(&shorter.join("\n")).as_ref() == Some(&target) {
                    tokens = shorter;
                    shrunk = true;
                } else {
                    at += 1;
                }
            }
        }
    }
    println!("{target}\n{}", tokens.join(" "));
}
