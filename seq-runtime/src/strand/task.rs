//! Strands as tasks: a strand is a future, boxed once with its id and a state word, and
//! polled by whichever carrier takes it from the queues.
//!
//! A strand spawned from a closure ([`crate::spawn`]) is a future that runs the closure
//! to its end in one poll; it can only wait by blocking its carrier. A strand spawned
//! from a future ([`crate::spawn_async`], and the code `seq!` generates for a body that
//! waits) returns `Pending` where it waits: it then holds no carrier and no stack, only
//! its future (the values live across the wait) and whatever registered its waker (a
//! channel's waiter list, the timer).
//!
//! # States
//!
//! One atomic byte per task: `SCHEDULED` (in a queue, or about to be pushed), `RUNNING`
//! (a carrier polls it), `NOTIFIED` (woken while running), `IDLE` (waiting for a wake-up),
//! `DONE`. Only the carrier that took a task from a queue polls it, so the future is
//! reached by one thread at a time.
//!
//! * A carrier takes a `SCHEDULED` task, swaps in `RUNNING` and polls. `Ready`: the
//!   future is dropped and the task is `DONE`. `Pending`: `RUNNING` becomes `IDLE`, or,
//!   if a wake-up came meanwhile (`NOTIFIED`), the carrier pushes the task again.
//! * A wake-up turns `IDLE` into `SCHEDULED` and pushes the task ([`schedule`]); turns
//!   `RUNNING` into `NOTIFIED`; and otherwise changes nothing. It is always a
//!   read-modify-write of the state, even when it changes nothing, so that in the one
//!   modification order of the state a wake-up either comes before the poll's swap to
//!   `RUNNING` (the poll then sees everything the waker published before waking) or
//!   after it (and the task is polled again). No wake-up is lost and no task is queued
//!   twice.
//!
//! # Waiting for what the runtime cannot see
//!
//! The runtime's own futures count a strand that waits in them (a channel waiter in `B`,
//! a sleeper in `O`; see [`super::watch`]) and note it in the carrier's mark. A poll that
//! returns `Pending` without such a note waits for something else (an `extern async`
//! function awaiting another runtime's I/O, say): the task then counts itself awake in
//! `O` (`foreign`) until its waker queues it, which happens under the delivery lock
//! ([`watch::deliver`]), since that waker is not counted. So the deadlock detector never
//! takes a strand that another runtime will wake for one that can never run.

use std::any::Any;
use std::cell::UnsafeCell;
use std::future::Future;
use std::mem::ManuallyDrop;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering::*};
use std::sync::Arc;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use super::carrier::Runtime;
use super::{queues, trace, watch};

const SCHEDULED: u8 = 0;
const RUNNING: u8 = 1;
const NOTIFIED: u8 = 2;
const IDLE: u8 = 3;
const DONE: u8 = 4;

/// A strand as the queues hold it.
pub(crate) type TaskRef = Arc<dyn Run>;

/// What one poll of a strand came to.
pub(crate) enum Polled {
    /// It waits without a stack (it is queued again when woken).
    Waits,
    /// It ran to its end: its future is dropped.
    Finished,
    /// It panicked: its future is dropped (what it held is dropped normally) and the task
    /// is `DONE`, as a finished one; the panic's payload is for the panic policy.
    Panicked(Box<dyn Any + Send>),
}

/// What carriers do with a task.
pub(crate) trait Run: Send + Sync + 'static {
    /// The strand's id (positive, unique).
    fn id(&self) -> i64;
    /// Polls the strand once (the caller took it from a queue). A panic in the strand is
    /// caught and ends it as if it had finished ([`Polled::Panicked`]).
    fn run(self: Arc<Self>) -> Polled;
}

/// A strand: its id, its state, and its future until it finishes.
pub(crate) struct Task<F> {
    id: i64,
    state: AtomicU8,
    /// Set while the task waits for something the runtime does not count (it is then
    /// counted in `O` itself; see "Waiting for what the runtime cannot see").
    foreign: AtomicBool,
    future: UnsafeCell<Option<F>>,
}

// SAFETY: `future` is reached only by the carrier that holds the task in `RUNNING` (see
// the module docs); the state's read-modify-writes and the queues order those accesses.
unsafe impl<F: Send> Sync for Task<F> {}

impl<F: Future<Output = ()> + Send + 'static> Task<F> {
    /// A new task, `SCHEDULED`: the caller pushes it.
    pub(crate) fn new(id: i64, future: F) -> Arc<Task<F>> {
        Arc::new(Task {
            id,
            state: AtomicU8::new(SCHEDULED),
            foreign: AtomicBool::new(false),
            future: UnsafeCell::new(Some(future)),
        })
    }

    /// The waker of a task: a pointer to it, with reference-counting functions.
    const VTABLE: RawWakerVTable = RawWakerVTable::new(
        Self::clone_raw,
        Self::wake_raw,
        Self::wake_by_ref_raw,
        Self::drop_raw,
    );

    /// A waker for this task that borrows it (no reference count taken): valid while
    /// `self` is, which the poll it is made for is. Cloning it takes a count.
    fn borrowed_waker(self: &Arc<Self>) -> ManuallyDrop<Waker> {
        let raw = RawWaker::new(Arc::as_ptr(self).cast(), &Self::VTABLE);
        // SAFETY: the vtable's functions treat the pointer as an `Arc<Self>`'s; the
        // `ManuallyDrop` keeps this borrowed waker from giving back a count it never took.
        ManuallyDrop::new(unsafe { Waker::from_raw(raw) })
    }

    unsafe fn clone_raw(ptr: *const ()) -> RawWaker {
        // SAFETY: `ptr` comes from an `Arc<Self>` that is alive (a waker refers to it).
        unsafe { Arc::increment_strong_count(ptr.cast::<Self>()) };
        RawWaker::new(ptr, &Self::VTABLE)
    }

    unsafe fn wake_raw(ptr: *const ()) {
        // SAFETY: an owned waker holds one count, which this takes over.
        let task = unsafe { Arc::from_raw(ptr.cast::<Self>()) };
        task.wake_task_owned();
    }

    unsafe fn wake_by_ref_raw(ptr: *const ()) {
        // SAFETY: as `wake_raw`, without taking the count (`ManuallyDrop`).
        let task = ManuallyDrop::new(unsafe { Arc::from_raw(ptr.cast::<Self>()) });
        task.wake_task();
    }

    unsafe fn drop_raw(ptr: *const ()) {
        // SAFETY: an owned waker holds one count, given back here.
        unsafe { Arc::decrement_strong_count(ptr.cast::<Self>()) };
    }
}

impl<F: Future<Output = ()> + Send + 'static> Run for Task<F> {
    fn id(&self) -> i64 {
        self.id
    }

    fn run(self: Arc<Self>) -> Polled {
        self.state.swap(RUNNING, AcqRel);
        let waker = self.borrowed_waker();
        let mut cx = Context::from_waker(&waker);
        // SAFETY: this carrier is the only one that reaches the future (it holds the task
        // in RUNNING), and the future never moves: it lives in the task's allocation
        // until it is dropped in place below.
        let slot = unsafe { &mut *self.future.get() };
        let Some(future) = slot.as_mut() else {
            return Polled::Finished;
        };
        let future = unsafe { Pin::new_unchecked(future) };
        let polled = catch_unwind(AssertUnwindSafe(|| future.poll(&mut cx).is_ready()));
        let counted = queues::take_counted_wait();
        let ready = match polled {
            Ok(ready) => ready,
            Err(payload) => {
                // Ends as a finished strand does: the future is dropped in place (its
                // waits withdrawn, its channel handles and values dropped), and later
                // wake-ups find the task `DONE`. A panic of a drop is not reported twice.
                if let Err(again) = catch_unwind(AssertUnwindSafe(|| *slot = None)) {
                    std::mem::forget(again);
                }
                self.state.store(DONE, Release);
                return Polled::Panicked(payload);
            }
        };
        if ready {
            *slot = None;
            self.state.store(DONE, Release);
            return Polled::Finished;
        }
        if !counted {
            // Waits for something the runtime does not count: it counts as awake.
            watch::add(watch::AWAKE);
            self.foreign.store(true, Relaxed);
        }
        if self
            .state
            .compare_exchange(RUNNING, IDLE, AcqRel, Acquire)
            .is_err()
        {
            // Woken while it ran (a yield, or a wake-up from another thread): it goes
            // behind what is queued, on the shared injector.
            if self.foreign.swap(false, Relaxed) {
                watch::add(watch::delta::SLEEP); // this carrier is counted: no check
            }
            self.state.swap(SCHEDULED, AcqRel);
            Runtime::get().reschedule(self);
        }
        Polled::Waits
    }
}

impl<F: Future<Output = ()> + Send + 'static> Task<F> {
    /// A wake-up (see the module docs).
    fn wake_task(self: &Arc<Self>) {
        if self.wake_state() {
            self.clone().queue_woken();
        }
    }

    /// A wake-up through an owned waker: its reference goes to the queue, if any does.
    fn wake_task_owned(self: Arc<Self>) {
        if self.wake_state() {
            self.queue_woken();
        }
    }

    /// The state change of a wake-up; true if the task was idle and must be queued now.
    fn wake_state(&self) -> bool {
        let before = self.state.fetch_update(AcqRel, Acquire, |s| match s {
            IDLE => Some(SCHEDULED),
            RUNNING => Some(NOTIFIED),
            DONE => None,
            same => Some(same),
        });
        trace::woken(self.id, matches!(before, Ok(IDLE | RUNNING)));
        before == Ok(IDLE)
    }

    fn queue_woken(self: Arc<Self>) {
        if self.foreign.swap(false, AcqRel) {
            // Counted in `O` until queued, by a waker the runtime may not count.
            watch::deliver(|| schedule(self));
        } else {
            schedule(self);
        }
    }
}

/// Pushes a woken task: onto this worker's woken queue if the waker is a carrier (rule S
/// inside), else onto the injector, starting a carrier if fewer than `W` are active
/// (rule S outside).
pub(crate) fn schedule(task: TaskRef) {
    Runtime::get().wake(task);
}

/// The future of a strand spawned from a closure: runs the closure in its first poll.
pub(crate) struct RunOnce<F>(pub(crate) Option<F>);

impl<F> Unpin for RunOnce<F> {}

impl<F: FnOnce()> Future for RunOnce<F> {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        if let Some(f) = self.0.take() {
            f();
        }
        Poll::Ready(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// A future that is pending until its flag is set, counting its polls.
    struct Gate(Arc<(std::sync::atomic::AtomicBool, AtomicUsize)>);

    impl Future for Gate {
        type Output = ();
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            self.0 .1.fetch_add(1, SeqCst);
            match self.0 .0.load(SeqCst) {
                true => Poll::Ready(()),
                false => Poll::Pending,
            }
        }
    }

    #[test]
    fn wakes_of_a_done_or_queued_task_change_nothing() {
        let shared = Arc::new((
            std::sync::atomic::AtomicBool::new(false),
            AtomicUsize::new(0),
        ));
        let task = Task::new(1, Gate(shared.clone()));
        // Queued: a wake-up leaves it queued (nothing is pushed twice).
        task.wake_task();
        assert_eq!(task.state.load(SeqCst), SCHEDULED);
        // Finished: a late wake-up is ignored.
        shared.0.store(true, SeqCst);
        assert!(matches!(task.clone().run(), Polled::Finished));
        assert_eq!(task.state.load(SeqCst), DONE);
        task.wake_task();
        assert_eq!(task.state.load(SeqCst), DONE);
        assert_eq!(shared.1.load(SeqCst), 1);
        assert!(
            unsafe { (*task.future.get()).is_none() },
            "the future was dropped"
        );
    }

    /// Drops a flag when dropped.
    struct Held(Arc<std::sync::atomic::AtomicBool>);

    impl Drop for Held {
        fn drop(&mut self) {
            self.0.store(true, SeqCst);
        }
    }

    #[test]
    fn a_panicking_poll_ends_the_task_as_finished() {
        let dropped = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let held = Held(dropped.clone());
        let task = Task::new(1, async move {
            let _held = held;
            panic!("on purpose");
        });
        let polled = task.clone().run();
        let Polled::Panicked(payload) = polled else {
            panic!("the panic was not caught");
        };
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"on purpose"));
        assert_eq!(task.state.load(SeqCst), DONE);
        assert!(dropped.load(SeqCst), "what the future held was dropped");
        task.wake_task();
        assert_eq!(task.state.load(SeqCst), DONE);
    }
}
