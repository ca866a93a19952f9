//! Channels: unbounded, multi-producer multi-consumer, one handle that both sends and
//! receives.
//!
//! A channel is a queue of values and a queue of waiting receivers under one lock. A
//! sender that finds a waiting receiver hands the value straight to it (into the
//! receiver's own slot) and wakes it; otherwise it queues the value. A receiver takes a
//! queued value, or, if there is none, registers itself as a waiter and blocks: a strand
//! blocks its carrier (see [`crate::strand`]), a plain thread parks the thread.
//!
//! **Invariants** (all under the lock):
//! * waiters are registered only while no value is queued, and a value is queued only
//!   while no receiver waits: the two queues are never both non-empty;
//! * each value goes to exactly one receiver: either it is popped from the value queue,
//!   or it is written into the slot of the one waiter that was removed from the waiter
//!   queue; a woken receiver never competes for it again;
//! * once closed, the channel has no waiters (`close` removes and wakes all of them,
//!   leaving their slots empty) and accepts no value (`send` drops it and returns false);
//!   values queued before the close are still received, then receivers get the default
//!   value and `false`.
//!
//! The lock is held for a few instructions and never across a blocking call, a wake-up,
//! or the drop of a value.

use std::cell::UnsafeCell;
use std::collections::VecDeque;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::strand::Parker;

/// How many times a strand that finds the channel empty lets the other runnable strands
/// on its worker run before it blocks: a yield costs about half a park and wake-up, and
/// in a request-reply exchange the reply usually comes within one turn.
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

struct State<T> {
    queue: VecDeque<T>,
    waiters: VecDeque<Arc<Waiter<T>>>,
    closed: bool,
}

/// A blocked receiver: the slot a sender fills, and how to wake the receiver.
struct Waiter<T> {
    slot: UnsafeCell<Option<T>>,
    /// Set (release) by the one party that removed this waiter from the channel, after
    /// it wrote the slot (a sender) or left it empty (`close`).
    done: AtomicBool,
    parker: Parker,
}

// SAFETY: `slot` is written only by the single party that removed the waiter from the
// channel's waiter queue (under the lock), before it sets `done` with release ordering;
// the receiver reads it only after seeing `done` with acquire ordering. So the slot is
// never accessed by two threads at once, and only values of a `Send` type cross threads.
unsafe impl<T: Send> Sync for Waiter<T> {}
unsafe impl<T: Send> Send for Waiter<T> {}

impl<T> Waiter<T> {
    /// Hands `value` (or nothing, on close) to the waiter and wakes it.
    fn complete(&self, value: Option<T>) {
        // SAFETY: see the `Sync` impl: we removed this waiter from the queue, so we are
        // the only writer, and the receiver does not read before `done`.
        unsafe { *self.slot.get() = value };
        // Counted awake before it can see `done` (the deadlock detector relies on it).
        self.parker.count();
        self.done.store(true, Ordering::Release);
        self.parker.unpark();
    }
}

impl<T: Send + 'static> Channel<T> {
    /// A new, open, empty channel.
    pub fn new() -> Self {
        crate::strand::note_caller();
        Channel {
            inner: Arc::new(SpinLock::new(State {
                queue: VecDeque::new(),
                waiters: VecDeque::new(),
                closed: false,
            })),
        }
    }

    fn lock(&self) -> SpinGuard<'_, State<T>> {
        self.inner.lock()
    }

    /// `chan.send`: queues `value` (or hands it to a waiting receiver) and returns true;
    /// after [`close`](Self::close), drops `value` and returns false. Never blocks.
    pub fn send(&self, value: T) -> bool {
        crate::strand::note_caller();
        let mut state = self.lock();
        if state.closed {
            drop(state);
            drop(value);
            return false;
        }
        match state.waiters.pop_front() {
            Some(waiter) => {
                drop(state);
                waiter.complete(Some(value));
            }
            None => state.queue.push_back(value),
        }
        true
    }

    /// `chan.receive`: the next value and true. Blocks the calling strand (or thread)
    /// while the channel is empty and open. After close, values queued before it are
    /// still received; then it returns `T::default()` and false without blocking.
    ///
    /// # Panics
    ///
    /// On a plain thread, if the runtime finds a deadlock (every strand and thread that
    /// could send is blocked in a receive, see [`crate::strand`]), with a message that
    /// starts with "seq: deadlock:". A strand's receive never panics.
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
        let mut spins = 0;
        let waiter = loop {
            let mut state = self.lock();
            if let Some(value) = state.queue.pop_front() {
                return (value, true);
            }
            if state.closed {
                return (fallback(), false);
            }
            if spins < SPINS {
                drop(state);
                spins += 1;
                if crate::strand::spin_yield() {
                    continue;
                }
                state = self.lock();
                if !state.queue.is_empty() || state.closed {
                    continue;
                }
            }
            let waiter = Arc::new(Waiter {
                slot: UnsafeCell::new(None),
                done: AtomicBool::new(false),
                parker: Parker::current(),
            });
            state.waiters.push_back(waiter.clone());
            break waiter;
        };
        let ready = || waiter.done.load(Ordering::Acquire);
        if let Err(deadlock) = waiter.parker.wait(ready) {
            let mut state = self.lock();
            let before = state.waiters.len();
            state.waiters.retain(|w| !Arc::ptr_eq(w, &waiter));
            let withdrawn = state.waiters.len() < before;
            drop(state);
            if withdrawn {
                panic!(
                    "seq: deadlock: this receive can never complete: {}",
                    deadlock.describe()
                );
            }
            // A sender or `close` took the waiter after all (one the runtime could not
            // see, so the verdict was wrong): take what it gives.
            waiter.parker.wait_overtaken(ready);
        }
        // SAFETY: `done` was seen with acquire ordering, so the writer has finished.
        match unsafe { (*waiter.slot.get()).take() } {
            Some(value) => (value, true),
            None => (fallback(), false),
        }
    }

    /// `chan.close`: marks the channel closed and wakes every blocked receiver (they
    /// return the default value and false). Closing twice does nothing.
    pub fn close(&self) {
        crate::strand::note_caller();
        let waiters = {
            let mut state = self.lock();
            if state.closed {
                return;
            }
            state.closed = true;
            std::mem::take(&mut state.waiters)
        };
        for waiter in waiters {
            waiter.complete(None);
        }
    }

    /// True once [`close`](Self::close) was called.
    pub fn is_closed(&self) -> bool {
        self.lock().closed
    }

    /// Number of receivers (strands or threads) blocked on this channel now.
    pub fn receivers_waiting(&self) -> usize {
        self.lock().waiters.len()
    }

    /// Number of values queued and not yet received.
    pub fn len(&self) -> usize {
        self.lock().queue.len()
    }

    /// True if no value is queued.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The channel's lock. Critical sections are a few instructions on two queues, so a
/// waiter spins (with growing pauses) rather than sleeping in the kernel: with a
/// producer on one worker and consumers on another, a sleeping lock turns most unlocks
/// into `futex` wake-up system calls. After a few thousand pauses (the holder was
/// probably preempted) the waiter yields its thread to the OS.
struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: `value` is only reached through a `SpinGuard`, and at most one guard exists at
// a time (the `locked` flag, acquired and released with acquire/release ordering).
unsafe impl<T: Send> Sync for SpinLock<T> {}

struct SpinGuard<'a, T> {
    lock: &'a SpinLock<T>,
}

impl<T> SpinLock<T> {
    const fn new(value: T) -> Self {
        SpinLock {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    fn lock(&self) -> SpinGuard<'_, T> {
        let mut round = 0u32;
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            while self.locked.load(Ordering::Relaxed) {
                if round < 10 {
                    (0..1u32 << round).for_each(|_| std::hint::spin_loop());
                    round += 1;
                } else {
                    std::thread::yield_now();
                }
            }
        }
        SpinGuard { lock: self }
    }
}

impl<T> Deref for SpinGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: this guard holds the lock.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> DerefMut for SpinGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: this guard holds the lock.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for SpinGuard<'_, T> {
    fn drop(&mut self) {
        self.lock.locked.store(false, Ordering::Release);
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
