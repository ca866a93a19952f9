//! Runtime support for the code `seq!` generates.
//!
//! Everything arithmetic and every stack shuffle is emitted inline by the compiler; this
//! crate only holds what needs a real implementation:
//!
//! * [`io`]: standard input and output, program arguments, clocks;
//! * [`fs`], [`os`], [`terminal`]: files and directories, the environment and paths,
//!   `os.exit`, raw terminal input and the terminal's size;
//! * [`text`], [`bytes`]: string words with more than one expression, byte strings;
//! * [`encoding`], `crypto`, `compress`, `regex`: Base64 and hex; hashes, MACs,
//!   randomness, AES-GCM, PBKDF2 and Ed25519; gzip and Zstandard; regular expressions
//!   (the last three behind the cargo features of the same names, on by default);
//! * [`list`], [`map`]: the `List` and `Map` values;
//! * [`signal`]: Unix signals trapped into flags the program polls;
//! * [`symbol`], [`value`]: `Symbol` tags; `Value`, Seq's dynamic values, and `Variant`
//!   records;
//! * [`weave`]: weaves (generators): futures that hold no stack between resumes, or
//!   closures on coroutines of their own;
//! * [`testing`]: the test words' records;
//! * [`formats`]: JSON parsing and escaping for the standard modules `std:json` and
//!   `std:yaml`;
//! * [`run_main`]: a program's entry, `main` as the root strand;
//! * [`strand`]: strands (`strand.spawn`, `chan.yield`, `time.sleep-ms`): futures run by
//!   a few May coroutines called carriers, waiting without a stack where they await;
//!   the scheduling protocol and its invariant are in that module's docs;
//! * [`chan`]: channels (`chan.make`, `chan.make-bounded`, `chan.send`, `chan.receive`,
//!   `chan.close`), blocking or as futures any executor can await;
//! * [`config`]: worker threads and stack size (`SEQ_WORKERS`, `SEQ_STACK_SIZE`);
//! * [`spawn_async`], [`block_on`], [`run_main_async`], [`sleep_ms_async`],
//!   [`yield_now_async`] and the channels' `_async` methods: what the `_async` forms of
//!   waiting words call, and what async Rust awaits.
//!
//! A strand that panics ends the process with `seq: strand N panicked: ...` (unless a
//! handler contains it, [`config::Config::on_strand_panic`], or it is joined,
//! [`strand::spawn_joinable`]); a deadlock
//! (every strand and thread that could send blocked in a receive) is reported and fails
//! the plain threads waiting in receives; a stack overflow in a strand names
//! `SEQ_STACK_SIZE` (see "Failures" in [`strand`]).
//!
//! The runtime starts itself on first use; calling it from a plain thread (a Rust
//! `fn main` that spawns strands and receives from channels) needs no setup, and a
//! receive there blocks the thread.
//!
//! ```
//! use seq_runtime::{spawn, Channel};
//! let results = Channel::new();
//! for i in 1..=10 {
//!     let results = results.clone();
//!     spawn(move || {
//!         results.send(i * i);
//!     });
//! }
//! let sum: i64 = (0..10).map(|_| results.receive().0).sum();
//! assert_eq!(sum, 385);
//! ```

#![warn(missing_docs)]

pub mod bytes;
pub mod chan;
#[cfg(feature = "compress")]
pub mod compress;
pub mod config;
mod cow;
#[cfg(feature = "crypto")]
pub mod crypto;
pub mod encoding;
pub mod formats;
pub mod fs;
pub mod io;
pub mod list;
pub mod map;
#[cfg(feature = "net")]
pub mod net;
pub mod os;
#[cfg(feature = "regex")]
pub mod regex;
pub mod signal;
pub mod strand;
pub mod symbol;
pub mod terminal;
pub mod testing;
pub mod text;
pub mod value;
pub mod weave;

pub use chan::Channel;
pub use list::List;
pub use map::Map;
pub use strand::{
    block_on, sleep_ms, sleep_ms_async, spawn, spawn_async, yield_now, yield_now_async,
};
pub use symbol::Symbol;
pub use value::{Dynamic, Value, Variant};
pub use weave::{Ctx, Weave};

/// Runs a program's `main` as the root strand and exits the process with its result (the
/// exit code; a `main ( -- )` returns 0). Strands still running when it returns are
/// abandoned, as upstream's are.
pub fn run_main(main: impl FnOnce() -> i64 + Send + 'static) -> ! {
    let done = Channel::new();
    let result = done.clone();
    spawn(move || {
        let code = main();
        result.send(code);
    });
    let (code, finished) = done.receive();
    io::flush();
    std::process::exit(if finished { code as i32 } else { 1 })
}

/// As [`run_main`], for a `main` that waits: the root strand is the future `main`, which
/// waits without holding a carrier.
pub fn run_main_async(main: impl std::future::Future<Output = i64> + Send + 'static) -> ! {
    let done = Channel::new();
    let result = done.clone();
    spawn_async(async move {
        let code = main.await;
        result.send(code);
    });
    let (code, finished) = done.receive();
    io::flush();
    std::process::exit(if finished { code as i32 } else { 1 })
}
