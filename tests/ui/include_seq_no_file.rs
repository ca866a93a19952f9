// A path to no file at all.
seq::include_seq!("seq/none.seq");

fn main() {}
