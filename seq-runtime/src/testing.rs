//! Seq's test words (`test.assert`, `test.assert-eq`, ...): each records a pass or a
//! failure, with the assertion's source position, against the test running on this
//! thread. [`run`] runs one test (what `seq::seq_tests!` generates for each `test-*`
//! word) and fails it, listing every failed assertion, if any failed.
//!
//! Invariant: a test's record lives on the thread that runs it, so tests running in
//! parallel never see each other's results. Assertions made on other strands' workers are
//! recorded there, not against the test: assert on the test's own strand.

use std::cell::RefCell;
use std::fmt::Debug;

#[derive(Default)]
struct Record {
    name: String,
    passes: i64,
    failures: Vec<String>,
}

thread_local! {
    static CURRENT: RefCell<Record> = RefCell::new(Record::default());
}

fn with<T>(f: impl FnOnce(&mut Record) -> T) -> T {
    CURRENT.with(|r| f(&mut r.borrow_mut()))
}

/// Runs the test `name`; panics (failing the Rust test) with every failed assertion.
pub fn run(name: &str, test: impl FnOnce()) {
    init(name.to_string());
    test();
    let record = with(std::mem::take);
    if !record.failures.is_empty() {
        panic!(
            "Seq test `{}`: {} failed:\n{}",
            record.name,
            record.counts(),
            record.failures.join("\n")
        );
    }
}

impl Record {
    /// "2 of 3 assertions".
    fn counts(&self) -> String {
        let failed = self.failures.len() as i64;
        format!("{failed} of {} assertions", failed + self.passes)
    }
}

/// `test.set-name ( String -- )`: renames the current test, keeping its results.
pub fn set_name(name: String) {
    with(|r| r.name = name);
}

/// `test.init ( String -- )`: starts the current test afresh under `name`, as upstream's
/// does: the passes and failures recorded so far are discarded.
pub fn init(name: String) {
    with(|r| {
        *r = Record {
            name,
            ..Record::default()
        }
    });
}

fn record(ok: bool, failure: impl FnOnce() -> String) {
    with(|r| {
        if ok {
            r.passes += 1;
        } else {
            r.failures.push(failure());
        }
    });
}

/// `test.assert` / `test.assert-not`: a failure when `ok` is false.
pub fn assert(ok: bool, word: &str, at: &str) {
    record(ok, || format!("  {at}: {word} failed"));
}

/// `test.assert-eq` / `test.assert-eq-str ( actual expected -- )`.
pub fn assert_eq<T: PartialEq + Debug>(actual: T, expected: T, word: &str, at: &str) {
    record(actual == expected, || {
        format!("  {at}: {word}: expected {expected:?}, got {actual:?}")
    });
}

/// `test.fail ( String -- )`: a failure with a message.
pub fn fail(message: String, at: &str) {
    record(false, || format!("  {at}: test.fail: {message}"));
}

/// `test.pass-count ( -- Int )`.
pub fn pass_count() -> i64 {
    with(|r| r.passes)
}

/// `test.fail-count ( -- Int )`.
pub fn fail_count() -> i64 {
    with(|r| r.failures.len() as i64)
}

/// `test.finish ( -- )`: reports the current test on standard error and starts afresh
/// (for programs that run their own tests rather than `seq_tests!`).
pub fn finish() {
    let record = with(std::mem::take);
    if record.failures.is_empty() {
        eprintln!("test {} ... ok ({} assertions)", record.name, record.passes);
    } else {
        eprintln!(
            "test {} ... FAILED ({})\n{}",
            record.name,
            record.counts(),
            record.failures.join("\n")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passing_tests_pass_and_failures_are_listed() {
        run("ok", || {
            assert(true, "test.assert", "a.seq:1:1");
            assert_eq(2, 2, "test.assert-eq", "a.seq:2:1");
            std::assert_eq!((pass_count(), fail_count()), (2, 0));
        });
        let failed = std::panic::catch_unwind(|| {
            run("bad", || {
                assert_eq(3, 4, "test.assert-eq", "a.seq:3:5");
                fail("nope".into(), "a.seq:4:1");
                assert(true, "test.assert", "a.seq:5:1");
            })
        })
        .unwrap_err();
        let message = failed.downcast_ref::<String>().unwrap();
        std::assert_eq!(
            message,
            "Seq test `bad`: 2 of 3 assertions failed:\n  a.seq:3:5: test.assert-eq: expected 4, got 3\n  a.seq:4:1: test.fail: nope"
        );
    }

    #[test]
    fn init_discards_results_and_set_name_keeps_them() {
        run("fresh", || {
            assert(false, "test.assert", "a.seq:1:1");
            assert(true, "test.assert", "a.seq:2:1");
            init("again".into());
            std::assert_eq!((pass_count(), fail_count()), (0, 0));
            assert(true, "test.assert", "a.seq:3:1");
            set_name("renamed".into());
            std::assert_eq!((pass_count(), fail_count()), (1, 0));
            with(|r| std::assert_eq!(r.name, "renamed"));
        });
    }
}
