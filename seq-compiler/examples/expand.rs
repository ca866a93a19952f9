//! Prints the Rust that Seq source compiles to: `cargo run -p seq-compiler --example
//! expand -- program.seq` (or Seq on standard input). Pipes it through `rustfmt` when
//! that is installed.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

fn main() {
    let source = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(&path).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2)
        }),
        None => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .expect("read standard input");
            s
        }
    };
    let code = match seq_compiler::compile_str(&source) {
        Ok(tokens) => tokens.to_string(),
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            std::process::exit(1)
        }
    };
    let formatted = Command::new("rustfmt")
        .args(["--edition", "2021"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()
        .and_then(|mut child| {
            child.stdin.take()?.write_all(code.as_bytes()).ok()?;
            let out = child.wait_with_output().ok()?;
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        });
    println!("{}", formatted.unwrap_or(code));
}
