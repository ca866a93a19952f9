//! Standard input and output (`io.write`, `io.write-line`, `io.read-line`, `io.read-n`),
//! program arguments and clocks (files are in [`crate::fs`]).
//!
//! Output is buffered when standard output is not a terminal and line-buffered when it
//! is; the rule, its flush points and the order with Rust's own `println!` are in
//! [`output`]'s docs. In short: a Seq program's output is written 64 KiB at a time to a
//! pipe or file, a read of standard input by a Seq word first writes out everything
//! written before (a prompt included), and Rust code that runs on a strand calls
//! [`flush`] before it prints.
//!
//! A closed or failing standard output (for example a closed pipe) is ignored, as Seq's
//! I/O words have no failure result: a Seq program never panics because its reader went
//! away. A failing standard input reads as end of input.

pub mod output;

pub(crate) use output::flush_when_idle;
pub use output::{flush, sync, write, write_line};

use std::io::BufRead;
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

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
/// Bytes that are not UTF-8 text are kept as raw bytes (see [`crate::bytes`]).
pub fn read_line() -> (String, bool) {
    flush();
    let mut bytes = Vec::new();
    match std::io::stdin().lock().read_until(b'\n', &mut bytes) {
        Ok(0) | Err(_) => (String::new(), false),
        Ok(_) => {
            if bytes.ends_with(b"\r\n") {
                bytes.truncate(bytes.len() - 2);
                bytes.push(b'\n');
            }
            (crate::bytes::from_bytes(bytes), true)
        }
    }
}

/// The most `io.read-n` reads at once (as upstream's, 10 MiB).
const READ_N_MAX: i64 = 10 * 1024 * 1024;

/// `io.read-n ( Int -- String Int )`: `n` bytes of standard input and 1, or what there
/// was (end of input, an error) and 0; a count below 0 or above 10 MiB reads nothing and
/// gives 0. Bytes that are not UTF-8 text are kept as raw bytes (see [`crate::bytes`]).
pub fn read_n(n: i64) -> (String, i64) {
    flush();
    read_n_from(std::io::stdin().lock(), n)
}

fn read_n_from(input: impl std::io::Read, n: i64) -> (String, i64) {
    use std::io::Read;
    if !(0..=READ_N_MAX).contains(&n) {
        return (String::new(), 0);
    }
    let mut bytes = Vec::with_capacity(n as usize);
    let read = input.take(n as u64).read_to_end(&mut bytes);
    let complete = read.is_ok() && bytes.len() as i64 == n;
    (crate::bytes::from_bytes(bytes), i64::from(complete))
}

/// `time.nanos ( -- Int )`: monotonic nanoseconds, counted from the first call in the
/// process (only differences are meaningful).
pub fn nanos() -> i64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    i64::try_from(start.elapsed().as_nanos()).unwrap_or(i64::MAX)
}

/// `time.now ( -- Int )`: wall-clock microseconds since the Unix epoch, as upstream's
/// (0 if the clock is set before the epoch).
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |after| {
            i64::try_from(after.as_micros()).unwrap_or(i64::MAX)
        })
}

#[cfg(test)]
mod tests {

    #[test]
    fn read_n_reads_exactly_n_bytes_or_says_so() {
        let input: &[u8] = b"hello world";
        assert_eq!(read_n_from(input, 5), ("hello".to_string(), 1));
        assert_eq!(read_n_from(input, 20), ("hello world".to_string(), 0));
        assert_eq!(read_n_from(input, -1), (String::new(), 0));
        let binary: &[u8] = &[0xff, 0x41];
        let (raw, complete) = read_n_from(binary, 2);
        assert_eq!(
            (crate::bytes::to_bytes(&raw).as_ref(), complete),
            (binary, 1)
        );
    }

    use super::*;

    #[test]
    fn clocks() {
        let (a, b) = (nanos(), nanos());
        assert!(0 <= a && a <= b);
        assert!(now() > 1_700_000_000_000_000, "microseconds");
    }
}
