//! Temporary stand-ins for the asynchronous runtime API that generated code calls: the
//! `_async` forms of the waiting builtins, spawning a future as a strand, running a
//! future to completion, and bounded channels.
//!
//! **Placeholder.** The real implementation runs strands as futures polled by a few
//! carriers, so that a waiting strand holds no stack. Until it lands, everything here
//! blocks the calling strand or thread through the synchronous operations, which is
//! correct but not cheaper; the signatures are the contract the compiler relies on, and
//! this file is meant to be dropped whole when the real runtime replaces it.
//!
//! Invariant: every function has the signature of its real counterpart, and behaves as
//! the synchronous operation it stands for (`send_async` as `send`, and so on).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::Thread;

use crate::chan::Channel;
use crate::strand::{sleep_ms, spawn, yield_now};

/// Starts a strand that runs the future `f` to completion, and returns its id.
///
/// Placeholder: the strand runs `f` with [`block_on`].
pub fn spawn_async<F: Future<Output = ()> + Send + 'static>(f: F) -> i64 {
    spawn(move || block_on(f))
}

/// Runs a future to completion on the calling strand or thread, and returns its output.
/// Synchronous Seq code calls `extern async` Rust functions through it.
///
/// Placeholder: polls on the calling thread, parking it while the future is pending;
/// the future's waker unparks it.
pub fn block_on<F: Future>(f: F) -> F::Output {
    struct Unpark(Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut f = pin!(f);
    loop {
        match f.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            Poll::Pending => std::thread::park(),
        }
    }
}

/// Runs a program's `main` (a future) as the root strand and exits the process with its
/// result, as [`crate::run_main`] does for a synchronous `main`.
pub fn run_main_async<F: Future<Output = i64> + Send + 'static>(f: F) -> ! {
    crate::run_main(move || block_on(f))
}

/// `time.sleep-ms` for asynchronous code: waits `ms` milliseconds.
///
/// Placeholder: blocks as [`sleep_ms`].
pub async fn sleep_ms_async(ms: i64) {
    sleep_ms(ms)
}

/// `chan.yield` for asynchronous code: lets other strands run.
///
/// Placeholder: as [`yield_now`].
pub async fn yield_now_async() {
    yield_now()
}

impl<T: Send + 'static> Channel<T> {
    /// A channel that holds at most `capacity` queued values (negative is 0): a send on a
    /// full channel waits until a receiver takes one (`chan.make-bounded`).
    ///
    /// Placeholder: an unbounded channel, as [`Channel::new`].
    pub fn bounded(capacity: i64) -> Self {
        let _ = capacity;
        Channel::new()
    }

    /// `chan.send` for asynchronous code: as [`Channel::send`], waiting while a bounded
    /// channel is full.
    ///
    /// Placeholder: as [`Channel::send`].
    pub async fn send_async(&self, value: T) -> bool {
        self.send(value)
    }

    /// `chan.receive` for asynchronous code: as [`Channel::receive`], waiting without
    /// blocking the thread.
    ///
    /// Placeholder: as [`Channel::receive`].
    pub async fn receive_async(&self) -> (T, bool)
    where
        T: Default,
    {
        self.receive()
    }

    /// [`receive_async`](Self::receive_async) with the value returned after close given
    /// by `fallback`.
    ///
    /// Placeholder: as [`Channel::receive_or`].
    pub async fn receive_or_async(&self, fallback: impl FnOnce() -> T) -> (T, bool) {
        self.receive_or(fallback)
    }
}
