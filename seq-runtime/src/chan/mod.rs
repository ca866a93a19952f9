//! Channels: multi-producer multi-consumer, one handle that both sends and receives;
//! unbounded ([`Channel::new`], `chan.make`) or bounded ([`Channel::bounded`],
//! `chan.make-bounded`, where a send waits while the channel is full, as in Go).
//!
//! A channel is a queue of values, a queue of waiting receivers and a queue of waiting
//! senders under one lock (`state`, where the invariants are stated). A sender that finds
//! a waiting receiver hands the value straight to it (into the receiver's own slot) and
//! wakes it; otherwise it queues the value, or, if the channel is full, waits holding it.
//! A receiver takes the queued value at the front (letting the first waiting sender's
//! value in at the back), or a waiting sender's value, or waits.
//!
//! **Who waits, and how.** The blocking methods ([`Channel::send`],
//! [`Channel::receive`]) block the caller: a strand blocks its carrier (see
//! [`crate::strand`]), a plain thread parks. The futures ([`Channel::send_async`],
//! [`Channel::receive_async`]) wait without blocking anything: polled by a strand (the
//! code `seq!` generates for words that wait), the strand is put aside holding no stack
//! until a sender or receiver wakes it; polled by any other executor (tokio, say), the
//! task's waker is woken as usual. Dropping a future that waits withdraws it; a value
//! already handed to a dropped receive goes back to the front of the channel, so
//! nothing is lost.
//!
//! The lock is held for a few instructions and never across a blocking call, a wake-up,
//! or the drop of a value.

mod future;
mod lock;
mod state;

use std::fmt;
use std::sync::Arc;

pub use future::{Receiving, Sending};
use lock::{SpinGuard, SpinLock};
use state::{Offer, State, Take, Waiter};

use crate::strand::trace::{self, Wait};
use crate::strand::Parker;

/// How many times a strand that finds the channel empty lets the other runnable strands
/// on its worker run before it blocks its carrier: a yield costs about half a park and
/// wake-up, and in a request-reply exchange the reply usually comes within one turn.
const SPINS: u32 = 2;

/// A channel handle. Cloning it shares the channel; it can be sent to other strands and
/// threads when `T: Send`.
///
/// ```
/// use seq_runtime::Channel;
/// let ch = Channel::new();
/// assert!(ch.send(7));
/// assert_eq!(ch.receive(), (7, true));
/// ch.close();
/// assert!(!ch.send(8));
/// assert_eq!(ch.receive(), (0, false));
/// ```
pub struct Channel<T> {
    inner: Arc<SpinLock<State<T>>>,
}

impl<T: Send + 'static> Channel<T> {
    /// A new, open, empty, unbounded channel (`chan.make`): sends never wait.
    pub fn new() -> Self {
        Channel::with_capacity(usize::MAX)
    }

    /// `chan.make-bounded`: a channel that queues at most `capacity` values (a negative
    /// capacity counts as 0); a send to a full channel waits until a receiver makes room,
    /// and with capacity 0 until a receiver takes the value (a rendezvous, Go's
    /// unbuffered channel).
    ///
    /// ```
    /// use seq_runtime::{spawn, Channel};
    /// let ch = Channel::bounded(1);
    /// assert!(ch.send(1)); // room for one
    /// let rx = ch.clone();
    /// spawn(move || {
    ///     assert_eq!(rx.receive(), (1, true)); // makes room for the 2 below
    ///     assert_eq!(rx.receive(), (2, true));
    /// });
    /// assert!(ch.send(2)); // waits until the strand took the 1
    /// ```
    pub fn bounded(capacity: i64) -> Self {
        Channel::with_capacity(usize::try_from(capacity).unwrap_or(0))
    }

    fn with_capacity(capacity: usize) -> Self {
        crate::strand::note_caller();
        Channel {
            inner: Arc::new(SpinLock::new(State::new(capacity))),
        }
    }

    fn lock(&self) -> SpinGuard<'_, State<T>> {
        self.inner.lock()
    }

    /// `chan.send`: queues `value` (or hands it to a waiting receiver) and returns true.
    /// On a full bounded channel, blocks the calling strand (or thread) until there is
    /// room. After [`close`](Self::close) (also one that comes while it waits), drops
    /// `value` and returns false.
    ///
    /// # Panics
    ///
    /// On a plain thread waiting on a full channel, if the runtime finds a deadlock (see
    /// [`crate::strand`]), with a message that starts with "seq: deadlock:".
    #[track_caller]
    pub fn send(&self, value: T) -> bool {
        crate::strand::note_caller();
        let mut state = self.lock();
        let value = match state.offer(value) {
            Offer::Sent(wakeup) => {
                drop(state);
                if let Some(w) = wakeup {
                    w.finish();
                }
                return true;
            }
            Offer::Closed(value) => {
                drop(state);
                drop(value);
                return false;
            }
            Offer::Full(value) => value,
        };
        let waiter = Waiter::new(Some(value), Parker::current());
        state.wait_to_send(&waiter);
        drop(state);
        let paused = trace::block(Wait::Send);
        self.wait(&waiter, "send");
        trace::unblock(paused);
        // The value left the slot if a receiver took it; it is still there after a close.
        waiter.take_slot().is_none()
    }

    /// `chan.receive`: the next value and true. Blocks the calling strand (or thread)
    /// while the channel is empty and open. After close, values queued before it are
    /// still received; then it returns `T::default()` and false without blocking.
    ///
    /// # Panics
    ///
    /// On a plain thread, if the runtime finds a deadlock (every strand and thread that
    /// could send is blocked, see [`crate::strand`]), with a message that starts with
    /// "seq: deadlock:". A strand's receive never panics.
    #[track_caller]
    pub fn receive(&self) -> (T, bool)
    where
        T: Default,
    {
        self.receive_or(T::default)
    }

    /// [`receive`](Self::receive) with the value returned after close given by
    /// `fallback` (for element types without `Default`, such as function pointers).
    ///
    /// # Panics
    ///
    /// As [`receive`](Self::receive): on a plain thread, on a deadlock.
    #[track_caller]
    pub fn receive_or(&self, fallback: impl FnOnce() -> T) -> (T, bool) {
        let received = self.take_or_wait(fallback);
        // On a plain thread, what strands wrote before they sent comes before what this
        // thread prints next (see `crate::io::output`).
        crate::io::output::sync_on_plain_thread();
        received
    }

    /// [`receive_or`](Self::receive_or)'s value or close, waited for.
    #[track_caller]
    fn take_or_wait(&self, fallback: impl FnOnce() -> T) -> (T, bool) {
        let mut spins = 0;
        // Stays in place from its registration until it is done or withdrawn.
        let mut waiter = None;
        loop {
            let mut state = self.lock();
            match state.take() {
                Take::Value(value, wakeup) => {
                    drop(state);
                    if let Some(w) = wakeup {
                        w.finish();
                    }
                    return (value, true);
                }
                Take::Closed => return (fallback(), false),
                Take::Empty => {}
            }
            if spins < SPINS {
                drop(state);
                spins += 1;
                if crate::strand::spin_yield() {
                    continue;
                }
                state = self.lock();
                if !state.queue.is_empty() || !state.senders.is_empty() || state.closed {
                    continue;
                }
            }
            let waiter = waiter.insert(Waiter::new(None, Parker::current()));
            state.wait_to_receive(waiter);
            break;
        }
        let waiter = waiter.as_ref().expect("registered above");
        let paused = trace::block(Wait::Receive);
        self.wait(waiter, "receive");
        trace::unblock(paused);
        match waiter.take_slot() {
            Some(value) => (value, true),
            None => (fallback(), false),
        }
    }

    /// Blocks until `waiter` (queued with `Parker::current()`) is done. A plain thread
    /// failed by the deadlock detector withdraws and panics, unless someone completed the
    /// waiter meanwhile.
    #[track_caller]
    fn wait(&self, waiter: &Waiter<T>, what: &str) {
        let ready = || waiter.is_done();
        let parker = Parker::current();
        if let Err(deadlock) = parker.wait(ready) {
            let withdrawn = self.lock().withdraw(waiter);
            if withdrawn.is_some() {
                panic!(
                    "seq: deadlock: this {what} can never complete: {}",
                    deadlock.describe()
                );
            }
            // A sender or `close` took the waiter after all (one the runtime could not
            // see, so the verdict was wrong): take what it gives.
            parker.wait_overtaken(ready);
        }
    }

    /// `chan.send` as a future: resolves to what [`send`](Self::send) returns, waiting
    /// (without blocking a thread or holding a strand's stack) while the channel is full.
    /// Dropped while it waits, the value is not sent.
    pub fn send_async(&self, value: T) -> Sending<'_, T> {
        crate::strand::note_caller();
        Sending::new(self, value)
    }

    /// `chan.receive` as a future: resolves to what [`receive`](Self::receive) returns,
    /// waiting (without blocking a thread or holding a strand's stack) while the channel
    /// is empty and open. It never fails on a deadlock: strands waiting this way are
    /// counted by the detector, futures of other executors are not.
    pub fn receive_async(&self) -> Receiving<'_, T, fn() -> T>
    where
        T: Default,
    {
        self.receive_or_async(T::default)
    }

    /// [`receive_async`](Self::receive_async) with the value returned after close given
    /// by `fallback`.
    pub fn receive_or_async<F: FnOnce() -> T>(&self, fallback: F) -> Receiving<'_, T, F> {
        // (A plain thread registers with the deadlock detector if the receive waits, as
        // a blocking receive does.)
        Receiving::new(self, fallback)
    }

    /// `chan.close`: marks the channel closed and wakes every waiting receiver (they
    /// return the default value and false) and sender (false, the value dropped). Values
    /// queued before still reach receivers. Closing twice does nothing.
    pub fn close(&self) {
        crate::strand::note_caller();
        let wakeups = self.lock().close();
        for wakeup in wakeups {
            wakeup.finish();
        }
    }

    /// True once [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.lock().closed
    }

    /// Number of receivers (strands, threads or futures) waiting on this channel now.
    pub fn receivers_waiting(&self) -> usize {
        self.lock().receivers.len()
    }

    /// Number of senders waiting for room in this (full, bounded) channel now.
    pub fn senders_waiting(&self) -> usize {
        self.lock().senders.len()
    }

    /// Number of values queued and not yet received (a waiting sender's value is not
    /// queued).
    pub fn len(&self) -> usize {
        self.lock().queue.len()
    }

    /// True if no value is queued.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most values the channel queues (`None`: unbounded).
    pub fn capacity(&self) -> Option<usize> {
        let capacity = self.lock().capacity;
        (capacity != usize::MAX).then_some(capacity)
    }
}

impl<T: Send + 'static> Default for Channel<T> {
    /// A new open channel, like [`Channel::new`].
    fn default() -> Self {
        Channel::new()
    }
}

impl<T> Clone for Channel<T> {
    /// Another handle to the same channel.
    fn clone(&self) -> Self {
        Channel {
            inner: self.inner.clone(),
        }
    }
}

impl<T> PartialEq for Channel<T> {
    /// Two handles are equal when they share one channel.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl<T> Eq for Channel<T> {}

impl<T> fmt::Debug for Channel<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Channel({:p})", Arc::as_ptr(&self.inner))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_out_in_order() {
        let ch = Channel::new();
        for i in 0..5 {
            assert!(ch.send(i));
        }
        assert_eq!(ch.len(), 5);
        for i in 0..5 {
            assert_eq!(ch.receive(), (i, true));
        }
        assert!(ch.is_empty());
    }

    #[test]
    fn close_drains_then_reports_closed() {
        let ch = Channel::new();
        ch.send("a".to_string());
        ch.close();
        ch.close();
        assert!(ch.is_closed());
        assert!(!ch.send("b".to_string()));
        assert_eq!(ch.receive(), ("a".to_string(), true));
        assert_eq!(ch.receive(), (String::new(), false));
        assert_eq!(ch.receive(), (String::new(), false));
    }

    #[test]
    fn a_value_sent_after_close_is_dropped() {
        let value = Arc::new(());
        let ch = Channel::new();
        ch.close();
        assert!(!ch.send(value.clone()));
        assert_eq!(Arc::strong_count(&value), 1);
    }

    #[test]
    fn a_thread_blocks_until_a_thread_sends() {
        let ch = Channel::<i64>::new();
        let tx = ch.clone();
        // The helper has not used the runtime when this thread blocks: cover it.
        let waker = crate::strand::ExternalWaker::new();
        let t = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            let sent = tx.send(42);
            drop(waker);
            sent
        });
        assert_eq!(ch.receive(), (42, true));
        assert!(t.join().unwrap());
    }

    #[test]
    fn close_wakes_blocked_threads() {
        let ch = Channel::<i64>::new();
        let receivers: Vec<_> = (0..4)
            .map(|_| {
                let ch = ch.clone();
                std::thread::spawn(move || ch.receive())
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(20));
        ch.close();
        for r in receivers {
            assert_eq!(r.join().unwrap(), (0, false));
        }
    }

    #[test]
    fn handles_compare_by_channel() {
        let a = Channel::<i64>::new();
        assert_eq!(a, a.clone());
        assert_ne!(a, Channel::new());
    }
}
