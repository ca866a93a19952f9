// An include of a file that does not exist.
seq::include_seq!("seq/missing-include.seq");

fn main() {}
