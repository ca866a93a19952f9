//! The Seq test files of `tests/seq/`, each run through `seq_tests!`: every word
//! `test-*` with effect `( -- )` is a Rust test.

mod basics {
    seq::seq_tests!("tests/seq/test-basics.seq");
}

mod closures {
    seq::seq_tests!("tests/seq/test-closures.seq");
}

mod weaves {
    seq::seq_tests!("tests/seq/test-weaves.seq");
}

mod cond_while {
    seq::seq_tests!("tests/seq/test-cond-while.seq");
}
