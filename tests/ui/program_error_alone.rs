// An error in a `program!`'s file is the only error: no "`main` function not found" after it.
seq::program!("seq/bad-helper.seq");
