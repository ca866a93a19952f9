//! `seq expand`: the Rust a `.seq` file becomes (its words as `include_seq!` and
//! `program!` emit them), or, for a `.rs` file, the expansion of each `seq! { ... }`
//! block, each compiled as `seq!` compiles it ([`seq_compiler::compile_in`]); `-` reads Seq
//! from standard input ([`seq_compiler::compile_str`]). The output
//! goes through `rustfmt` when it is on the `PATH`.

use crate::Failure;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Prints the expansion of `file` (`.rs`: its `seq!` blocks; anything else: Seq).
pub fn expand(file: &Path) -> Result<(), Failure> {
    if file.extension().is_some_and(|e| e == "rs") {
        return expand_rust(file);
    }
    let (output, _) = crate::compile(file);
    println!("{}", format(&output?.tokens.to_string()));
    Ok(())
}

/// Prints the expansion of the Seq on standard input (standard modules only, as in
/// `seq!`), a program whose `main` exits the process.
pub fn expand_stdin() -> Result<(), Failure> {
    let mut source = String::new();
    std::io::stdin()
        .read_to_string(&mut source)
        .map_err(|e| Failure::error(format!("seq: cannot read standard input: {e}")))?;
    let rust = seq_compiler::compile_str(&source).map_err(|diagnostics| {
        let lines: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("error: <stdin>:{d}"))
            .collect();
        Failure::error(lines.join("\n"))
    })?;
    println!("{}", format(&rust.to_string()));
    Ok(())
}

/// Every `seq!` block of a Rust file, with a comment naming its line.
fn expand_rust(file: &Path) -> Result<(), Failure> {
    for (line, rust) in compile_rust(file)? {
        println!("// seq! at {}:{line}", file.display());
        println!("{}", format(&rust.to_string()));
    }
    Ok(())
}

/// Compiles every `seq!` block of a Rust file as the macro would (its `use`s read from
/// the crate's directory): each block's line and Rust, or every error of every block.
pub fn compile_rust(file: &Path) -> Result<Vec<(usize, proc_macro2::TokenStream)>, Failure> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::usage(format!("cannot read `{}`: {e}", file.display())))?;
    let syntax = syn::parse_file(&text).map_err(|e| {
        let at = e.span().start();
        Failure::error(format!(
            "{}:{}:{}: not Rust: {e}",
            file.display(),
            at.line,
            at.column + 1
        ))
    })?;
    let blocks = seq_compiler::uses::rust_file::blocks(&syntax);
    if blocks.is_empty() {
        return Err(Failure::error(format!(
            "{}: no `seq! {{ ... }}` block",
            file.display()
        )));
    }
    let bases = bases(file);
    let mut compiled = Vec::new();
    let mut errors = Vec::new();
    for block in blocks {
        match seq_compiler::compile_in(block.tokens, &bases) {
            Ok(rust) => compiled.push((block.line, rust)),
            Err(diagnostics) => errors.extend(
                diagnostics
                    .iter()
                    .map(|d| format!("error: {}:{d}", file.display())),
            ),
        }
    }
    if errors.is_empty() {
        Ok(compiled)
    } else {
        Err(Failure::error(errors.join("\n")))
    }
}

/// Where a block's `use` declarations find their files, as the macro does: the directory
/// of the crate holding `file` (the nearest with a `Cargo.toml`), then `file`'s own.
fn bases(file: &Path) -> Vec<PathBuf> {
    let dir = file
        .canonicalize()
        .ok()
        .and_then(|f| f.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("."));
    let krate = dir.ancestors().find(|d| d.join("Cargo.toml").is_file());
    krate
        .map(Path::to_path_buf)
        .into_iter()
        .chain([dir.clone()])
        .collect()
}

/// `code` through `rustfmt`, or as it is when rustfmt is missing or fails.
fn format(code: &str) -> String {
    Command::new("rustfmt")
        .args(["--edition", "2021"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()
        .and_then(|mut child| {
            let written = child
                .stdin
                .take()
                .and_then(|mut input| input.write_all(code.as_bytes()).ok());
            let out = child.wait_with_output().ok()?;
            (written.is_some() && out.status.success())
                .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        })
        .unwrap_or_else(|| code.to_string())
}
