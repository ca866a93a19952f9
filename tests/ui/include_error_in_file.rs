// A stack error inside a file that another file includes: the message names the file,
// line and column, and quotes the line.
seq::include_seq!("seq/uses-bad-helper.seq");

fn main() {}
