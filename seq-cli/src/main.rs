//! The `seq` command: type-checks, expands, runs and tests `.seq` files.
//!
//! - `seq check FILE.seq|FILE.rs` reports the errors of the file (or of each `seq!`
//!   block of a Rust file) as the macros do (exit 1), or nothing (exit 0);
//! - `seq expand FILE.seq|FILE.rs|-` prints the Rust a `.seq` file, each `seq! { ... }`
//!   block of a Rust file, or the Seq on standard input becomes;
//! - `seq run FILE.seq [ARGS...]` builds the file as a `program!` in a cached Cargo
//!   project and runs it ([`cache`]);
//! - `seq test FILE.seq` runs the file's `test-*` words through `cargo test`.
//!
//! Usage errors (an unknown subcommand, a missing file) exit with 2.

mod cache;
mod expand;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
seq: check, expand, run and test Seq programs

Usage:
  seq check FILE.seq|FILE.rs      type-check the file and its includes (or each seq!
                                  block of a Rust file)
  seq expand FILE.seq|FILE.rs|-   print the Rust the file (or each seq! block, or the
                                  Seq on standard input) becomes
  seq run FILE.seq [ARGS...]      build the file as a program (cached) and run it
  seq test FILE.seq               run the file's test-* words with cargo test
  seq help | --help               this text
  seq --version                   the version

Environment:
  SEQ_CACHE_DIR     where the cached Cargo projects live (default
                    $XDG_CACHE_HOME/seq or ~/.cache/seq)
  SEQ_CRATE_PATH    the `seq` crate the programs depend on (default: the one this
                    command was built with)
  SEQ_PROFILE       `release` (default) or `debug`: the profile `seq run` builds with
  CARGO_TARGET_DIR  the target directory shared by the cached projects (default
                    <cache>/target)
";

/// Why the command failed: the exit code and what to print first.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage: a message, exit code 2.
    Usage(String),
    /// The program or the build failed: what to print (maybe nothing), and the exit
    /// code.
    Exit(String, u8),
}

impl Failure {
    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure::Usage(message.into())
    }

    /// A failure exiting with 1 after printing `message`.
    pub fn error(message: impl Into<String>) -> Failure {
        Failure::Exit(message.into(), 1)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Failure::Usage(message)) => {
            eprintln!("seq: {message}\nRun `seq --help` for usage.");
            ExitCode::from(2)
        }
        Err(Failure::Exit(message, code)) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::from(code)
        }
    }
}

/// Runs the subcommand named by the first argument; returns the exit code.
fn dispatch(args: &[String]) -> Result<u8, Failure> {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Err(Failure::usage("no subcommand given"));
    };
    match command.as_str() {
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(0)
        }
        "--version" | "-V" | "version" => {
            println!("seq {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        "check" => {
            let file = one_file(command, rest)?;
            match file.extension().is_some_and(|e| e == "rs") {
                true => expand::compile_rust(&file).map(|_| 0),
                false => check(&file).map(|_| 0),
            }
        }
        "expand" if rest == ["-"] => expand::expand_stdin().map(|_| 0),
        "expand" => {
            let file = one_file(command, rest)?;
            expand::expand(&file).map(|_| 0)
        }
        "run" => {
            let Some((file, program_args)) = rest.split_first() else {
                return Err(Failure::usage(
                    "`seq run` needs a file: seq run FILE.seq [ARGS...]",
                ));
            };
            let file = existing(file)?;
            cache::run(&file, program_args)
        }
        "test" => {
            let file = one_file(command, rest)?;
            cache::test(&file)
        }
        other => Err(Failure::usage(format!(
            "unknown subcommand `{other}`: the subcommands are check, expand, run, test and help"
        ))),
    }
}

/// The single file argument of `command`, which must exist.
fn one_file(command: &str, rest: &[String]) -> Result<PathBuf, Failure> {
    match rest {
        [file] => existing(file),
        [] => Err(Failure::usage(format!("`seq {command}` needs a file"))),
        [_, extra, ..] => Err(Failure::usage(format!(
            "`seq {command}` takes one file; unexpected `{extra}`"
        ))),
    }
}

/// `file` as a path, if it names a file.
fn existing(file: &str) -> Result<PathBuf, Failure> {
    let path = PathBuf::from(file);
    if path.is_file() {
        Ok(path)
    } else if path.exists() {
        Err(Failure::usage(format!("`{file}` is not a file")))
    } else {
        Err(Failure::usage(format!("there is no file `{file}`")))
    }
}

/// Type-checks `file` with its includes. Returns every file read (the file and the
/// files it includes), or the errors rendered as the macros render them.
pub fn check(file: &Path) -> Result<Vec<PathBuf>, Failure> {
    let (output, read) = compile(file);
    output.map(|_| read)
}

/// Compiles `file` with its includes, paths in messages relative to the current
/// directory; an error is the rendered messages, one after the other.
pub fn compile(file: &Path) -> (Result<seq_compiler::FileOutput, Failure>, Vec<PathBuf>) {
    let root = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (result, read) = seq_compiler::compile_file(file, &root);
    let result = result.map_err(|messages| {
        let count = messages.len();
        let mut text: String = messages.iter().map(|m| format!("error: {m}\n\n")).collect();
        text.push_str(&format!(
            "seq: {count} error{} in {}",
            if count == 1 { "" } else { "s" },
            file.display()
        ));
        Failure::error(text)
    });
    (result, read)
}
