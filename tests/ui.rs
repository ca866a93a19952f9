//! The error catalogue: every malformed program in `tests/ui/` must fail to compile with
//! exactly the committed message (`.stderr`). Regenerate after an intended wording change
//! with `TRYBUILD=overwrite cargo test --test ui`, and review the diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
