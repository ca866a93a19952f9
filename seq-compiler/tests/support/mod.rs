//! The compiler's contract on any input, checked by the fuzz-style tests
//! (`structured.rs`, `regressions.rs`), for `compile_str` and for `compile` (the proc
//! macro's front-end, on the tokens Rust's lexer makes of the same text):
//!
//! - `compile_str` never panics;
//! - it answers within [`SLOW`] on an input under 4 KB;
//! - an `Err` holds at least one diagnostic, and every diagnostic's span lies inside the
//!   input: both ends are positions of the text (a 1-based line that exists, a 0-based
//!   character column no further than that line's end) and the start is not after the end;
//! - an `Ok` output parses as a Rust file.

#![allow(dead_code)] // Each test crate uses a different part.

use seq_compiler::Pos;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

/// The longest a compile of an input under [`SMALL`] bytes may take.
pub const SLOW: Duration = Duration::from_secs(1);

/// Inputs shorter than this must compile within [`SLOW`].
pub const SMALL: usize = 4096;

/// What the compiler made of an input that kept the contract.
#[derive(Debug)]
pub enum Outcome {
    /// Compiled; the generated Rust parses.
    Ok,
    /// Rejected; the diagnostics, rendered `line:column: message`.
    Err(String),
}

/// Compiles `source` with `compile_str` and checks the contract; `Err` describes the
/// broken invariant.
pub fn check(source: &str) -> Result<(Outcome, Duration), String> {
    on_compiler_stack(|| {
        let compile = || seq_compiler::compile_str(source);
        let (result, elapsed) = timed(source, compile)?;
        Ok((judge(source, result)?, elapsed))
    })
}

/// The same through the proc macro's front-end (`compile` on Rust tokens), for a source
/// that Rust's lexer accepts (`None` otherwise). Positions are those of the tokens in
/// `source`.
pub fn check_tokens(source: &str) -> Result<Option<Outcome>, String> {
    on_compiler_stack(|| {
        let Ok(tokens) = source.parse::<proc_macro2::TokenStream>() else {
            return Ok(None);
        };
        let compile = || seq_compiler::compile(tokens.clone());
        let (result, _) = timed(source, compile).map_err(|e| format!("tokens: {e}"))?;
        judge(source, result)
            .map(Some)
            .map_err(|e| format!("tokens: {e}"))
    })
}

/// The stack a proc macro gets: rustc runs it on its main thread, 8 MiB (libFuzzer's
/// main thread has as much). A test thread has 2 MiB, where a debug build of the compiler
/// (or of syn, parsing the output) runs out on inputs rustc handles.
const COMPILER_STACK: usize = 8 << 20;

/// Runs `f` on a thread with [`COMPILER_STACK`].
fn on_compiler_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(COMPILER_STACK)
            .spawn_scoped(scope, f)
            .expect("a thread for the compiler")
            .join()
            .unwrap_or_else(|payload| std::panic::resume_unwind(payload))
    })
}

type Compiled = Result<proc_macro2::TokenStream, seq_compiler::Diagnostics>;

/// Runs `compile` under `catch_unwind`, within the time limit.
fn timed(source: &str, compile: impl Fn() -> Compiled) -> Result<(Compiled, Duration), String> {
    let (result, elapsed) = timed_compile(&compile)?;
    if source.len() < SMALL && elapsed > SLOW {
        // One retry, so a machine busy with other builds does not fail the test; a real
        // blow-up is slow both times.
        let (_, again) = timed_compile(&compile)?;
        if again > SLOW {
            return Err(format!(
                "compiling took {elapsed:?} and then {again:?} (limit {SLOW:?})"
            ));
        }
    }
    Ok((result, elapsed))
}

/// Checks what the compiler returned: Rust that parses, or diagnostics inside `source`.
fn judge(source: &str, result: Compiled) -> Result<Outcome, String> {
    match result {
        Ok(tokens) => {
            if let Err(e) = syn::parse2::<syn::File>(tokens.clone()) {
                return Err(format!("the generated Rust does not parse: {e}\n{tokens}"));
            }
            Ok(Outcome::Ok)
        }
        Err(diagnostics) => {
            if diagnostics.is_empty() {
                return Err("an `Err` without any diagnostic".into());
            }
            for d in diagnostics.iter() {
                if !span_inside(source, d.span.start, d.span.end) {
                    return Err(format!(
                        "diagnostic span {:?}..{:?} is not inside the input: {d}",
                        d.span.start, d.span.end
                    ));
                }
            }
            Ok(Outcome::Err(diagnostics.to_string()))
        }
    }
}

fn timed_compile(compile: &impl Fn() -> Compiled) -> Result<(Compiled, Duration), String> {
    let start = Instant::now();
    let result = catch_unwind(AssertUnwindSafe(compile));
    let elapsed = start.elapsed();
    match result {
        Ok(result) => Ok((result, elapsed)),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            Err(format!("the compiler panicked: {message}"))
        }
    }
}

/// Whether `start..end` is a range of positions inside `source`.
pub fn span_inside(source: &str, start: Pos, end: Pos) -> bool {
    let lines: Vec<usize> = source.split('\n').map(|l| l.chars().count()).collect();
    let inside = |p: Pos| p.line >= 1 && p.line <= lines.len() && p.column <= lines[p.line - 1];
    inside(start) && inside(end) && start <= end
}

/// Fails the test with the input that broke the contract, ready to paste into a
/// regression file.
pub fn assert_contract(source: &str) -> Outcome {
    match check(source).and_then(|(outcome, _)| check_tokens(source).map(|_| outcome)) {
        Ok(outcome) => outcome,
        Err(broken) => panic!(
            "{broken}\n--- input ({} bytes) ---\n{source}\n--- end of input ---",
            source.len()
        ),
    }
}
