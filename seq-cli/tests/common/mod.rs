//! Helpers of the `seq` command's tests: the built binary, with the cached projects in a
//! temporary directory and their shared target directory inside the workspace's, so that
//! the dependencies of `seq` are compiled once for every test run.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The `seq` binary under test.
pub fn seq_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_seq"))
}

/// A test data file.
pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// `<workspace target>/seq-cli-cache`: the cached projects' target directory, the
/// cache itself and the tests' scratch directories, so nothing is left elsewhere.
pub fn test_cache() -> PathBuf {
    let bin = seq_bin();
    // <target>/<profile>/seq
    let target = bin
        .parent()
        .and_then(Path::parent)
        .expect("the binary is in <target>/<profile>/");
    target.join("seq-cli-cache")
}

/// A fresh scratch directory for one test (the same path each run, so that its cached
/// project is reused).
pub fn scratch(test: &str) -> PathBuf {
    let dir = test_cache().join("scratch").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `seq ARGS` with the test environment: a debug build, the cache in a
/// directory under the shared target directory `<workspace target>/seq-cli-cache`.
pub fn seq(args: &[&str]) -> Command {
    let cache = test_cache();
    let mut cmd = Command::new(seq_bin());
    cmd.args(args)
        .env("SEQ_CACHE_DIR", cache.join("projects"))
        .env("CARGO_TARGET_DIR", &cache)
        .env("SEQ_PROFILE", "debug")
        .env_remove("SEQ_CRATE_PATH");
    cmd
}

/// Runs `cmd`, returning its output.
pub fn output(cmd: &mut Command) -> Output {
    cmd.output().expect("run seq")
}

/// The exit code, standard output and standard error of `seq ARGS`.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = output(&mut seq(args));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A path argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}
