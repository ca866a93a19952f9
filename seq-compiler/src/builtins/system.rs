//! The table's entries for the process's surroundings: Unix signals (`signal.*`, trapped
//! into flags the program polls; the numbers are the platform's) and reading a number of
//! bytes of standard input (`io.read-n`).

use super::{b, Builtin, Emit};
use quote::quote;

/// A word `( Int -- )` or `( Int -- Bool )` calling `seq::runtime::signal::$f`.
macro_rules! on_signal {
    ($name:literal, $effect:literal, $f:ident) => {
        b(
            $name,
            $effect,
            Emit::Code(|a| {
                let s = &a[0];
                quote!(::seq::runtime::signal::$f(#s))
            }),
        )
    };
}

/// A word `( -- Int )` giving the platform's number of a signal.
macro_rules! signal_number {
    ($name:literal, $constant:ident) => {
        b(
            $name,
            "( -- Int )",
            Emit::Code(|_| quote!(::seq::runtime::signal::$constant)),
        )
    };
}

/// Signals and standard-input bytes.
pub static SYSTEM: &[Builtin] = &[
    on_signal!("signal.trap", "( Int -- )", trap),
    on_signal!("signal.received?", "( Int -- Bool )", received),
    on_signal!("signal.pending?", "( Int -- Bool )", pending),
    on_signal!("signal.default", "( Int -- )", default),
    on_signal!("signal.ignore", "( Int -- )", ignore),
    on_signal!("signal.clear", "( Int -- )", clear),
    signal_number!("signal.SIGINT", SIGINT),
    signal_number!("signal.SIGTERM", SIGTERM),
    signal_number!("signal.SIGHUP", SIGHUP),
    signal_number!("signal.SIGPIPE", SIGPIPE),
    signal_number!("signal.SIGUSR1", SIGUSR1),
    signal_number!("signal.SIGUSR2", SIGUSR2),
    signal_number!("signal.SIGCHLD", SIGCHLD),
    signal_number!("signal.SIGALRM", SIGALRM),
    signal_number!("signal.SIGCONT", SIGCONT),
    b(
        "io.read-n",
        "( Int -- String Int )",
        Emit::Code(|a| {
            let n = &a[0];
            quote!(::seq::runtime::io::read_n(#n))
        }),
    ),
];
