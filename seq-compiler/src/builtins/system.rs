//! The table's entries for the process's surroundings: Unix signals (`signal.*`, trapped
//! into flags the program polls; the numbers are the platform's), reading a number of
//! bytes of standard input (`io.read-n`), the OS (`os.*`: environment, paths, exit,
//! platform) and the terminal (`terminal.*`), each calling the runtime module of its
//! prefix, with upstream's names and effects.

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

/// A word calling `seq::runtime::$module::$f` on its inputs, each read by reference.
macro_rules! call {
    ($name:literal, $effect:literal, $module:ident::$f:ident()) => {
        b(
            $name,
            $effect,
            Emit::Code(|_| quote!(::seq::runtime::$module::$f())),
        )
    };
    ($name:literal, $effect:literal, $module:ident::$f:ident(&)) => {
        b(
            $name,
            $effect,
            Emit::Code(|a| {
                let x = &a[0];
                quote!(::seq::runtime::$module::$f(&#x))
            }),
        )
        .by_ref(&[0])
    };
    ($name:literal, $effect:literal, $module:ident::$f:ident(&, &)) => {
        b(
            $name,
            $effect,
            Emit::Code(|a| {
                let (x, y) = (&a[0], &a[1]);
                quote!(::seq::runtime::$module::$f(&#x, &#y))
            }),
        )
        .by_ref(&[0, 1])
    };
    ($name:literal, $effect:literal, $module:ident::$f:ident(_)) => {
        b(
            $name,
            $effect,
            Emit::Code(|a| {
                let x = &a[0];
                quote!(::seq::runtime::$module::$f(#x))
            }),
        )
    };
}

/// Signals, standard-input bytes, the OS and the terminal.
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
    call!("os.getenv", "( String -- String Bool )", os::getenv(&)),
    call!("os.home-dir", "( -- String Bool )", os::home_dir()),
    call!("os.current-dir", "( -- String Bool )", os::current_dir()),
    call!("os.path-exists", "( String -- Bool )", os::path_exists(&)),
    call!("os.path-is-file", "( String -- Bool )", os::path_is_file(&)),
    call!("os.path-is-dir", "( String -- Bool )", os::path_is_dir(&)),
    call!("os.path-join", "( String String -- String )", os::path_join(&, &)),
    call!("os.path-parent", "( String -- String Bool )", os::path_parent(&)),
    call!("os.path-filename", "( String -- String Bool )", os::path_filename(&)),
    call!("os.exit", "( Int -- )", os::exit(_)),
    call!("os.name", "( -- String )", os::name()),
    call!("os.arch", "( -- String )", os::arch()),
    call!("terminal.raw-mode", "( Bool -- )", terminal::raw_mode(_)),
    call!("terminal.read-char", "( -- Int )", terminal::read_char()),
    call!(
        "terminal.read-char?",
        "( -- Int )",
        terminal::read_char_now()
    ),
    call!("terminal.width", "( -- Int )", terminal::width()),
    call!("terminal.height", "( -- Int )", terminal::height()),
    call!("terminal.flush", "( -- )", terminal::flush()),
];
