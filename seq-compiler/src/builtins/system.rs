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
    on_signal!("signal.trap", "( Int -- )", trap)
        .doc("From now on the signal sets its flag instead of its default action."),
    on_signal!("signal.received?", "( Int -- Bool )", received)
        .doc("Whether the signal came since last asked; clears its flag."),
    on_signal!("signal.pending?", "( Int -- Bool )", pending)
        .doc("Whether the signal came, without clearing its flag."),
    on_signal!("signal.default", "( Int -- )", default)
        .doc("Restores the signal's default action."),
    on_signal!("signal.ignore", "( Int -- )", ignore).doc("Ignores the signal from now on."),
    on_signal!("signal.clear", "( Int -- )", clear).doc("Forgets that the signal came."),
    signal_number!("signal.SIGINT", SIGINT)
        .doc("The platform's number of SIGINT (interrupt, Ctrl+C)."),
    signal_number!("signal.SIGTERM", SIGTERM)
        .doc("The platform's number of SIGTERM (termination request)."),
    signal_number!("signal.SIGHUP", SIGHUP).doc("The platform's number of SIGHUP (hang-up)."),
    signal_number!("signal.SIGPIPE", SIGPIPE)
        .doc("The platform's number of SIGPIPE (write to a closed pipe or socket)."),
    signal_number!("signal.SIGUSR1", SIGUSR1).doc("The platform's number of SIGUSR1."),
    signal_number!("signal.SIGUSR2", SIGUSR2).doc("The platform's number of SIGUSR2."),
    signal_number!("signal.SIGCHLD", SIGCHLD)
        .doc("The platform's number of SIGCHLD (a child process changed state)."),
    signal_number!("signal.SIGALRM", SIGALRM).doc("The platform's number of SIGALRM (timer)."),
    signal_number!("signal.SIGCONT", SIGCONT)
        .doc("The platform's number of SIGCONT (continue after stop)."),
    b(
        "io.read-n",
        "( Int -- String Int )",
        Emit::Code(|a| {
            let n = &a[0];
            quote!(::seq::runtime::io::read_n(#n))
        }),
    )
    .doc(
        "n bytes of standard input and 1; what there was and 0 at end of input or on an error \
             (nothing and 0 for n below 0 or above 10 MiB).",
    ),
    call!("os.getenv", "( String -- String Bool )", os::getenv(&))
        .doc("The environment variable's value and true; \"\" and false when it is not set."),
    call!("os.home-dir", "( -- String Bool )", os::home_dir()).doc(
        "The home directory (`$HOME`, else the account's) and true; \"\" and false when \
             unknown.",
    ),
    call!("os.current-dir", "( -- String Bool )", os::current_dir())
        .doc("The working directory and true; \"\" and false when it cannot be known."),
    call!("os.path-exists", "( String -- Bool )", os::path_exists(&))
        .doc("Whether anything exists at the path."),
    call!("os.path-is-file", "( String -- Bool )", os::path_is_file(&))
        .doc("Whether a regular file is at the path (following symbolic links)."),
    call!("os.path-is-dir", "( String -- Bool )", os::path_is_dir(&))
        .doc("Whether a directory is at the path (following symbolic links)."),
    call!("os.path-join", "( String String -- String )", os::path_join(&, &)).doc(
        "The top path below the second, with one `/` between; an absolute top path replaces \
             the second.",
    ),
    call!("os.path-parent", "( String -- String Bool )", os::path_parent(&))
        .doc("The path without its last component and true; \"\" and false for `/` or \"\"."),
    call!("os.path-filename", "( String -- String Bool )", os::path_filename(&)).doc(
        "The last component and true; \"\" and false when the path is `/`, \"\" or ends in \
             `..`.",
    ),
    call!("os.exit", "( Int -- )", os::exit(_)).doc(
        "Flushes standard output and ends the process with the code (0 to 255; another is a \
             runtime error).",
    ),
    call!("os.name", "( -- String )", os::name()).doc(
        "The operating system: \"linux\", \"darwin\", \"windows\", \"freebsd\", \"openbsd\", \
             \"netbsd\" or \"unknown\".",
    ),
    call!("os.arch", "( -- String )", os::arch()).doc(
        "The processor: \"x86_64\", \"aarch64\", \"arm\", \"x86\", \"riscv64\" or \
             \"unknown\".",
    ),
    call!("terminal.raw-mode", "( Bool -- )", terminal::raw_mode(_)).doc(
        "true: raw mode on standard input (no line buffering, no echo); false: the settings \
             from before. Nothing when it is not a terminal.",
    ),
    call!("terminal.read-char", "( -- Int )", terminal::read_char()).doc(
        "The next byte of standard input (0 to 255), waiting for it; -1 at end of input or on \
             an error.",
    ),
    call!(
        "terminal.read-char?",
        "( -- Int )",
        terminal::read_char_now()
    )
    .doc("The next byte of standard input if one is there now, without waiting; -1 otherwise."),
    call!("terminal.width", "( -- Int )", terminal::width())
        .doc("The columns of the terminal on standard output; 80 when unknown."),
    call!("terminal.height", "( -- Int )", terminal::height())
        .doc("The rows of the terminal on standard output; 24 when unknown."),
    call!("terminal.flush", "( -- )", terminal::flush())
        .doc("Writes out what standard output holds (a partial line, escape sequences)."),
];
