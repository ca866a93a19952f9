//! The examples run and print what they should.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs an example with arguments and standard input; its output and exit status.
fn run(name: &str, args: &[&str], input: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO"))
        .args(["run", "-q", "--example", name, "--"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("cargo runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The standard output of an example that must succeed.
fn run_example(name: &str, args: &[&str], input: &str) -> String {
    let out = run(name, args, input);
    assert!(out.status.success(), "{name} failed");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn hello() {
    assert_eq!(run_example("hello", &[], ""), "Hello from Seq!\n");
}

#[test]
fn echo_reads_standard_input() {
    assert_eq!(
        run_example("echo", &[], "a\r\nb\nlast"),
        "1: a\n2: b\n3: last"
    );
}

#[test]
fn write_lines_writes_every_line_through_a_pipe() {
    // A `program!` whose output is buffered (a pipe): all of it is written at its end.
    let out = run_example("write_lines_seq", &["3000"], "");
    let expected: String = (1..=3000).map(|i| format!("line {i}\n")).collect();
    assert_eq!(out, expected);
}

#[test]
fn skynet_prints_one_bench_line() {
    let out = run_example("skynet", &["1000"], "");
    let fields: Vec<&str> = out.trim_end().split(':').collect();
    assert_eq!(
        fields[..4],
        ["BENCH", "skynet", "spawn-1k", "499500"],
        "{out}"
    );
    assert_eq!(out.lines().count(), 1);
}

#[test]
fn collections_agrees_with_the_hand_version() {
    // 0..1000 doubled twice is 4i, all even: 4 * 499500.
    let out = run_example("collections", &["1000"], "");
    assert!(out.ends_with("chain(1000) = 1998000\n"), "{out}");
    assert_eq!(out.lines().count(), 9, "{out}");
}

#[test]
fn seq_file_programs_print_what_the_seq_macro_versions_print() {
    for (example, line) in [
        ("skynet_seq", "BENCH:skynet:spawn-1k:499500:"),
        ("pingpong_seq", "BENCH:pingpong:roundtrips-1k:499500:"),
        ("fanout_seq", "BENCH:fanout:messages-1k:499500:"),
    ] {
        let out = run_example(example, &["1000"], "");
        assert!(out.starts_with(line), "{example}: {out}");
        assert_eq!(out.lines().count(), 1, "{out}");
    }
}

#[test]
fn a_seq_program_reads_input_and_exits_with_main_s_int() {
    let out = run("lines_seq", &[], "alpha\r\nbeta\ngamma");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "1: alpha\n2: beta\n3: gamma\n"
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "main ( -- Int ) is the exit code"
    );
}

#[test]
fn son_zipper_http_and_stack_dump_print_what_the_reference_prints() {
    // `data.out` is what Seq's reference compiler (seqc 7.7.3) builds `data.seq` into
    // printing, byte for byte.
    assert_eq!(
        run_example("data_seq", &[], ""),
        include_str!("../examples/seq/data.out")
    );
}

#[test]
fn grep_prints_matching_lines_and_says_so_in_its_status() {
    let path = std::env::temp_dir().join(format!("seq-grep-{}.log", std::process::id()));
    // Line 3 is not UTF-8: it is read and written back as the same bytes.
    std::fs::write(&path, b"ok start\nerror: disk\nwarn \xff\xfe error\nfine\n").unwrap();
    let file = path.to_str().unwrap();
    let out = run("grep_seq", &["err(or)?", file], "");
    assert_eq!(out.stdout, b"error: disk\nwarn \xff\xfe error\n");
    assert_eq!(out.status.code(), Some(0));
    let none = run("grep_seq", &["^panic", file], "");
    assert_eq!((none.stdout.len(), none.status.code()), (0, Some(1)));
    let bad = run("grep_seq", &["(unclosed", file], "");
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(bad.stdout, b"grep: invalid regular expression\n");
    let missing = run("grep_seq", &["x", "/no/such/file"], "");
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_file(&path).unwrap();
}
