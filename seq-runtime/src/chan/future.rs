//! The futures of [`Channel::send_async`] and [`Channel::receive_async`]: a send or
//! receive that waits by returning `Pending`, woken through the waker of whoever polls it.
//!
//! Polled by a strand, the waiter counts as a strand blocked on a channel for the
//! deadlock detector (see [`crate::strand`]); polled by another executor it is invisible
//! to the detector, like any thread the runtime does not know.
//!
//! Each future keeps its waiter inside itself (it is pinned once polled): waiting
//! allocates nothing.
//!
//! **Cancellation.** Dropping a future that waits withdraws its waiter. If a sender or
//! `close` had already removed it (it is being completed), the drop waits the few
//! instructions until it is done; a value a receiver was handed then goes back to the
//! channel (to the next waiting receiver, else to the front of the queue), so a dropped
//! receive loses nothing. A dropped send whose value was not taken sends nothing.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::state::{Offer, Take, Waiter};
use super::Channel;
use crate::strand::trace::{self, Wait};
use crate::strand::Parker;

/// The future of [`Channel::send_async`]: resolves to true once the value is queued or
/// handed to a receiver, false if the channel is (or gets) closed first.
#[must_use = "a send does nothing until it is awaited"]
pub struct Sending<'a, T: Send + 'static> {
    chan: &'a Channel<T>,
    value: Option<T>,
    /// Set in place when the send waits; the channel points to it until it is done.
    waiter: Option<Waiter<T>>,
}

/// The future of [`Channel::receive_async`] and [`Channel::receive_or_async`]: resolves
/// to the next value and true, or to the fallback and false once the channel is closed
/// and drained.
#[must_use = "a receive does nothing until it is awaited"]
pub struct Receiving<'a, T: Send + 'static, F> {
    chan: &'a Channel<T>,
    fallback: Option<F>,
    /// Set in place when the receive waits; the channel points to it until it is done.
    waiter: Option<Waiter<T>>,
}

impl<'a, T: Send + 'static> Sending<'a, T> {
    pub(super) fn new(chan: &'a Channel<T>, value: T) -> Self {
        Sending {
            chan,
            value: Some(value),
            waiter: None,
        }
    }
}

impl<'a, T: Send + 'static, F: FnOnce() -> T> Receiving<'a, T, F> {
    pub(super) fn new(chan: &'a Channel<T>, fallback: F) -> Self {
        Receiving {
            chan,
            fallback: Some(fallback),
            waiter: None,
        }
    }
}

impl<T: Send + 'static> Future for Sending<'_, T> {
    type Output = bool;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<bool> {
        // SAFETY: nothing is moved out of the pinned future; its waiter is written in
        // place and stays there (the channel points to it) until the future is dropped.
        let this = unsafe { self.get_unchecked_mut() };
        if let Some(waiter) = &this.waiter {
            if still_waiting(this.chan, waiter, cx) {
                trace::note_wait(Wait::Send);
                return Poll::Pending;
            }
            // The value left the slot if a receiver took it; after a close it is still
            // there (and dropped here). Done, the waiter is no longer reached from the
            // channel: it goes now, so that the future's drop has nothing to withdraw.
            let sent = waiter.take_slot().is_none();
            this.waiter = None;
            return Poll::Ready(sent);
        }
        let value = this
            .value
            .take()
            .expect("a channel send polled after it completed");
        let mut state = this.chan.lock();
        match state.offer(value) {
            Offer::Sent(wakeup) => {
                drop(state);
                if let Some(w) = wakeup {
                    w.finish();
                }
                Poll::Ready(true)
            }
            Offer::Closed(value) => {
                drop(state);
                drop(value);
                Poll::Ready(false)
            }
            Offer::Full(value) => {
                let parker = Parker::for_future(cx.waker());
                let waiter = this.waiter.insert(Waiter::new(Some(value), parker));
                state.wait_to_send(waiter);
                trace::note_wait(Wait::Send);
                Poll::Pending
            }
        }
    }
}

impl<T: Send + 'static, F: FnOnce() -> T> Future for Receiving<'_, T, F> {
    type Output = (T, bool);

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(T, bool)> {
        // SAFETY: as for `Sending`.
        let this = unsafe { self.get_unchecked_mut() };
        if let Some(waiter) = &this.waiter {
            if still_waiting(this.chan, waiter, cx) {
                trace::note_wait(Wait::Receive);
                return Poll::Pending;
            }
            let slot = waiter.take_slot();
            this.waiter = None; // as for `Sending`
            return Poll::Ready(match slot {
                Some(value) => (value, true),
                None => (this.fallback(), false),
            });
        }
        let mut state = this.chan.lock();
        match state.take() {
            Take::Value(value, wakeup) => {
                drop(state);
                if let Some(w) = wakeup {
                    w.finish();
                }
                Poll::Ready((value, true))
            }
            Take::Closed => {
                drop(state);
                Poll::Ready((this.fallback(), false))
            }
            Take::Empty => {
                let parker = Parker::for_future(cx.waker());
                let waiter = this.waiter.insert(Waiter::new(None, parker));
                state.wait_to_receive(waiter);
                trace::note_wait(Wait::Receive);
                Poll::Pending
            }
        }
    }
}

impl<T: Send + 'static, F: FnOnce() -> T> Receiving<'_, T, F> {
    fn fallback(&mut self) -> T {
        let fallback = self
            .fallback
            .take()
            .expect("a channel receive polled after it completed");
        fallback()
    }
}

/// True while the waiter is not done; then it is made to wake the current waker.
fn still_waiting<T: Send + 'static>(
    chan: &Channel<T>,
    waiter: &Waiter<T>,
    cx: &mut Context<'_>,
) -> bool {
    if waiter.is_done() {
        return false;
    }
    let mut state = chan.lock();
    waiter.refresh(&mut state, cx.waker());
    drop(state);
    // Completed meanwhile: the completer woke the waker it found; answer now anyway.
    let waiting = !waiter.is_done();
    if waiting {
        crate::strand::note_counted_wait(); // still counted as when it was registered
    }
    waiting
}

/// Withdraws the waiter of a dropped future, or waits until whoever removed it first is
/// done with it (its slot then holds what they left). True if it was withdrawn.
fn withdraw<T: Send + 'static>(chan: &Channel<T>, waiter: &Waiter<T>) -> bool {
    if waiter.is_done() {
        return false;
    }
    let withdrawn = chan.lock().withdraw(waiter);
    if let Some(parker) = withdrawn {
        parker.withdrawn();
        return true;
    }
    // Removed by a sender, receiver or `close` that is completing it now.
    let mut spins = 0u32;
    while !waiter.is_done() {
        spins += 1;
        match spins < 100 {
            true => std::hint::spin_loop(),
            false => std::thread::yield_now(),
        }
    }
    false
}

impl<T: Send + 'static> Drop for Sending<'_, T> {
    #[inline]
    fn drop(&mut self) {
        if let Some(waiter) = &self.waiter {
            // A sender removed by a receiver was sent; one removed by `close` was not:
            // either way there is nothing to give back.
            withdraw(self.chan, waiter);
        }
    }
}

impl<T: Send + 'static, F> Drop for Receiving<'_, T, F> {
    #[inline]
    fn drop(&mut self) {
        if self.waiter.is_some() {
            self.drop_waiting();
        }
    }
}

impl<T: Send + 'static, F> Receiving<'_, T, F> {
    /// The drop of a receive that registered a waiter.
    #[cold]
    fn drop_waiting(&mut self) {
        let Some(waiter) = &self.waiter else {
            return;
        };
        if withdraw(self.chan, waiter) {
            return;
        }
        if let Some(value) = waiter.take_slot() {
            let wakeup = self.chan.lock().give_back(value);
            if let Some(w) = wakeup {
                w.finish();
            }
        }
    }
}
