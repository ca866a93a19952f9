//! A channel's state under its lock: the queued values, the waiting receivers and
//! senders, and the operations that move values between them. Every function here runs
//! with the lock held and does nothing that blocks or wakes: what must wake someone is
//! returned as a [`Wakeup`], which the caller finishes after unlocking.
//!
//! **Invariants** (under the lock):
//! * receivers wait only while no value is queued and no sender waits;
//! * senders wait only while the queue is full (`capacity` values; 0 for a rendezvous
//!   channel) and no receiver waits, each holding its value in its own slot;
//! * each value goes to exactly one receiver: it is popped from the queue, or taken from
//!   a waiting sender's slot, or written into the slot of the one receiver that was
//!   removed from the receiver queue; a removed waiter is never completed twice;
//! * FIFO: a value moves from a waiting sender into the queue (at the back) only when a
//!   receiver takes the queue's front, so values leave in the order their sends began
//!   to wait or queued;
//! * once closed, no waiter is registered and no value accepted; values queued before the
//!   close are still received.
//!
//! **Waiters are not owned by the channel.** A waiting receive or send keeps its
//! [`Waiter`] in place (on the blocked caller's stack, or inside its pinned future) and
//! the queues hold pointers to it ([`WaiterPtr`]), so waiting allocates nothing. The
//! owner keeps it alive and in place until it is completed (`done`) or withdrawn under
//! the lock; whoever completes it touches it last when it sets `done`.

use std::cell::UnsafeCell;
use std::collections::VecDeque;
use std::marker::PhantomPinned;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::strand::Parker;

/// The state behind a channel's lock.
pub(super) struct State<T> {
    pub(super) queue: VecDeque<T>,
    /// The most values queued at once (`usize::MAX`: unbounded).
    pub(super) capacity: usize,
    pub(super) receivers: VecDeque<WaiterPtr<T>>,
    pub(super) senders: VecDeque<WaiterPtr<T>>,
    pub(super) closed: bool,
}

/// A waiting receiver or sender: the slot the value passes through, whether it is done,
/// and (under the channel's lock) how to wake it.
pub(super) struct Waiter<T> {
    /// A receiver's slot is filled by whoever completes it (nothing on close); a sender's
    /// holds its value until a receiver takes it (left in place on close).
    slot: UnsafeCell<Option<T>>,
    /// Set (release) by the one party that removed the waiter from its queue, after it
    /// wrote or took the slot.
    done: AtomicBool,
    /// Reached only under the channel's lock.
    guarded: UnsafeCell<Guarded>,
    /// The queues point to it while it waits: it must not move.
    _pinned: PhantomPinned,
}

/// A queued waiter, as the channel holds it.
pub(super) struct WaiterPtr<T>(NonNull<Waiter<T>>);

// SAFETY: a pointer to a waiter that its owner keeps alive while it is queued (see the
// module docs); the waiter itself is `Send` and `Sync` for `T: Send`.
unsafe impl<T: Send> Send for WaiterPtr<T> {}

impl<T> WaiterPtr<T> {
    fn to(waiter: &Waiter<T>) -> Self {
        WaiterPtr(NonNull::from(waiter))
    }

    fn waiter(&self) -> &Waiter<T> {
        // SAFETY: a queued (or just removed, not yet done) waiter is alive: its owner
        // waits for `done` or withdraws it under the lock before it goes.
        unsafe { self.0.as_ref() }
    }

    fn is(&self, waiter: &Waiter<T>) -> bool {
        std::ptr::eq(self.0.as_ptr(), waiter)
    }
}

struct Guarded {
    queued: bool,
    parker: Option<Parker>,
}

// SAFETY: `slot` is accessed by the party that removed the waiter from its queue (under
// the lock, or after it, before `done` is set with release ordering), and by the waiting
// side only after it saw `done` with acquire ordering, or while the waiter is still
// queued (which no other party can then remove) under the lock. `guarded` is reached only
// under the channel's lock. So no two threads touch either at once, and only values of a
// `Send` type cross threads.
unsafe impl<T: Send> Sync for Waiter<T> {}
unsafe impl<T: Send> Send for Waiter<T> {}

impl<T> Waiter<T> {
    /// A waiter holding `value` (a sender's) or nothing (a receiver's), not yet queued.
    pub(super) fn new(value: Option<T>, parker: Parker) -> Waiter<T> {
        Waiter {
            slot: UnsafeCell::new(value),
            done: AtomicBool::new(false),
            guarded: UnsafeCell::new(Guarded {
                queued: false,
                parker: Some(parker),
            }),
            _pinned: PhantomPinned,
        }
    }

    /// True once completed (acquire: the slot may then be read).
    pub(super) fn is_done(&self) -> bool {
        self.done.load(Ordering::Acquire)
    }

    /// Takes what the slot holds; only after [`is_done`](Self::is_done) returned true.
    pub(super) fn take_slot(&self) -> Option<T> {
        // SAFETY: `done` was seen with acquire ordering: the completing party has
        // finished with the slot, and nobody else reaches it.
        unsafe { (*self.slot.get()).take() }
    }

    /// With the lock held: true while the waiter is in its queue.
    pub(super) fn queued(&self, _: &State<T>) -> bool {
        // SAFETY: the caller holds the channel's lock (it shows the state).
        unsafe { (*self.guarded.get()).queued }
    }

    /// With the lock held: if the waiter is still queued, makes it wake `waker` (a
    /// future polled again, perhaps with another waker).
    pub(super) fn refresh(&self, _: &mut State<T>, waker: &std::task::Waker) {
        // SAFETY: the caller holds the channel's lock (it shows the state).
        let guarded = unsafe { &mut *self.guarded.get() };
        if let (true, Some(parker)) = (guarded.queued, guarded.parker.as_mut()) {
            parker.refresh(waker);
        }
    }

    fn mark_queued(&self) {
        // SAFETY: called with the lock held, by the party queueing the waiter.
        unsafe { (*self.guarded.get()).queued = true };
    }

    /// Removes the waiter's parker, marking it no longer queued (the caller removed it
    /// from its queue under the lock).
    fn unqueue(&self) -> Parker {
        // SAFETY: called with the lock held, by the party that removed the waiter.
        let guarded = unsafe { &mut *self.guarded.get() };
        guarded.queued = false;
        guarded
            .parker
            .take()
            .expect("a queued waiter has its parker")
    }
}

/// A waiter removed from its queue, to be completed once the lock is released.
#[must_use = "a removed waiter must be woken"]
pub(super) struct Wakeup<T> {
    waiter: WaiterPtr<T>,
    parker: Parker,
    /// For a receiver: the value to hand over (`None` on close).
    value: Option<T>,
    receiver: bool,
}

impl<T> Wakeup<T> {
    /// Completes the waiter: a receiver gets its value; then the waiter is counted awake,
    /// marked done, and woken.
    pub(super) fn finish(self) {
        let Wakeup {
            waiter,
            parker,
            value,
            receiver,
        } = self;
        let waiter = waiter.waiter();
        if receiver {
            // SAFETY: we removed this waiter from its queue, so we are the only writer,
            // and the receiver does not read before `done`.
            unsafe { *waiter.slot.get() = value };
        }
        // Counted awake before it can see `done` (the deadlock detector relies on it).
        parker.count();
        // The last touch: once `done` is set, the owner may free the waiter.
        waiter.done.store(true, Ordering::Release);
        parker.unpark();
    }
}

/// What a send found.
pub(super) enum Offer<T> {
    /// Queued, or handed to the receiver to wake.
    Sent(Option<Wakeup<T>>),
    /// The channel is full: wait with the value.
    Full(T),
    /// The channel is closed: the value comes back.
    Closed(T),
}

/// What a receive found.
pub(super) enum Take<T> {
    /// A value, and perhaps a sender whose value moved into the queue, to wake.
    Value(T, Option<Wakeup<T>>),
    /// Closed and drained.
    Closed,
    /// Open and empty: wait.
    Empty,
}

impl<T> State<T> {
    pub(super) fn new(capacity: usize) -> Self {
        State {
            queue: VecDeque::new(),
            capacity,
            receivers: VecDeque::new(),
            senders: VecDeque::new(),
            closed: false,
        }
    }

    /// A send of `value`.
    #[inline]
    pub(super) fn offer(&mut self, value: T) -> Offer<T> {
        if self.receivers.is_empty() && !self.closed && self.queue.len() < self.capacity {
            // The common case first: queue it.
            self.queue.push_back(value);
            return Offer::Sent(None);
        }
        self.offer_slow(value)
    }

    fn offer_slow(&mut self, value: T) -> Offer<T> {
        if self.closed {
            return Offer::Closed(value);
        }
        if let Some(receiver) = self.receivers.pop_front() {
            let parker = receiver.waiter().unqueue();
            return Offer::Sent(Some(Wakeup {
                waiter: receiver,
                parker,
                value: Some(value),
                receiver: true,
            }));
        }
        if self.queue.len() < self.capacity {
            self.queue.push_back(value);
            return Offer::Sent(None);
        }
        Offer::Full(value)
    }

    /// A receive.
    #[inline]
    pub(super) fn take(&mut self) -> Take<T> {
        if self.senders.is_empty() {
            // The common case first: a queued value, no sender to let in.
            if let Some(value) = self.queue.pop_front() {
                return Take::Value(value, None);
            }
        }
        self.take_slow()
    }

    fn take_slow(&mut self) -> Take<T> {
        if let Some(value) = self.queue.pop_front() {
            // Room for the first waiting sender's value, at the back.
            let woken = self.senders.pop_front().map(|sender| {
                let parker = sender.waiter().unqueue();
                // SAFETY: we removed the sender from its queue under the lock; it reads
                // its slot only after `done`.
                let moved = unsafe { (*sender.waiter().slot.get()).take() };
                self.queue.extend(moved);
                sender_wakeup(sender, parker)
            });
            return Take::Value(value, woken);
        }
        if let Some(sender) = self.senders.pop_front() {
            // A rendezvous: the value goes from the sender's slot to this receiver.
            let parker = sender.waiter().unqueue();
            // SAFETY: as above.
            let value = unsafe { (*sender.waiter().slot.get()).take() };
            let value = value.expect("a waiting sender holds its value");
            return Take::Value(value, Some(sender_wakeup(sender, parker)));
        }
        match self.closed {
            true => Take::Closed,
            false => Take::Empty,
        }
    }

    /// Queues a waiting receiver (after [`take`](Self::take) found `Empty`).
    ///
    /// The caller keeps `waiter` alive and in place until it is done or withdrawn.
    pub(super) fn wait_to_receive(&mut self, waiter: &Waiter<T>) {
        waiter.mark_queued();
        self.receivers.push_back(WaiterPtr::to(waiter));
    }

    /// Queues a waiting sender (after [`offer`](Self::offer) found `Full`).
    ///
    /// The caller keeps `waiter` alive and in place until it is done or withdrawn.
    pub(super) fn wait_to_send(&mut self, waiter: &Waiter<T>) {
        waiter.mark_queued();
        self.senders.push_back(WaiterPtr::to(waiter));
    }

    /// Removes a waiter that gives up (a thread failed by the deadlock detector, a future
    /// dropped), returning its parker. None if it was no longer queued: someone is
    /// completing it.
    pub(super) fn withdraw(&mut self, waiter: &Waiter<T>) -> Option<Parker> {
        if !waiter.queued(self) {
            return None;
        }
        let list = match self.receivers.iter().any(|w| w.is(waiter)) {
            true => &mut self.receivers,
            false => &mut self.senders,
        };
        list.retain(|w| !w.is(waiter));
        Some(waiter.unqueue())
    }

    /// Puts back a value that a receiver was given but will never take (its future was
    /// dropped): to the next waiting receiver, else at the front of the queue (even past
    /// the capacity, and after a close: it was sent before).
    pub(super) fn give_back(&mut self, value: T) -> Option<Wakeup<T>> {
        match self.receivers.pop_front() {
            Some(receiver) => {
                let parker = receiver.waiter().unqueue();
                Some(Wakeup {
                    waiter: receiver,
                    parker,
                    value: Some(value),
                    receiver: true,
                })
            }
            None => {
                self.queue.push_front(value);
                None
            }
        }
    }

    /// Closes: every waiter is removed, to be woken (receivers get nothing, senders keep
    /// their values). Empty if it was closed already.
    pub(super) fn close(&mut self) -> Vec<Wakeup<T>> {
        if self.closed {
            return Vec::new();
        }
        self.closed = true;
        let receivers = std::mem::take(&mut self.receivers)
            .into_iter()
            .map(|receiver| {
                let parker = receiver.waiter().unqueue();
                Wakeup {
                    waiter: receiver,
                    parker,
                    value: None,
                    receiver: true,
                }
            });
        let senders = std::mem::take(&mut self.senders).into_iter().map(|sender| {
            let parker = sender.waiter().unqueue();
            sender_wakeup(sender, parker)
        });
        receivers.chain(senders).collect()
    }
}

fn sender_wakeup<T>(sender: WaiterPtr<T>, parker: Parker) -> Wakeup<T> {
    Wakeup {
        waiter: sender,
        parker,
        value: None,
        receiver: false,
    }
}
