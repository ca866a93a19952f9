//! Standard output for Seq's words: `io.write`, `io.write-line` and every runtime word
//! that prints (`stack.dump`), buffered where that keeps the order Rust sees.
//!
//! # The rule
//!
//! * **Standard output is a terminal**: every write goes straight into Rust's
//!   [`std::io::stdout`], which is line-buffered: a line appears when it ends, a partial
//!   line (a prompt) at the next flush point below or the next newline.
//! * **Standard output is a pipe or a file, and the writer is a strand** (the code of a
//!   `program!`, anything under `strand.spawn`): the bytes go into one process-wide
//!   buffer (one lock, so a line written by `io.write-line` is never split by another
//!   strand's). The buffer is handed to Rust's `std::io::stdout()` in one `write_all`
//!   when it holds [`CAPACITY`] bytes, and at the *flush points*:
//!   - a read of standard input by a Seq word (`io.read-line`, `io.read-n`,
//!     `terminal.read-char`, `terminal.read-char?`), after which Rust's stdout is
//!     flushed too, so a prompt written with `io.write` is visible before the read waits;
//!   - `terminal.flush`, `os.exit`, the end of a `program!`'s `main` (either effect),
//!     the panic of a strand (before the process exits with 101), and the exit of the
//!     process (an `atexit` hook: a Rust `main` returning or panicking,
//!     `std::process::exit`);
//!   - a plain thread's `Channel::receive` (what a strand wrote before it sent, the
//!     receiver's later `println!` follows);
//!   - the runtime running out of work (a carrier with no strand to run): a program
//!     that wrote and now waits, on the network, a timer or a channel, shows what it
//!     wrote while it waits;
//!   - [`flush`], which Rust code may call at any time.
//! * **Standard output is not a terminal, and the writer is a plain thread** (Rust code
//!   calling a `seq!` word directly, a `seq_tests!` test): what strands buffered is
//!   written first, then the text, straight into Rust's `std::io::stdout()`.
//!
//! # Ordering with Rust's `println!`
//!
//! Rust's `print!` writes into `std::io::stdout()`'s own line buffer, which Seq cannot
//! join: a buffer of Seq's in front of it is what makes 2,000,000 lines one
//! `write(2)` per 64 KiB instead of one per line, and `println!` does not pass through
//! it. Seq's output and Rust's therefore come out in the order they were written except
//! in one case: **Rust code running on a strand** (an `extern` function called by a
//! word of a `program!`, a closure given to [`crate::spawn`]) that prints after Seq code
//! wrote there. Such code calls [`flush`] (or [`sync`], which does not make the
//! `write(2)` of a partial line) before its own `print!`. Everywhere else the order is
//! kept without help: a plain thread's Seq writes go through Rust's stdout, and a plain
//! thread learns of a strand's writes through a channel receive, a flush point.
//!
//! A Rust `main` that holds [`std::io::Stdout::lock`] must not wait for strands that
//! write (the buffer is handed over under Seq's lock, then Rust's).
//!
//! # Failures
//!
//! A failed write (a closed pipe: Rust ignores `SIGPIPE`, so `EPIPE`) is ignored, as
//! Seq's output words have no failure result; the buffered bytes are dropped, not kept
//! and retried, so a program whose reader went away goes on without panicking, spinning
//! or growing.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};

/// The bytes the buffer holds before they are handed to Rust's stdout (64 KiB, a
/// pipe's default capacity on Linux).
pub const CAPACITY: usize = 64 * 1024;

/// What strands wrote and Rust's stdout has not been given yet.
static BUFFER: Mutex<Vec<u8>> = Mutex::new(Vec::new());

/// Set (under [`BUFFER`]'s lock) when it holds bytes, cleared when it is emptied: a
/// flush point with nothing to do reads only this.
static PENDING: AtomicBool = AtomicBool::new(false);

/// How standard output is written: [`UNKNOWN`] until the first write asks.
static MODE: AtomicU8 = AtomicU8::new(UNKNOWN);
const UNKNOWN: u8 = 0;
const DIRECT: u8 = 1;
const BUFFERED: u8 = 2;

/// `io.write ( String -- )`: writes the text without a newline.
pub fn write(text: &str) {
    emit(&crate::bytes::to_bytes(text), false);
}

/// `io.write-line ( String -- )`: writes the text and a newline, whole (another
/// writer's text never lands inside it).
pub fn write_line(text: &str) {
    emit(&crate::bytes::to_bytes(text), true);
}

/// Hands what Seq buffered to Rust's `std::io::stdout()` and flushes that: everything
/// Seq and Rust wrote before is then written out. What `terminal.flush` does; Rust code
/// on a strand calls it before printing (see [the rule](self)).
pub fn flush() {
    let mut out = if PENDING.load(Ordering::Acquire) {
        let mut buffer = lock();
        let out = std::io::stdout().lock();
        hand_over(&mut buffer, out)
    } else {
        std::io::stdout().lock()
    };
    let _ = out.flush();
}

/// Hands what Seq buffered to Rust's `std::io::stdout()` without flushing that (a
/// partial last line stays in Rust's line buffer, where a later `print!` follows it).
/// Nothing happens when nothing is buffered: one atomic load.
pub fn sync() {
    if PENDING.load(Ordering::Acquire) {
        let mut buffer = lock();
        drop(hand_over(&mut buffer, std::io::stdout().lock()));
    }
}

/// [`flush`] if strands buffered anything: what a carrier that runs out of work calls,
/// so that a program which wrote and then waits (a server's `LISTENING` line before its
/// accept loop) shows its output while it waits. One atomic load when nothing is
/// buffered.
pub(crate) fn flush_when_idle() {
    if PENDING.load(Ordering::Acquire) {
        flush();
    }
}

/// [`sync`] when called from a plain thread (not a strand): what a channel receive
/// calls, so that a strand's output comes before what the receiver prints next.
pub(crate) fn sync_on_plain_thread() {
    if PENDING.load(Ordering::Acquire) && !crate::strand::on_strand() {
        sync();
    }
}

/// Writes `bytes`, followed by a newline when `newline` is set, as one piece, buffered or
/// not (see [the rule](self)). The buffered path is what every line of a program that
/// writes a lot costs: one lock, one copy, no allocation (the buffer keeps its capacity);
/// everything else is out of line.
#[inline]
fn emit(bytes: &[u8], newline: bool) {
    if mode() == BUFFERED && crate::strand::on_strand() {
        let mut buffer = lock();
        if buffer.capacity() == 0 {
            first_buffered_write(&mut buffer);
        }
        buffer.extend_from_slice(bytes);
        if newline {
            buffer.push(b'\n');
        }
        if buffer.len() >= CAPACITY {
            hand_over_full(&mut buffer);
        } else if !PENDING.load(Ordering::Relaxed) {
            // Set once per filling: only writers under the lock change it.
            PENDING.store(true, Ordering::Release);
        }
    } else {
        emit_direct(bytes, newline);
    }
}

/// The first buffered write: the buffer's capacity, and the exit hook that flushes it.
#[cold]
fn first_buffered_write(buffer: &mut Vec<u8>) {
    buffer.reserve(CAPACITY + 1024);
    register_exit_hook();
}

/// A full buffer goes to Rust's stdout.
#[cold]
#[inline(never)]
fn hand_over_full(buffer: &mut MutexGuard<'_, Vec<u8>>) {
    drop(hand_over(buffer, std::io::stdout().lock()));
}

/// [`emit`] on a terminal or a plain thread: straight into Rust's stdout, after what
/// strands buffered (they wrote it before, or concurrently).
#[inline(never)]
fn emit_direct(bytes: &[u8], newline: bool) {
    let buffer = PENDING.load(Ordering::Acquire).then(lock);
    let mut out = std::io::stdout().lock();
    if let Some(mut buffer) = buffer {
        out = hand_over(&mut buffer, out);
    }
    let _ = out.write_all(bytes);
    if newline {
        let _ = out.write_all(b"\n");
    }
}

/// Writes the buffer into Rust's stdout (its line buffer passes whole lines straight
/// to `write(2)`) and empties it, also when the write failed; gives `out` back.
fn hand_over<'a>(
    buffer: &mut MutexGuard<'_, Vec<u8>>,
    mut out: std::io::StdoutLock<'a>,
) -> std::io::StdoutLock<'a> {
    if !buffer.is_empty() {
        let _ = out.write_all(buffer);
        buffer.clear();
    }
    PENDING.store(false, Ordering::Release);
    out
}

/// The buffer, also after a panic elsewhere poisoned its lock (bytes are always whole
/// writes: nothing is left half done).
fn lock() -> MutexGuard<'static, Vec<u8>> {
    BUFFER.lock().unwrap_or_else(PoisonError::into_inner)
}

/// [`DIRECT`] or [`BUFFERED`]: whether standard output is a terminal, asked once.
#[inline]
fn mode() -> u8 {
    match MODE.load(Ordering::Relaxed) {
        UNKNOWN => ask_mode(),
        mode => mode,
    }
}

/// The first [`mode`]: asks whether standard output is a terminal.
#[cold]
fn ask_mode() -> u8 {
    let mode = if std::io::stdout().is_terminal() {
        DIRECT
    } else {
        BUFFERED
    };
    MODE.store(mode, Ordering::Relaxed);
    mode
}

/// Makes the process's exit flush the buffer (once, at the first buffered write).
fn register_exit_hook() {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        extern "C" fn at_exit() {
            flush();
        }
        // SAFETY: registers a plain `extern "C"` function without arguments.
        unsafe {
            libc::atexit(at_exit);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flush_with_nothing_buffered_does_nothing_and_sync_is_idempotent() {
        sync();
        sync_on_plain_thread();
        flush();
        assert!(!PENDING.load(Ordering::Acquire));
    }

    #[test]
    fn the_mode_is_asked_once() {
        let first = mode();
        assert!(first == DIRECT || first == BUFFERED);
        assert_eq!(mode(), first);
    }
}
