//! Unix signals (`signal.*`, reference-compatible with upstream's `std:signal`): a trapped
//! signal only sets a flag, which the program polls where it is safe to act
//! (`signal.received?`, `signal.pending?`); `signal.default` and `signal.ignore` set the
//! signal's disposition.
//!
//! Invariants: the handler does nothing but store into an atomic flag (async-signal
//! safe); a signal number outside 1..=64, or one the system refuses to handle (SIGKILL,
//! SIGSTOP), is a runtime error naming the word.

use std::sync::atomic::{AtomicBool, Ordering};

/// `signal.SIGINT ( -- Int )` and the other signals Seq names: the platform's numbers.
macro_rules! numbers {
    ($($name:ident),*) => {
        $(
            #[doc = concat!("The platform's number of ", stringify!($name), ".")]
            pub const $name: i64 = libc::$name as i64;
        )*
    };
}

numbers!(SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGUSR1, SIGUSR2, SIGCHLD, SIGALRM, SIGCONT);

/// One flag per signal number, set by the handler.
static FLAGS: [AtomicBool; 65] = [const { AtomicBool::new(false) }; 65];

extern "C" fn on_signal(signal: libc::c_int) {
    if let Some(flag) = usize::try_from(signal).ok().and_then(|s| FLAGS.get(s)) {
        flag.store(true, Ordering::Release);
    }
}

fn number(word: &str, signal: i64) -> usize {
    match usize::try_from(signal) {
        Ok(n) if (1..FLAGS.len()).contains(&n) => n,
        _ => panic!("{word}: {signal} is not a signal number"),
    }
}

/// Sets the disposition of a signal: a handler, `SIG_DFL` or `SIG_IGN`.
fn dispose(word: &str, signal: i64, handler: libc::sighandler_t) {
    let n = number(word, signal);
    // SAFETY: `action` is fully initialised (zeroed, then the handler, an empty mask and
    // SA_RESTART), and `on_signal` only stores into an atomic.
    let refused = unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = handler;
        libc::sigemptyset(&mut action.sa_mask);
        action.sa_flags = libc::SA_RESTART;
        libc::sigaction(n as libc::c_int, &action, std::ptr::null_mut()) != 0
    };
    if refused {
        panic!(
            "{word}: the system refuses to handle signal {signal}: {}",
            std::io::Error::last_os_error()
        );
    }
}

/// `signal.trap ( Int -- )`: from now on the signal sets its flag instead of its default
/// action.
pub fn trap(signal: i64) {
    let handler = on_signal as extern "C" fn(libc::c_int);
    dispose("signal.trap", signal, handler as libc::sighandler_t);
}

/// `signal.received? ( Int -- Bool )`: whether the signal came since last asked (and
/// clears its flag).
pub fn received(signal: i64) -> bool {
    FLAGS[number("signal.received?", signal)].swap(false, Ordering::Acquire)
}

/// `signal.pending? ( Int -- Bool )`: whether the signal came, without clearing it.
pub fn pending(signal: i64) -> bool {
    FLAGS[number("signal.pending?", signal)].load(Ordering::Acquire)
}

/// `signal.default ( Int -- )`: the signal's default action again.
pub fn default(signal: i64) {
    dispose("signal.default", signal, libc::SIG_DFL);
}

/// `signal.ignore ( Int -- )`: the signal is ignored.
pub fn ignore(signal: i64) {
    dispose("signal.ignore", signal, libc::SIG_IGN);
}

/// `signal.clear ( Int -- )`: forgets that the signal came.
pub fn clear(signal: i64) {
    FLAGS[number("signal.clear", signal)].store(false, Ordering::Release);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trapped_signal_sets_its_flag_until_received() {
        trap(libc::SIGUSR2 as i64);
        assert!(!pending(libc::SIGUSR2 as i64));
        // SAFETY: raising a signal this test trapped.
        unsafe { libc::raise(libc::SIGUSR2) };
        assert!(pending(libc::SIGUSR2 as i64));
        assert!(received(libc::SIGUSR2 as i64));
        assert!(!received(libc::SIGUSR2 as i64), "received? clears the flag");
        unsafe { libc::raise(libc::SIGUSR2) };
        clear(libc::SIGUSR2 as i64);
        assert!(!pending(libc::SIGUSR2 as i64));
        ignore(libc::SIGUSR2 as i64);
        unsafe { libc::raise(libc::SIGUSR2) };
        assert!(!pending(libc::SIGUSR2 as i64), "ignored");
        default(libc::SIGUSR2 as i64);
    }

    #[test]
    fn bad_signal_numbers_are_errors_naming_the_word() {
        let message = std::panic::catch_unwind(|| received(99)).unwrap_err();
        assert_eq!(
            message.downcast_ref::<String>().unwrap(),
            "signal.received?: 99 is not a signal number"
        );
        assert!(std::panic::catch_unwind(|| trap(libc::SIGKILL as i64)).is_err());
    }
}
