//! The table's entries for strands, channels and time: the words that can wait.
//!
//! A word that can wait (`chan.send` on a full bounded channel, `chan.receive`,
//! `chan.yield`, `time.sleep-ms`) has two forms in its one entry: `emit`, the blocking
//! call that synchronous code makes, and `waits`, the expression asynchronous code
//! `.await`s (see `emit::waits`). Both take the same inputs and leave the same outputs.
//! Element types are inferred; see `Channel<T>` in the README.

use super::{b, Builtin, Emit, Special};
use quote::quote;

/// The strand, channel and time words.
pub static STRANDS: &[Builtin] = &[
    b(
        "strand.spawn",
        "( ..a [ ..a -- ..b ] -- ..a Int )",
        Emit::Special(Special::Spawn),
    ),
    b(
        "chan.make",
        "( -- Channel<T> )",
        code!(|| ::seq::runtime::Channel::new()),
    ),
    // A Seq extension: a send waits while the channel holds `n` values (as in Go).
    b(
        "chan.make-bounded",
        "( Int -- Channel<T> )",
        code!(|a| ::seq::runtime::Channel::bounded(#a)),
    ),
    b(
        "chan.send",
        "( T Channel<T> -- Bool )",
        code!(|a, b| #b.send(#a)),
    )
    .by_ref(&[1])
    .waits(code!(|a, b| #b.send_async(#a).await)),
    b(
        "chan.receive",
        "( Channel<T> -- T Bool )",
        with_fallback!(|a; d| #a.receive_or(|| #d)),
    )
    .by_ref(&[0])
    .waits(with_fallback!(|a; d| #a.receive_or_async(|| #d).await)),
    b("chan.close", "( Channel<T> -- )", code!(|a| #a.close())).by_ref(&[0]),
    b(
        "chan.yield",
        "( -- )",
        code!(|| ::seq::runtime::yield_now()),
    )
    .waits(code!(|| ::seq::runtime::yield_now_async().await)),
    b(
        "time.sleep-ms",
        "( Int -- )",
        code!(|a| ::seq::runtime::sleep_ms(#a)),
    )
    .waits(code!(|a| ::seq::runtime::sleep_ms_async(#a).await)),
];
