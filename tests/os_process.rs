//! The words whose effects a Seq test cannot see from inside: `os.exit` (the exit code,
//! the flushed output, the code after it never running), environment values and the
//! working directory that are not UTF-8, the home directory without `$HOME`, and the
//! terminal words when standard input and output are pipes. Each runs in a child process
//! (this test binary again, running only [`child`] with `SEQ_CHILD` naming the case).
#![deny(warnings)]

use seq::seq;
use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::process::{Command, Output, Stdio};

seq! {
    : exit-with ( String Int -- ) swap io.write os.exit "not reached" io.write-line ;
    : exit-in-loop ( Int -- ) 10 [ over over i.= [ "at " io.write dup int->string io.write os.exit ] [ drop ] if ] each-integer drop ;
    : env-value ( String -- String Bool ) os.getenv ;
    : home ( -- String Bool ) os.home-dir ;
    : here ( -- String Bool ) os.current-dir ;
    : sizes ( -- Int Int ) terminal.width terminal.height ;
    : raw ( Bool -- ) terminal.raw-mode ;
    : key-now ( -- Int ) terminal.read-char? ;
    : key ( -- Int ) terminal.read-char ;
    : partial-then-flush ( -- ) "no newline" io.write terminal.flush ;
}

/// Runs [`child`] in a child process for `case`, with the given setup of its command.
fn run(case: &str, setup: impl FnOnce(&mut Command)) -> std::process::Child {
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("SEQ_CHILD", case)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    setup(&mut command);
    command.spawn().expect("the test binary runs")
}

fn finish(case: &str, setup: impl FnOnce(&mut Command)) -> Output {
    run(case, setup).wait_with_output().expect("the child ends")
}

/// The cases, run in the child; a failing assertion fails the child (exit code 101).
#[test]
fn child() {
    let Ok(case) = std::env::var("SEQ_CHILD") else {
        return;
    };
    match case.as_str() {
        "exit-7" => exit_with("partial".to_string(), 7),
        "exit-0" => exit_with("done".to_string(), 0),
        "exit-256" => exit_with(String::new(), 256),
        "exit-in-loop" => exit_in_loop(3),
        "raw-environment" => {
            let (value, set) = env_value("SEQ_RAW_VALUE".to_string());
            assert!(set);
            assert_eq!(seq::runtime::bytes::to_bytes(&value).as_ref(), b"a\xffb");
            let (empty, set) = env_value("SEQ_EMPTY_VALUE".to_string());
            assert!(set && empty.is_empty(), "set, to nothing");
        }
        "raw-current-dir" => {
            let (dir, known) = here();
            assert!(known);
            assert!(seq::runtime::bytes::to_bytes(&dir).ends_with(b"-\xff"));
        }
        "no-home-variable" => {
            let (dir, known) = home();
            assert!(known && !dir.is_empty(), "from the account database");
        }
        "pipes" => {
            assert_eq!(sizes(), (80, 24), "not a terminal: the defaults");
            raw(true);
            raw(true);
            // Standard input is an open pipe with nothing in it: no byte, no waiting.
            println!("first {}", key_now());
            // Now the parent writes "AB" and closes the pipe.
            println!("second {}", key());
            println!("third {}", key_now());
            println!("fourth {}", key());
            println!("fifth {}", key_now());
            raw(false);
            partial_then_flush();
            std::process::exit(0);
        }
        other => panic!("no case {other}"),
    }
}

#[test]
fn exit_ends_the_process_with_the_code_after_flushing() {
    let out = finish("exit-7", |_| {});
    assert_eq!(out.status.code(), Some(7));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.ends_with("partial"), "{stdout:?}");
    let out = finish("exit-0", |_| {});
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().ends_with("done"));
    let out = finish("exit-in-loop", |_| {});
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8(out.stdout).unwrap().ends_with("at 3"));
}

#[test]
fn exit_codes_outside_0_to_255_are_errors_naming_the_word() {
    let out = finish("exit-256", |_| {});
    assert_eq!(out.status.code(), Some(101), "the child's test failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("os.exit: exit code must be in range 0-255, got 256"),
        "{stderr}"
    );
}

#[test]
fn environment_values_and_directories_keep_their_bytes() {
    let out = finish("raw-environment", |c| {
        c.env("SEQ_RAW_VALUE", OsStr::from_bytes(b"a\xffb"))
            .env("SEQ_EMPTY_VALUE", "");
    });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut name = std::env::temp_dir()
        .join(format!("seq-cwd-{}-", std::process::id()))
        .into_os_string()
        .into_encoded_bytes();
    name.push(0xff);
    let dir = std::path::PathBuf::from(OsStr::from_bytes(&name));
    std::fs::create_dir_all(&dir).unwrap();
    let out = finish("raw-current-dir", |c| {
        c.current_dir(&dir);
    });
    std::fs::remove_dir(&dir).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_home_directory_without_home_comes_from_the_account() {
    for setup in [
        |c: &mut Command| {
            c.env_remove("HOME");
        },
        |c: &mut Command| {
            c.env("HOME", "");
        },
    ] {
        let out = finish("no-home-variable", setup);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn terminal_words_on_pipes() {
    let mut child = run("pipes", |c| {
        c.stdin(Stdio::piped());
    });
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    // The test harness writes `test child ... ` before the child's first line.
    while !line.contains("first ") {
        line.clear();
        assert!(output.read_line(&mut line).unwrap() > 0, "the child ended");
    }
    assert!(
        line.ends_with("first -1\n"),
        "nothing there: -1 at once: {line:?}"
    );
    input.write_all(b"AB").unwrap();
    drop(input);
    let mut rest = String::new();
    output.read_to_string(&mut rest).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success());
    assert_eq!(
        rest, "second 65\nthird 66\nfourth -1\nfifth -1\nno newline",
        "bytes as they come, then -1 at the end of input"
    );
}
