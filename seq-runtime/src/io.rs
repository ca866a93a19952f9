//! Standard output for `io.write` and `io.write-line`, and program arguments.
//!
//! Writes go through the locked standard output. A closed or failing standard output
//! (for example a closed pipe) is ignored, as Seq's I/O words have no failure result:
//! a Seq program never panics because its reader went away.

use std::io::Write;

/// `io.write ( String -- )`: writes the text without a newline.
pub fn write(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// `io.write-line ( String -- )`: writes the text and a newline.
pub fn write_line(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.write_all(b"\n");
}

/// `args.count ( -- Int )`: the number of program arguments, the program name included.
pub fn arg_count() -> i64 {
    std::env::args_os().len() as i64
}

/// `args.at ( Int -- String )`: argument `index` (0 is the program name); an index out
/// of range, or an argument that is not valid UTF-8, gives the empty string.
pub fn arg_at(index: i64) -> String {
    usize::try_from(index)
        .ok()
        .and_then(|i| std::env::args_os().nth(i))
        .and_then(|a| a.into_string().ok())
        .unwrap_or_default()
}
