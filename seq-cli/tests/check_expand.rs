//! `seq check`, `seq expand` and the command line itself: no cargo builds.

mod common;
use common::{arg, data, run};

#[test]
fn check_accepts_a_well_typed_file() {
    let (code, stdout, stderr) = run(&["check", arg(&data("ok.seq"))]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
}

#[test]
fn check_reports_a_type_error_with_its_place_and_a_caret() {
    let (code, _, stderr) = run(&["check", arg(&data("type-error.seq"))]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("`square` needs ( Int ) but the stack is ( String )"),
        "{stderr}"
    );
    assert!(stderr.contains("type-error.seq:3:23"), "{stderr}");
    assert!(
        stderr.contains("3 | : main ( -- ) \"seven\" square int->string io.write-line ;"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  |                       ^^^^^^"),
        "{stderr}"
    );
}

#[test]
fn check_follows_includes() {
    let (code, _, stderr) = run(&["check", arg(&data("uses-include.seq"))]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn check_reports_a_missing_include() {
    let dir = common::scratch("missing-include");
    let file = dir.join("main.seq");
    std::fs::write(&file, "include \"nowhere\"\n: main ( -- ) ;\n").unwrap();
    let (code, _, stderr) = run(&["check", arg(&file)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cannot include `nowhere`"), "{stderr}");
    assert!(stderr.contains("main.seq:1:9"), "{stderr}");
}

#[test]
fn check_accepts_a_shebang_line() {
    let (code, _, stderr) = run(&["check", arg(&data("script.seq"))]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn expand_prints_the_rust_of_a_seq_file() {
    let (code, stdout, stderr) = run(&["expand", arg(&data("uses-include.seq"))]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("pub fn greeting()"), "{stdout}");
    assert!(stdout.contains("pub fn main()"), "{stdout}");
}

#[test]
fn expand_prints_each_seq_block_of_a_rust_file() {
    let (code, stdout, stderr) = run(&["expand", arg(&data("blocks.rs"))]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("blocks.rs:4"), "{stdout}");
    assert!(stdout.contains("blocks.rs:9"), "{stdout}");
    assert!(
        stdout.contains("pub fn square(int0: i64) -> i64"),
        "{stdout}"
    );
    assert!(stdout.contains("pub fn cube(int0: i64) -> i64"), "{stdout}");
}

#[test]
fn expand_reads_seq_from_standard_input() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = common::seq(&["expand", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b": double ( Int -- Int ) 2 i.* ;\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("pub fn double(int0: i64) -> i64"),
        "{stdout}"
    );
}

#[test]
fn expand_reports_an_error_in_a_seq_block() {
    let dir = common::scratch("bad-block");
    let file = dir.join("bad.rs");
    std::fs::write(&file, "seq::seq! {\n    : f ( -- Int ) \"x\" ;\n}\n").unwrap();
    let (code, _, stderr) = run(&["expand", arg(&file)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("bad.rs:2:"), "{stderr}");
}

#[test]
fn check_reads_each_seq_block_of_a_rust_file_and_its_uses() {
    let dir = common::scratch("rust-blocks");
    std::fs::write(
        dir.join("geo.rs"),
        "seq::seq! {\n    : sq ( Int -- Int ) dup i.* ;\n}\n",
    )
    .unwrap();
    let user = dir.join("user.rs");
    std::fs::write(
        &user,
        "seq::seq! {\n    use crate::geo::{ sq } from \"geo.rs\" ;\n    : quad ( Int -- Int ) sq sq ;\n}\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&["check", arg(&user)]);
    assert_eq!(code, 0, "{stderr}");
    let (code, stdout, stderr) = run(&["expand", arg(&user)]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("crate::geo::sq("), "{stdout}");
    let bad = dir.join("bad.rs");
    std::fs::write(&bad, "seq::seq! {\n    : f ( Int -- String ) 1 i.+ ;\n}\n").unwrap();
    let (code, _, stderr) = run(&["check", arg(&bad)]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("bad.rs:2:") && stderr.contains("( Int )"),
        "{stderr}"
    );
}

#[test]
fn bad_usage_exits_with_2() {
    for args in [
        &[][..],
        &["frobnicate"][..],
        &["check"][..],
        &["check", "no-such-file.seq"][..],
        &["run", "no-such-file.seq"][..],
        &["test", "a.seq", "b.seq"][..],
    ] {
        let (code, _, stderr) = run(args);
        assert_eq!(code, 2, "seq {args:?}: {stderr}");
        assert!(
            stderr.starts_with("seq: ") || stderr.contains("\nseq: "),
            "{stderr}"
        );
    }
    let (_, _, stderr) = run(&["frobnicate"]);
    assert!(
        stderr.contains("unknown subcommand `frobnicate`"),
        "{stderr}"
    );
    let (_, _, stderr) = run(&["check", "no-such-file.seq"]);
    assert!(
        stderr.contains("there is no file `no-such-file.seq`"),
        "{stderr}"
    );
}

#[test]
fn help_and_version() {
    for args in [&["--help"][..], &["help"][..]] {
        let (code, stdout, _) = run(args);
        assert_eq!(code, 0);
        for sub in ["seq check", "seq expand", "seq run", "seq test"] {
            assert!(stdout.contains(sub), "{stdout}");
        }
    }
    let (code, stdout, _) = run(&["--version"]);
    assert_eq!(code, 0);
    assert_eq!(stdout.trim(), format!("seq {}", env!("CARGO_PKG_VERSION")));
}
