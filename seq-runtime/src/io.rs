//! Standard input and output (`io.write`, `io.write-line`, `io.read-line`), program
//! arguments, reading files (`file.exists?`, `file.slurp`) and clocks.
//!
//! Writes go through the locked standard output. A closed or failing standard output
//! (for example a closed pipe) is ignored, as Seq's I/O words have no failure result:
//! a Seq program never panics because its reader went away. A failing standard input
//! reads as end of input.

use std::io::{BufRead, Write};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

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

/// `io.read-line ( -- String Bool )`: the next line of standard input with its newline
/// (`\r\n` becomes `\n`) and true; at end of input (or on a read error), "" and false.
/// Invalid UTF-8 is replaced with U+FFFD.
pub fn read_line() -> (String, bool) {
    let mut bytes = Vec::new();
    match std::io::stdin().lock().read_until(b'\n', &mut bytes) {
        Ok(0) | Err(_) => (String::new(), false),
        Ok(_) => {
            if bytes.ends_with(b"\r\n") {
                bytes.truncate(bytes.len() - 2);
                bytes.push(b'\n');
            }
            (String::from_utf8_lossy(&bytes).into_owned(), true)
        }
    }
}

/// `file.exists? ( String -- Bool )`: whether something (a file or a directory) exists at
/// the path.
pub fn file_exists(path: &str) -> bool {
    std::path::Path::new(path).exists()
}

/// `file.slurp ( String -- String Bool )`: the whole file at the path and true; "" and
/// false if it cannot be read. Invalid UTF-8 is replaced with U+FFFD.
pub fn file_slurp(path: &str) -> (String, bool) {
    match std::fs::read(path) {
        Ok(bytes) => (String::from_utf8_lossy(&bytes).into_owned(), true),
        Err(_) => (String::new(), false),
    }
}

/// `time.nanos ( -- Int )`: monotonic nanoseconds, counted from the first call in the
/// process (only differences are meaningful).
pub fn nanos() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    i64::try_from(start.elapsed().as_nanos()).unwrap_or(i64::MAX)
}

/// `time.now ( -- Int )`: wall-clock seconds since the Unix epoch (negative before it).
pub fn now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_secs() as i64,
        Err(before) => -(before.duration().as_secs() as i64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks() {
        let (a, b) = (nanos(), nanos());
        assert!(0 <= a && a <= b);
        assert!(now() > 1_700_000_000);
    }

    #[test]
    fn files() {
        let path = std::env::temp_dir().join(format!("seq-io-{}.txt", std::process::id()));
        let path_text = path.to_str().unwrap();
        assert!(!file_exists(path_text));
        assert_eq!(file_slurp(path_text), (String::new(), false));
        std::fs::write(&path, b"a\n\xffb").unwrap();
        assert!(file_exists(path_text));
        assert_eq!(file_slurp(path_text), ("a\n\u{fffd}b".to_string(), true));
        std::fs::remove_file(&path).unwrap();
    }
}
