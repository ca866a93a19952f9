//! Feeds arbitrary bytes to `seq_compiler::compile_str`.
//!
//! Non-UTF-8 inputs are decoded lossily (so the fuzzer's byte mutations still reach the
//! lexer). The target checks the compiler's contract, not just "no panic":
//! - an `Err` holds at least one diagnostic, and every diagnostic's span lies inside the
//!   source text (lines and columns of real characters, start not after end);
//! - an `Ok` output parses as a Rust file.
//!
//! libFuzzer reports a panic in the compiler, or a broken contract, as a crash, and an
//! input that runs longer than `-timeout` as a hang.

#![no_main]

use libfuzzer_sys::fuzz_target;
use seq_compiler::Pos;

fuzz_target!(|data: &[u8]| {
    if data.len() > 4096 {
        return;
    }
    let source = String::from_utf8_lossy(data);
    match seq_compiler::compile_str(&source) {
        Ok(tokens) => {
            if let Err(e) = syn::parse2::<syn::File>(tokens.clone()) {
                panic!("generated Rust does not parse: {e}\n{tokens}");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "an Err without diagnostics");
            let lines: Vec<usize> = source.split('\n').map(|l| l.chars().count()).collect();
            let inside =
                |p: Pos| p.line >= 1 && p.line <= lines.len() && p.column <= lines[p.line - 1];
            for d in diagnostics.iter() {
                assert!(
                    inside(d.span.start) && inside(d.span.end) && d.span.start <= d.span.end,
                    "span {:?}..{:?} outside the source ({} lines): {d}",
                    d.span.start,
                    d.span.end,
                    lines.len()
                );
            }
        }
    }
});
