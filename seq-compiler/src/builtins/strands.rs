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
    )
    .doc(
        "Starts the quotation as a new strand on copies of the values it takes (the caller \
             keeps its own); leaves the strand's id.",
    ),
    b(
        "chan.make",
        "( -- Channel<T> )",
        code!(|| ::seq::runtime::Channel::new()),
    )
    .doc("A new unbounded channel: sends never wait."),
    // A Seq extension: a send waits while the channel holds `n` values (as in Go).
    b(
        "chan.make-bounded",
        "( Int -- Channel<T> )",
        code!(|a| ::seq::runtime::Channel::bounded(#a)),
    )
    .doc(
        "A channel that queues at most n values (0: a send waits for a receiver); a send to a \
             full one waits.",
    ),
    b(
        "chan.send",
        "( T Channel<T> -- Bool )",
        code!(|a, b| #b.send(#a)),
    )
    .by_ref(&[1])
    .waits(code!(|a, b| #b.send_async(#a).await))
    .doc(
        "Sends the value and true (waits while a bounded channel is full); false, the value \
             dropped, once the channel is closed.",
    ),
    b(
        "chan.receive",
        "( Channel<T> -- T Bool )",
        with_fallback!(|a; d| #a.receive_or(|| #d)),
    )
    .by_ref(&[0])
    .waits(with_fallback!(|a; d| #a.receive_or_async(|| #d).await))
    .doc(
        "The next value and true (waits while the channel is empty and open); the type's \
             default and false once it is closed and drained.",
    ),
    b("chan.close", "( Channel<T> -- )", code!(|a| #a.close()))
        .by_ref(&[0])
        .doc(
            "Closes the channel: waiting receivers and senders get false; values already queued \
             are still received. Closing twice does nothing.",
        ),
    b(
        "chan.yield",
        "( -- )",
        code!(|| ::seq::runtime::yield_now()),
    )
    .waits(code!(|| ::seq::runtime::yield_now_async().await))
    .doc("Lets other strands run."),
    b(
        "time.sleep-ms",
        "( Int -- )",
        code!(|a| ::seq::runtime::sleep_ms(#a)),
    )
    .waits(code!(|a| ::seq::runtime::sleep_ms_async(#a).await))
    .doc(
        "Waits the number of milliseconds (the strand, not its worker thread); 0 or less only \
             yields.",
    ),
];
