//! A `.seq` program (`examples/seq/data.seq`) using the standard modules `std:son`,
//! `std:zipper` and `std:http` and the builtins `son.dump`, `son.dump-pretty` and
//! `stack.dump`; it prints what Seq's reference implementation prints for the same file.
//! `cargo run --example data_seq`.

seq::program!("examples/seq/data.seq");
