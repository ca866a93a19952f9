//! Where pending strands wait: one LIFO deque per worker thread, an injector for strands
//! spawned from outside the runtime, and the stealers through which carriers on one
//! thread take strands queued on another.
//!
//! A deque belongs to a thread, not to a carrier: every carrier running on worker thread
//! `w` pushes to and pops from `w`'s deque, and carriers elsewhere steal from its other
//! end (the oldest strands, which in divide-and-conquer programs are the biggest pieces
//! of work). A `crossbeam_deque::Worker` is not `Sync`, so it lives in a thread-local.
//!
//! **The thread-local rule.** A May coroutine can block on one thread and wake on
//! another, and rustc may keep a thread-local's address in a register across a call that
//! switched threads. So every thread-local here is reached only through a function
//! marked `#[inline(never)]` that computes the address afresh, and no such function
//! calls anything that could block or switch coroutines while it holds the reference.
//!
//! Only a carrier (the thread's `CURRENT` mark is set) pushes
//! to its thread's deque; everyone else (plain threads, other May coroutines) pushes to
//! the injector. That is what lets the protocol in [`super`] reason about who will find a
//! strand: a strand in a deque was pushed by an active carrier.

use std::cell::{Cell, OnceCell, RefCell};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use crossbeam_deque::{Injector, Steal, Stealer, Worker};
use may::coroutine::Coroutine;

use super::task::{Run, TaskRef};

/// A pending strand (new, or woken): a task. It owns no stack.
pub(crate) type Strand = TaskRef;

/// Strand ids handed to one thread at a time, so that spawning inside a carrier does not
/// touch a shared counter.
const ID_BLOCK: i64 = 1024;

/// The shared half of the queues: the injector and every registered thread's stealer.
pub(crate) struct Queues {
    injector: Injector<Strand>,
    stealers: Box<[OnceLock<Stealer<Strand>>]>,
    registered: AtomicUsize,
    next_id: AtomicI64,
}

/// The thread-owned half: this thread's deque and its block of strand ids.
struct Local {
    deque: Worker<Strand>,
    next_id: Cell<i64>,
    end_id: Cell<i64>,
}

/// The value of `CURRENT` while a carrier on this thread looks for a strand.
pub(crate) const SEARCHING: i64 = -1;

thread_local! {
    /// Non-zero while a carrier on this thread runs: the id of the strand it runs, or
    /// [`SEARCHING`]. Zero elsewhere, and cleared before the carrier parks. (Read by the
    /// stack-overflow handler too, so it stays a const-initialised `Cell` without
    /// destructor: reading it never allocates or registers anything.)
    static CURRENT: Cell<i64> = const { Cell::new(0) };
    /// This thread's slot among the registered threads (the index of its stealer), or
    /// `usize::MAX` before it has a deque.
    static SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
    /// The May worker this thread is, as the last carrier that started here knows it
    /// (`usize::MAX` if none did).
    static WORKER: Cell<usize> = const { Cell::new(usize::MAX) };
    /// This thread's deque, created when a carrier first runs here. `None` if the
    /// stealer table was full (then strands spawned here go to the injector).
    static LOCAL: OnceCell<Option<Local>> = const { OnceCell::new() };
    /// Carriers woken by the strand running here, to be unparked when its carrier next
    /// parks or yields (see `defer_unpark`).
    static READY: RefCell<Vec<Coroutine>> = const { RefCell::new(Vec::new()) };
    /// True while `READY` is not empty (read on every turn of a carrier, without
    /// touching the vector).
    static ANY_READY: Cell<bool> = const { Cell::new(false) };
    /// The first strand that waited without a stack and was woken by the strands run
    /// here, held until this thread's carrier runs a strand that waits, parks, or finds
    /// its deque empty (see [`Queues::push_woken`]). A raw `Arc` (one reference), so that
    /// this thread-local has no destructor to check for on every visit.
    static HELD: Cell<Option<NonNull<dyn Run>>> = const { Cell::new(None) };
}

/// Called by a strand that wakes a blocked carrier: keeps it on this thread's ready list
/// until the caller's carrier parks or yields ([`leave_carrier`]), instead of putting it on
/// May's run queue now. An idle worker steals runnable coroutines from a busy worker's
/// May queue; a woken carrier that waits here cannot be stolen, so a producer and the
/// consumers it wakes stay on one worker rather than fighting over a channel from two.
/// Gives `co` back if the caller is not a strand on a carrier.
#[inline(never)]
pub(crate) fn defer_unpark(co: Coroutine) -> Result<(), Coroutine> {
    if !in_carrier() {
        return Err(co);
    }
    READY.with(|r| r.borrow_mut().push(co));
    ANY_READY.with(|a| a.set(true));
    Ok(())
}

/// Called by a carrier before it parks or yields: moves the held strands onto this
/// thread's deque, clears the in-carrier mark and unparks every carrier on this thread's
/// ready list (onto this worker's May queue). Returns the mark it cleared (the running
/// strand's id, for [`set_in_carrier`] after the carrier resumes, possibly on another
/// thread).
#[inline(never)]
pub(crate) fn leave_carrier(queues: &Queues) -> i64 {
    queues.release_held();
    let current = CURRENT.with(|c| c.replace(0));
    if ANY_READY.with(|a| a.replace(false)) {
        READY.with(|r| r.borrow_mut().drain(..).for_each(|co| co.unpark()));
    }
    current
}

/// True if carriers woken by the strands this thread ran wait on its ready list (see
/// [`defer_unpark`]): its carrier should let them run.
#[inline(never)]
pub(crate) fn ready_waiting() -> bool {
    ANY_READY.with(Cell::get)
}

/// Marks that a carrier runs on the current thread: `current` is the id of the strand
/// it runs, or [`SEARCHING`]; zero clears the mark.
#[inline(never)]
pub(crate) fn set_in_carrier(current: i64) {
    CURRENT.with(|c| c.set(current));
}

/// True while the caller is a carrier (running a strand or looking for one).
#[inline(never)]
pub(crate) fn in_carrier() -> bool {
    CURRENT.with(Cell::get) != 0
}

/// The carrier mark of this thread (see [`set_in_carrier`]), for the stack-overflow
/// handler: a plain read of a const thread-local, safe in a signal handler.
#[inline(never)]
pub(crate) fn current_mark() -> i64 {
    match CURRENT.with(Cell::get) {
        id if id > 0 => id & !COUNTED_WAIT,
        mark => mark,
    }
}

/// Set in the mark (above any strand id) once the strand being polled has registered a
/// wait the runtime counts: a channel waiter, an alarm, a yield. It travels with the
/// mark when the carrier blocks and resumes on another thread.
const COUNTED_WAIT: i64 = 1 << 62;

/// Notes which May worker this thread is (a carrier created for that worker runs here).
#[inline(never)]
pub(crate) fn set_worker_here(worker: usize) {
    WORKER.with(|w| w.set(worker));
}

/// The May worker this thread is, or `usize::MAX` if unknown.
#[inline(never)]
pub(crate) fn worker_here() -> usize {
    WORKER.with(Cell::get)
}

/// This thread's slot among the threads with a deque (`usize::MAX` if it has none).
#[inline(never)]
pub(crate) fn slot_here() -> usize {
    SLOT.with(Cell::get)
}

/// For a future about to wait: None if the caller is not a strand; else notes a counted
/// wait (see [`note_counted_wait`]) and returns this thread's slot.
#[inline(never)]
pub(crate) fn strand_waits_here() -> Option<usize> {
    let mark = CURRENT.with(Cell::get);
    if mark == 0 {
        return None;
    }
    if mark > 0 {
        CURRENT.with(|c| c.set(mark | COUNTED_WAIT));
    }
    Some(SLOT.with(Cell::get))
}

/// Called by the runtime's futures when they return `Pending` in a strand: the wait is
/// counted (see `task`).
#[inline(never)]
pub(crate) fn note_counted_wait() {
    CURRENT.with(|c| {
        let mark = c.get();
        if mark > 0 {
            c.set(mark | COUNTED_WAIT);
        }
    });
}

/// After a poll: whether it registered a counted wait, clearing the note.
#[inline(never)]
pub(crate) fn take_counted_wait() -> bool {
    CURRENT.with(|c| {
        let mark = c.get();
        let noted = mark > 0 && mark & COUNTED_WAIT != 0;
        if noted {
            c.set(mark & !COUNTED_WAIT);
        }
        noted
    })
}

/// This thread's deque and id block (created on first use) if a carrier runs here.
/// The pointer is valid until the thread exits; it must not be kept across a blocking
/// call (the carrier may then go on on another thread).
#[inline(never)]
fn local_in_carrier(queues: &Queues) -> Option<*const Local> {
    if CURRENT.with(Cell::get) == 0 {
        return None;
    }
    LOCAL.with(|cell| {
        cell.get_or_init(|| queues.register())
            .as_ref()
            .map(|l| l as *const Local)
    })
}

/// Runs `f` on this thread's deque (creating it on first use); `f` must not block.
#[inline(never)]
fn with_local<R>(queues: &Queues, f: impl FnOnce(Option<&Local>) -> R) -> R {
    LOCAL.with(|cell| f(cell.get_or_init(|| queues.register()).as_ref()))
}

impl Queues {
    /// Empty queues with room for `slots` thread deques.
    pub(crate) fn new(slots: usize) -> Self {
        Queues {
            injector: Injector::new(),
            stealers: (0..slots).map(|_| OnceLock::new()).collect(),
            registered: AtomicUsize::new(0),
            next_id: AtomicI64::new(1),
        }
    }

    fn register(&self) -> Option<Local> {
        let slot = self.registered.fetch_add(1, Ordering::AcqRel);
        let cell = self.stealers.get(slot)?;
        SLOT.with(|s| s.set(slot));
        let deque = Worker::new_lifo();
        let _ = cell.set(deque.stealer());
        Some(Local {
            deque,
            next_id: Cell::new(0),
            end_id: Cell::new(0),
        })
    }

    /// The next id of this thread's block, taking a new block from the shared counter
    /// when it is used up.
    #[inline]
    fn id_from_block(&self, local: &Local) -> i64 {
        let mut id = local.next_id.get();
        if id == local.end_id.get() {
            id = self.next_id.fetch_add(ID_BLOCK, Ordering::Relaxed);
            local.end_id.set(id + ID_BLOCK);
        }
        local.next_id.set(id + 1);
        id
    }

    /// A fresh strand id, unique and positive: from this thread's block of ids if the
    /// caller is a carrier, else from the shared counter.
    pub(crate) fn fresh_id(&self) -> i64 {
        if !in_carrier() {
            return self.next_id.fetch_add(1, Ordering::Relaxed);
        }
        with_local(self, |local| match local {
            Some(local) => self.id_from_block(local),
            None => self.next_id.fetch_add(1, Ordering::Relaxed),
        })
    }

    /// A spawn inside a carrier (rule S), with one look at the thread-locals: a fresh id
    /// from this thread's block, and the strand `make` builds with it pushed onto this
    /// thread's deque. Returns the id and the deque's length after the push, or gives
    /// `value` back (without calling `make`) outside a carrier.
    #[inline]
    pub(crate) fn spawn_here<V>(
        &self,
        value: V,
        make: impl FnOnce(i64, V) -> Strand,
    ) -> Result<(i64, usize), V> {
        let Some(local) = local_in_carrier(self) else {
            return Err(value);
        };
        // SAFETY: the thread-local outlives this call, which does not block (so it stays
        // on this thread) and is the only user of it meanwhile (the deque's owner side
        // and the id block are touched only from their own thread, never re-entrantly:
        // `make` only builds a task).
        let local = unsafe { &*local };
        let id = self.id_from_block(local);
        local.deque.push(make(id, value));
        Ok((id, local.deque.len()))
    }

    /// Pushes `strand` onto this thread's deque if the caller is a carrier, and returns
    /// the deque's length after the push; gives the strand back otherwise.
    pub(crate) fn push_local(&self, strand: Strand) -> Result<usize, Strand> {
        if !in_carrier() {
            return Err(strand);
        }
        with_local(self, |local| match local {
            Some(local) => {
                local.deque.push(strand);
                Ok(local.deque.len())
            }
            None => Err(strand),
        })
    }

    /// Holds a woken `strand` if the caller is a carrier; gives it back otherwise. Held
    /// strands go onto the deque (on top: they run next) when the strand running here
    /// waits, when this carrier parks or yields, or when its deque is empty.
    ///
    /// So a strand that wakes its parent (a child's result arriving) and ends lets the
    /// parent's other children run before the parent resumes: the parent takes their
    /// results in one poll rather than waiting once per child. And a strand that wakes
    /// another and then waits itself hands over at once (a ping-pong).
    ///
    /// Only the first strand woken is held; later ones go onto the deque at once (so
    /// they too run before the strands queued earlier).
    #[inline(never)]
    pub(crate) fn push_woken(&self, strand: Strand) -> Result<(), Strand> {
        if CURRENT.with(Cell::get) == 0 {
            return Err(strand);
        }
        if HELD.with(Cell::get).is_none() {
            let raw = NonNull::new(Arc::into_raw(strand).cast_mut()).expect("an Arc is not null");
            HELD.with(|h| h.set(Some(raw)));
            return Ok(());
        }
        self.push_local(strand).map(drop)
    }

    /// Takes the held strand, if any.
    #[inline(never)]
    pub(crate) fn take_held(&self) -> Option<Strand> {
        let raw = HELD.with(Cell::take)?;
        // SAFETY: `push_woken` stored this pointer from `Arc::into_raw` (one reference),
        // and `take` removed it: the reference comes back exactly once.
        Some(unsafe { Arc::from_raw(raw.as_ptr().cast_const()) })
    }

    /// Moves the held strand onto this thread's deque (on top: it runs next). Returns
    /// false if none was held.
    #[inline(never)]
    pub(crate) fn release_held(&self) -> bool {
        let Some(strand) = self.take_held() else {
            return false;
        };
        if let Err(strand) = self.push_local(strand) {
            self.injector.push(strand);
        }
        true
    }

    /// Pushes `strand` onto the injector (for spawns from outside a carrier).
    pub(crate) fn push_global(&self, strand: Strand) {
        self.injector.push(strand);
    }

    /// Takes a pending strand: this thread's deque first (newest first), then the
    /// injector, then the other threads' deques (oldest first). With `injector_first`,
    /// one strand from the injector comes before the deque (so that strands woken from
    /// outside, or yielding, are not starved by a deque that never empties).
    pub(crate) fn find(&self, injector_first: bool) -> Option<Strand> {
        if injector_first {
            if let Some(strand) = retry(|| self.injector.steal()) {
                return Some(strand);
            }
        }
        let found = with_local(self, |local| match local {
            Some(local) => local.deque.pop(),
            None => None,
        });
        if found.is_some() {
            return found;
        }
        if self.release_held() {
            return self.find(false);
        }
        with_local(self, |local| match local {
            Some(local) => retry(|| self.injector.steal_batch_and_pop(&local.deque))
                .or_else(|| self.steal_from_others(|s| s.steal_batch_and_pop(&local.deque))),
            None => {
                retry(|| self.injector.steal()).or_else(|| self.steal_from_others(|s| s.steal()))
            }
        })
    }

    fn steal_from_others(
        &self,
        steal: impl Fn(&Stealer<Strand>) -> Steal<Strand>,
    ) -> Option<Strand> {
        let n = self
            .registered
            .load(Ordering::Acquire)
            .min(self.stealers.len());
        if n == 0 {
            return None;
        }
        // Start at a different thread each time so that no deque is always robbed first.
        let start = (self.next_id.load(Ordering::Relaxed) as usize) % n;
        (0..n)
            .map(|i| &self.stealers[(start + i) % n])
            .filter_map(OnceLock::get)
            .find_map(|stealer| retry(|| steal(stealer)))
    }

    /// True if this thread's deque holds a strand, or it holds woken ones.
    #[inline(never)]
    pub(crate) fn local_pending(&self) -> bool {
        // `try_with`: the deadlock check runs this from a thread-local destructor too.
        LOCAL
            .try_with(|cell| {
                cell.get()
                    .and_then(Option::as_ref)
                    .is_some_and(|l| !l.deque.is_empty())
            })
            .unwrap_or(false)
            || HELD.try_with(|h| h.get().is_some()).unwrap_or(false)
    }

    /// For a strand about to let the others on its worker run: if the caller runs on a
    /// carrier and no strand is pending here or in the injector, leaves the carrier as
    /// [`leave_carrier`] does and returns its mark; otherwise changes nothing and returns
    /// None. One thread-local visit instead of four.
    #[inline(never)]
    pub(crate) fn leave_for_spin(&self) -> Option<i64> {
        if CURRENT.with(Cell::get) == 0 {
            return None;
        }
        let local_pending = LOCAL.with(|cell| {
            cell.get()
                .and_then(Option::as_ref)
                .is_some_and(|l| !l.deque.is_empty())
        }) || HELD.with(|h| h.get().is_some());
        if local_pending || !self.injector.is_empty() {
            return None;
        }
        Some(leave_carrier(self))
    }

    /// True if any strand is pending anywhere.
    pub(crate) fn any_pending(&self) -> bool {
        self.local_pending()
            || !self.injector.is_empty()
            || self.stealers[..self
                .registered
                .load(Ordering::Acquire)
                .min(self.stealers.len())]
                .iter()
                .filter_map(OnceLock::get)
                .any(|s| !s.is_empty())
    }
}

/// Repeats a steal while it asks to be retried.
fn retry<T>(mut steal: impl FnMut() -> Steal<T>) -> Option<T> {
    loop {
        match steal() {
            Steal::Success(t) => return Some(t),
            Steal::Empty => return None,
            Steal::Retry => std::hint::spin_loop(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::task::{RunOnce, Task};
    use super::*;
    use std::sync::{Arc, Mutex};

    fn strand(id: i64, f: impl FnOnce() + Send + 'static) -> Strand {
        Task::new(id, RunOnce(Some(f)))
    }

    #[test]
    fn outside_a_carrier_strands_go_to_the_injector() {
        let q = Queues::new(4);
        assert!(q.push_local(strand(1, || {})).is_err());
        q.push_global(strand(q.fresh_id(), || {}));
        assert!(q.any_pending());
        assert!(q.find(false).is_some());
        assert!(!q.any_pending());
        assert!(q.find(false).is_none());
    }

    #[test]
    fn carrier_pushes_are_lifo_and_stealable_from_another_thread() {
        let q = Arc::new(Queues::new(4));
        let order = Arc::new(Mutex::new(Vec::new()));
        let q2 = q.clone();
        let order2 = order.clone();
        std::thread::spawn(move || {
            set_in_carrier(SEARCHING);
            let mut ids = Vec::new();
            for i in 0..3 {
                let order = order2.clone();
                let id = q2.fresh_id();
                ids.push(id);
                let pushed = q2.push_local(strand(id, move || order.lock().unwrap().push(i)));
                assert!(pushed.is_ok());
            }
            assert!(ids.windows(2).all(|w| w[0] < w[1]));
            // Newest first on the owning thread.
            q2.find(false).unwrap().run();
            set_in_carrier(0);
        })
        .join()
        .unwrap();
        // Another thread steals what is left, oldest first.
        while let Some(s) = q.find(false) {
            s.run();
        }
        assert_eq!(*order.lock().unwrap(), vec![2, 0, 1]);
    }

    #[test]
    fn injector_first_takes_a_woken_strand_before_the_deque() {
        let q = Arc::new(Queues::new(4));
        let q2 = q.clone();
        std::thread::spawn(move || {
            set_in_carrier(SEARCHING);
            assert!(q2.push_local(strand(1, || {})).is_ok());
            q2.push_global(strand(2, || {}));
            assert_eq!(q2.find(true).unwrap().id(), 2);
            assert_eq!(q2.find(true).unwrap().id(), 1);
            set_in_carrier(0);
        })
        .join()
        .unwrap();
    }

    #[test]
    fn ids_are_unique_across_threads() {
        let q = Arc::new(Queues::new(8));
        let ids: Vec<i64> = (0..4)
            .map(|_| {
                let q = q.clone();
                std::thread::spawn(move || {
                    set_in_carrier(SEARCHING);
                    let ids: Vec<i64> = (0..3000).map(|_| q.fresh_id()).collect();
                    set_in_carrier(0);
                    ids
                })
            })
            .flat_map(|h| h.join().unwrap())
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len());
        assert!(sorted[0] > 0);
    }
}
