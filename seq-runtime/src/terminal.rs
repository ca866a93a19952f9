//! The terminal: `terminal.*`, as upstream's words. Raw mode on standard input, reading
//! single bytes of it, the size of the terminal on standard output, and flushing.
//!
//! Where standard input or output is not a terminal the words degrade quietly, as
//! upstream's do: raw mode does nothing, the size is 80 by 24. The byte reads go to the
//! descriptor itself (not through `io.read-line`'s buffer), so a program reading keys
//! uses them alone.
//!
//! Invariants of raw mode: the terminal's settings from before are kept in [`SAVED`]
//! while [`RAW`] is set, and are put back by `terminal.raw-mode` with false, at the
//! process's exit (an `atexit` hook, which `os.exit` and the end of `main` run), and on
//! SIGINT or SIGTERM when they would end the process. While raw, those two signals go
//! to [`on_fatal_signal`]: a signal the program trapped or ignored before keeps that
//! disposition (the handler passes it on), one with its default action restores the
//! terminal and then takes that action. Leaving raw mode gives back the dispositions
//! from before, unless the program set others meanwhile.

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

/// Whether raw mode is on (then [`SAVED`] holds the settings to put back).
static RAW: AtomicBool = AtomicBool::new(false);

/// The terminal settings from before raw mode: written only while [`RAW`] is false and
/// under [`SWITCH`], read (also by signal handlers) only while it is true.
static SAVED: Saved = Saved(UnsafeCell::new(None));

/// Serializes turning raw mode on and off.
static SWITCH: Mutex<()> = Mutex::new(());

/// The terminal settings kept for restoring.
struct Saved(UnsafeCell<Option<libc::termios>>);

// SAFETY: see [`SAVED`]: writes happen under [`SWITCH`] while [`RAW`] is false, reads
// while it is true, and [`RAW`] is set with release and read with acquire ordering.
unsafe impl Sync for Saved {}

/// The signals raw mode watches, and each one's disposition from before (a
/// `sigaction`'s handler and flags), for [`on_fatal_signal`] to pass the signal on.
const WATCHED: [libc::c_int; 2] = [libc::SIGINT, libc::SIGTERM];
static BEFORE_HANDLER: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];
static BEFORE_FLAGS: [AtomicUsize; 2] = [AtomicUsize::new(0), AtomicUsize::new(0)];

/// `terminal.raw-mode ( Bool -- )`: true turns raw mode on (no line buffering, no echo,
/// Ctrl+C read as byte 3, no output processing), false puts the settings from before
/// back. Nothing happens when standard input is not a terminal, or when the mode is
/// already as asked.
pub fn raw_mode(on: bool) {
    let _switching = SWITCH.lock().unwrap_or_else(|e| e.into_inner());
    if on {
        enable();
    } else {
        disable();
    }
}

/// Puts the terminal in raw mode (under [`SWITCH`]).
fn enable() {
    if RAW.load(Ordering::Acquire) {
        return;
    }
    // SAFETY: plain libc calls on standard input with a termios of our own; SAVED is
    // written while RAW is false, under SWITCH (held by the caller).
    unsafe {
        if libc::isatty(libc::STDIN_FILENO) != 1 {
            return;
        }
        let mut settings: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(libc::STDIN_FILENO, &mut settings) != 0 {
            return;
        }
        *SAVED.0.get() = Some(settings);
        // Upstream's raw mode: no canonical lines, echo, signal keys or extended input;
        // no flow control or CR translation on input; no output processing.
        settings.c_lflag &= !(libc::ICANON | libc::ECHO | libc::ISIG | libc::IEXTEN);
        settings.c_iflag &= !(libc::IXON | libc::ICRNL);
        settings.c_oflag &= !libc::OPOST;
        settings.c_cc[libc::VMIN] = 1;
        settings.c_cc[libc::VTIME] = 0;
        if libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &settings) != 0 {
            return;
        }
    }
    RAW.store(true, Ordering::Release);
    watch_signals();
    static AT_EXIT: Once = Once::new();
    // SAFETY: `restore_at_exit` only restores saved settings; registering can only fail
    // for want of memory, and then the terminal is restored as before by the program.
    AT_EXIT.call_once(|| unsafe {
        libc::atexit(restore_at_exit);
    });
}

/// Leaves raw mode (under [`SWITCH`]).
fn disable() {
    if !RAW.load(Ordering::Acquire) {
        return;
    }
    unwatch_signals();
    restore();
    RAW.store(false, Ordering::Release);
}

/// Puts back the settings from before raw mode if it is on (async-signal-safe:
/// `tcsetattr` and atomics only).
fn restore() {
    if RAW.load(Ordering::Acquire) {
        // SAFETY: SAVED is only read while RAW is set; tcsetattr is async-signal-safe.
        unsafe {
            if let Some(saved) = (*SAVED.0.get()).as_ref() {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, saved);
            }
        }
    }
}

extern "C" fn restore_at_exit() {
    restore();
}

/// Routes SIGINT and SIGTERM to [`on_fatal_signal`], remembering what they did before.
fn watch_signals() {
    for (i, &signal) in WATCHED.iter().enumerate() {
        // SAFETY: a zeroed sigaction with our handler and an empty mask; the old one is
        // an out-parameter.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fatal_signal as *const () as libc::sighandler_t;
            libc::sigemptyset(&mut action.sa_mask);
            action.sa_flags = libc::SA_SIGINFO | libc::SA_RESTART;
            let mut before: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, &action, &mut before) == 0 {
                BEFORE_HANDLER[i].store(before.sa_sigaction, Ordering::Release);
                BEFORE_FLAGS[i].store(before.sa_flags as usize, Ordering::Release);
            }
        }
    }
}

/// Gives SIGINT and SIGTERM back their dispositions from before raw mode, where they
/// still have ours.
fn unwatch_signals() {
    for (i, &signal) in WATCHED.iter().enumerate() {
        // SAFETY: querying and setting dispositions with fully initialised sigactions.
        unsafe {
            let mut current: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, std::ptr::null(), &mut current) != 0
                || current.sa_sigaction != on_fatal_signal as *const () as libc::sighandler_t
            {
                continue;
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = BEFORE_HANDLER[i].load(Ordering::Acquire);
            action.sa_flags = BEFORE_FLAGS[i].load(Ordering::Acquire) as libc::c_int;
            libc::sigemptyset(&mut action.sa_mask);
            libc::sigaction(signal, &action, std::ptr::null_mut());
        }
    }
}

/// SIGINT or SIGTERM while raw: passed on to the handler from before; ignored if it was
/// ignored; else the terminal is restored and the signal's default action taken.
extern "C" fn on_fatal_signal(
    signal: libc::c_int,
    info: *mut libc::siginfo_t,
    context: *mut libc::c_void,
) {
    let Some(i) = WATCHED.iter().position(|&s| s == signal) else {
        return;
    };
    let before = BEFORE_HANDLER[i].load(Ordering::Acquire);
    let flags = BEFORE_FLAGS[i].load(Ordering::Acquire) as libc::c_int;
    match before {
        libc::SIG_IGN => {}
        libc::SIG_DFL => {
            restore();
            // SAFETY: signal and raise are async-signal-safe; the default action ends
            // the process.
            unsafe {
                libc::signal(signal, libc::SIG_DFL);
                libc::raise(signal);
            }
        }
        handler if flags & libc::SA_SIGINFO != 0 => {
            // SAFETY: the handler was installed with SA_SIGINFO, so it has this type.
            let handler: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                unsafe { std::mem::transmute(handler) };
            handler(signal, info, context);
        }
        handler => {
            // SAFETY: the handler was installed without SA_SIGINFO: a plain handler.
            let handler: extern "C" fn(libc::c_int) = unsafe { std::mem::transmute(handler) };
            handler(signal);
        }
    }
}

/// `terminal.read-char ( -- Int )`: the next byte of standard input (0 to 255), waiting
/// for it; -1 at end of input or on an error.
pub fn read_char() -> i64 {
    crate::io::flush();
    let mut byte = 0u8;
    loop {
        // SAFETY: reading at most one byte into a one-byte buffer.
        let n = unsafe { libc::read(libc::STDIN_FILENO, (&raw mut byte).cast(), 1) };
        match n {
            1 => return i64::from(byte),
            -1 if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {}
            _ => return -1,
        }
    }
}

/// `terminal.read-char? ( -- Int )`: the next byte of standard input (0 to 255) if one
/// is there now; -1 if none is (or at end of input, or on an error). It never waits.
pub fn read_char_now() -> i64 {
    crate::io::flush();
    let mut ready = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one pollfd, no timeout.
    let found = unsafe { libc::poll(&mut ready, 1, 0) };
    if found != 1 || ready.revents & (libc::POLLIN | libc::POLLHUP) == 0 {
        return -1;
    }
    read_char()
}

/// `terminal.width ( -- Int )`: the columns of the terminal on standard output; 80 when
/// it is not a terminal or does not say.
pub fn width() -> i64 {
    size().0
}

/// `terminal.height ( -- Int )`: the rows of the terminal on standard output; 24 when
/// it is not a terminal or does not say.
pub fn height() -> i64 {
    size().1
}

/// The terminal's (columns, rows), with 80 and 24 for what is unknown.
fn size() -> (i64, i64) {
    // SAFETY: TIOCGWINSZ fills a winsize of our own.
    let known = unsafe {
        let mut size: libc::winsize = std::mem::zeroed();
        (libc::isatty(libc::STDOUT_FILENO) == 1
            && libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) == 0)
            .then_some(size)
    };
    let or = |n: u16, default: i64| if n > 0 { i64::from(n) } else { default };
    known.map_or((80, 24), |s| (or(s.ws_col, 80), or(s.ws_row, 24)))
}

/// `terminal.flush ( -- )`: writes out what standard output holds (a partial line,
/// escape sequences, what Seq buffered: [`crate::io::flush`]).
pub fn flush() {
    crate::io::flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    // Under `cargo test` standard input may be a terminal: what can be checked
    // everywhere is checked here; tests/terminal.rs runs the words with standard input
    // and output that are not terminals.

    #[test]
    fn size_defaults_apply_to_unknown_sides() {
        let (w, h) = size();
        assert!(w > 0 && h > 0);
        // SAFETY: isatty on standard output.
        if unsafe { libc::isatty(libc::STDOUT_FILENO) } != 1 {
            assert_eq!((width(), height()), (80, 24));
        }
    }

    #[test]
    fn raw_mode_off_when_not_on_does_nothing() {
        raw_mode(false);
        assert!(!RAW.load(Ordering::Acquire));
        flush();
    }
}
