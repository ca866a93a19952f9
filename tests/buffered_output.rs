//! Buffered standard output (`seq-runtime/src/io/output.rs`) seen from outside: a child
//! process (this test binary again, running only [`child`] with `SEQ_CHILD` naming the
//! case) writes to a pipe, and the parent checks that every line arrives once, whole and
//! in order, also when `main` returns, at `os.exit`, when a strand panics, before a read
//! of standard input, next to Rust's `println!`, and that a closed pipe ends nothing.
#![deny(warnings)]

use seq::runtime::{run_main, spawn, Channel};
use seq::seq;
use std::io::{BufReader, Read, Write};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

seq! {
    // ( tag from to -- ): writes "out <tag> <i>" for i in from..to.
    : tagged-lines ( Int Int Int -- )
        2dup i.>= if
            drop drop drop
        else
            "out " 3 pick int->string string.concat " " string.concat
            2 pick int->string string.concat io.write-line
            swap 1 i.+ swap tagged-lines
        then ;
    : lines ( Int Int -- ) 0 swap tagged-lines ;
    : say ( String -- ) io.write-line ;
    : lines-then-exit ( Int Int -- ) swap 0 swap lines os.exit ;
    : lines-then-bad-exit ( Int -- ) 0 swap lines 300 os.exit ;
    : ask ( -- ) "out before\n" io.write "name? " io.write io.read-line drop "hello " swap string.concat io.write ;
}

/// Every Seq line of the child's output (the test harness prints its own lines too).
fn seq_lines(stdout: &[u8]) -> Vec<String> {
    String::from_utf8(stdout.to_vec())
        .expect("UTF-8 output")
        .lines()
        // The harness's "test child ... " has no newline: the first line follows it.
        .map(|l| l.strip_prefix("test child ... ").unwrap_or(l))
        .filter(|l| l.starts_with("out ") || l.starts_with("rust "))
        .map(String::from)
        .collect()
}

/// Checks that `lines` are exactly the lines of tags `0..tags`, `count` each, each tag's
/// in order (tags may interleave with each other, never inside a line).
fn assert_all_in_order(lines: &[String], tags: i64, count: i64) {
    let mut next = vec![0; tags as usize];
    for line in lines {
        let fields: Vec<&str> = line.split(' ').collect();
        assert_eq!(fields.len(), 3, "a whole line: {line:?}");
        let (tag, i): (usize, i64) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        assert_eq!(i, next[tag], "tag {tag}'s lines in order: {line:?}");
        next[tag] += 1;
    }
    assert_eq!(next, vec![count; tags as usize], "every line, once");
}

fn run(case: &str, stdin: Stdio) -> Child {
    Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", "child", "--nocapture", "--test-threads=1"])
        .env("SEQ_CHILD", case)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary runs")
}

fn finish(case: &str) -> Output {
    run(case, Stdio::null())
        .wait_with_output()
        .expect("the child ends")
}

/// The cases, run in the child: each ends the process itself (`run_main` exits).
#[test]
fn child() {
    let Ok(case) = std::env::var("SEQ_CHILD") else {
        return;
    };
    match case.as_str() {
        "strands" => run_main(|| {
            let done = Channel::new();
            for tag in 0..8 {
                let done = done.clone();
                spawn(move || {
                    lines(tag, 20_000);
                    done.send(0);
                });
            }
            for _ in 0..8 {
                done.receive();
            }
            0
        }),
        "main-returns" => run_main(|| {
            lines(0, 1_000);
            3
        }),
        "os-exit" => run_main(|| {
            lines_then_exit(1_000, 4);
            0
        }),
        "panic" => run_main(|| {
            lines_then_bad_exit(1_000);
            0
        }),
        "prompt" => run_main(|| {
            ask();
            0
        }),
        "println" => {
            // A plain thread: its Seq writes go through Rust's stdout.
            say("out 0 0".into());
            println!("rust 1");
            say("out 0 1".into());
            // A strand's writes, learned of through a receive.
            let done = Channel::new();
            let sent = done.clone();
            spawn(move || {
                say("out 1 0".into());
                sent.send(0);
            });
            done.receive();
            println!("rust 2");
            // Rust code on a strand flushes before it prints.
            run_main(|| {
                say("out 2 0".into());
                seq::runtime::io::flush();
                println!("rust 3");
                say("out 2 1".into());
                0
            })
        }
        "rust-main-returns" => {
            // Strands write, and the Rust test returns without any flush point: the
            // process's exit writes it out.
            let (tx, rx) = mpsc::channel();
            spawn(move || {
                lines(0, 1_000);
                tx.send(()).unwrap();
            });
            rx.recv().unwrap();
        }
        "closed-pipe" => run_main(|| {
            lines(0, 1_000_000);
            0
        }),
        other => panic!("no case {other}"),
    }
}

#[test]
fn many_strands_lines_are_all_there_whole_and_in_order() {
    let out = finish("strands");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_all_in_order(&seq_lines(&out.stdout), 8, 20_000);
}

#[test]
fn output_is_flushed_when_main_returns_with_its_exit_code() {
    let out = finish("main-returns");
    assert_eq!(out.status.code(), Some(3));
    assert_all_in_order(&seq_lines(&out.stdout), 1, 1_000);
}

#[test]
fn output_is_flushed_when_a_rust_main_returns() {
    let out = finish("rust-main-returns");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_all_in_order(&seq_lines(&out.stdout), 1, 1_000);
}

#[test]
fn output_is_flushed_at_os_exit() {
    let out = finish("os-exit");
    assert_eq!(out.status.code(), Some(4));
    assert_all_in_order(&seq_lines(&out.stdout), 1, 1_000);
}

#[test]
fn output_before_a_strands_panic_is_all_there() {
    let out = finish("panic");
    assert_eq!(out.status.code(), Some(101));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("os.exit: exit code must be in range"),
        "{stderr}"
    );
    assert_all_in_order(&seq_lines(&out.stdout), 1, 1_000);
}

#[test]
fn a_prompt_is_visible_before_the_read_waits() {
    let mut child = run("prompt", Stdio::piped());
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    // Read up to the prompt in a thread: if the prompt never comes, fail, not hang.
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut seen = Vec::new();
        while !seen.ends_with(b"name? ") {
            let mut byte = [0];
            if output.read(&mut byte).unwrap() == 0 {
                break;
            }
            seen.push(byte[0]);
        }
        tx.send(String::from_utf8(seen).unwrap()).unwrap();
        output
    });
    let seen = rx.recv_timeout(Duration::from_secs(60));
    let Ok(seen) = seen else {
        child.kill().unwrap();
        panic!("the prompt did not arrive before the child waited for input");
    };
    assert!(seen.ends_with("out before\nname? "), "{seen:?}");
    input.write_all(b"bob\n").unwrap();
    drop(input);
    let mut rest = String::new();
    reader.join().unwrap().read_to_string(&mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(rest, "hello bob\n");
}

#[test]
fn rust_println_and_seq_output_keep_the_documented_order() {
    let out = finish("println");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        seq_lines(&out.stdout),
        ["out 0 0", "rust 1", "out 0 1", "out 1 0", "rust 2", "out 2 0", "rust 3", "out 2 1"]
    );
}

#[test]
fn a_closed_pipe_ends_nothing_and_panics_nowhere() {
    let mut child = run("closed-pipe", Stdio::null());
    // Past the harness's own lines (its writes would fail on the closed pipe), then
    // the reader goes away while the child writes.
    let mut output = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    while !seen.ends_with(b"out ") {
        let mut byte = [0];
        assert_eq!(
            output.read(&mut byte).unwrap(),
            1,
            "the child wrote no line"
        );
        seen.push(byte[0]);
    }
    drop(output);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
