//! Who can still make progress: the one word every scheduling step goes through, the
//! plain threads that use the runtime, and the deadlock detector built on both.
//!
//! # The word
//!
//! One `AtomicU64` holds three counters, so that a step that moves an agent from one to
//! another is a single read-modify-write and a reader sees all three at one instant:
//!
//! * `A` (bits 0-21): carriers counted active, the `active` of the protocol in
//!   [`super`] (running, runnable or searching);
//! * `O` (bits 22-42): other agents that are awake and may still send, close or spawn:
//!   strands asleep ([`super::sleep_ms`], [`super::sleep_ms_async`]) or yielding (a timer
//!   or the queues bring them back by themselves), strands whose future waits for
//!   something the runtime does not count (a future of another runtime), registered
//!   plain threads that are not blocked on a channel, and live [`ExternalWaker`]s;
//! * `B` (bits 43-63): strands blocked on a channel *holding their carrier* (a blocking
//!   receive, or a send to a full bounded channel; kept modulo 2^21: it only counts,
//!   nothing compares it with a bound).
//!
//! Strands waiting on channels *without* a stack are counted apart, per thread (see
//! `TaskWaits` below), so that a wait and its wake-up touch no shared counter; they
//! join `B` wherever `B` is read (the deadlock report, [`super::stats`]). Such a strand
//! leaves `A` simply by its carrier moving on to other strands.
//!
//! A blocking strand moves itself from `A` to `B`, a sleeping one from `A` to `O`, a
//! blocking thread leaves `O`. **Every wake-up counts the woken agent before the woken
//! agent can see that it was woken** (the waker adds to `A` or `O` before it publishes
//! the value, or queues a task before it leaves the wait; timers and yields move the
//! strand back themselves), and a waker is itself counted while it wakes. So `A + O`
//! never reads zero while anything can still happen: it can only be over-counted for a
//! moment (a waker may count a receiver before the receiver finished blocking), never
//! under-counted. `A` and `O` never go below zero, and [`MAX_CARRIERS`] keeps `A` (at
//! most twice the carriers, for a moment) in its bits. An agent that is not counted
//! itself (the timer thread, a foreign waker) queues the strand it wakes and drops its
//! count under the delivery lock ([`deliver`]), which the deadlock check also takes.

//! # Plain threads
//!
//! A plain thread (not a carrier, not a May coroutine) is *registered* the first time it
//! spawns a strand, makes a channel, or sends, receives or closes on one; from then on
//! until it exits it counts in `O` whenever it is not blocked in a receive. Other May
//! coroutines that use channels are invisible to this accounting, so once one blocks in a
//! receive, deadlock detection is off for the rest of the process.
//!
//! # Deadlock
//!
//! The step whose read-modify-write takes `A + O` to zero checks for a deadlock: if no
//! strand is pending either (read under the delivery lock, with the word) (a carrier that just blocked may be about to start one for a
//! pending strand; that strand was pushed before its decrement, so the check sees it),
//! nothing is awake that could ever send, close or spawn again. Then, if strands or plain
//! threads are blocked in receives, the runtime reports it once on standard error and
//! every plain thread blocked in a receive fails (its receive panics with the message):
//! those receives can never complete. Strands blocked in the deadlock stay blocked.
//! A registered thread that exits, or an [`ExternalWaker`] dropped, can also take the
//! count to zero; that is reported only if a plain thread is blocked in a receive (a test
//! thread that ends while strands it started are still blocked is not a deadlock of
//! anything that waits).
//!
//! **What the runtime cannot see.** A plain thread that got a channel handle (moved into
//! its closure, say) and has not used the runtime yet is not registered: if every
//! registered agent blocks before it sends, the runtime reports a deadlock that this
//! thread would have ended. Such a thread must be covered by an [`ExternalWaker`] created
//! *before* the handle is handed over and dropped when the thread will send no more.
//! Strands waiting for a carrier at the carrier limit (see [`crate::config`]) are pending,
//! so that stall is reported as the limit, not as a deadlock.

use std::cell::Cell;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::*};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::Thread;

/// One carrier in `A`.
pub(crate) const ACTIVE: u64 = 1;
/// One agent in `O`.
pub(crate) const AWAKE: u64 = 1 << 22;
/// One strand in `B`.
pub(crate) const BLOCKED: u64 = 1 << 43;
const A_MASK: u64 = AWAKE - 1;
const O_MASK: u64 = (BLOCKED - 1) & !A_MASK;
/// The most carriers the word has room for (`A` may count each carrier twice for a
/// moment); [`crate::config`] limits carriers to this.
pub const MAX_CARRIERS: usize = 1 << 20;

/// Word deltas of the protocol steps (wrapping sums of the units above).
pub(crate) mod delta {
    use super::{ACTIVE, AWAKE, BLOCKED};
    /// A strand blocks in a channel receive: `A` to `B`.
    pub(crate) const BLOCK: u64 = BLOCKED.wrapping_sub(ACTIVE);
    /// A waker counts a blocked strand's carrier: `B` to `A`.
    pub(crate) const WAKE: u64 = ACTIVE.wrapping_sub(BLOCKED);
    /// A strand sleeps or yields: `A` to `O`.
    pub(crate) const NAP: u64 = AWAKE.wrapping_sub(ACTIVE);
    /// It is back: `O` to `A`.
    pub(crate) const UNNAP: u64 = ACTIVE.wrapping_sub(AWAKE);
    /// A carrier leaves the active count (rules I and R, a failed start).
    pub(crate) const IDLE: u64 = ACTIVE.wrapping_neg();
    /// A plain thread blocks, exits, or an external waker is dropped.
    pub(crate) const SLEEP: u64 = AWAKE.wrapping_neg();
}

static WORD: AtomicU64 = AtomicU64::new(0);

/// A value of the word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Word(u64);

impl Word {
    /// `A`: carriers counted active.
    pub(crate) fn active(self) -> usize {
        (self.0 & A_MASK) as usize
    }
    /// `O`: other awake agents.
    pub(crate) fn awake(self) -> usize {
        ((self.0 & O_MASK) >> 22) as usize
    }
    /// `B`: strands blocked in a receive.
    pub(crate) fn blocked(self) -> usize {
        (self.0 >> 43) as usize
    }
    /// True if `A + O` is zero: nothing is awake.
    pub(crate) fn asleep(self) -> bool {
        self.0 & (A_MASK | O_MASK) == 0
    }
    /// This word with one carrier fewer counted active.
    pub(crate) fn one_less_active(self) -> Word {
        Word(self.0.wrapping_add(delta::IDLE))
    }
}

/// Applies a step (a sequentially consistent read-modify-write) and returns the new word.
#[inline]
pub(crate) fn add(delta: u64) -> Word {
    Word(WORD.fetch_add(delta, SeqCst).wrapping_add(delta))
}

/// Reads the word with a read-modify-write (rule S needs one, see [`super`]).
#[inline]
pub(crate) fn read() -> Word {
    Word(WORD.fetch_add(0, SeqCst))
}

/// Reads the word without ordering (statistics, the first read of rule R).
#[inline]
pub(crate) fn peek() -> Word {
    Word(WORD.load(Relaxed))
}

/// Replaces `current` by `new` if the word still is `current`.
#[inline]
pub(crate) fn replace(current: Word, new: Word) -> bool {
    WORD.compare_exchange(current.0, new.0, SeqCst, Relaxed)
        .is_ok()
}

/// Strands waiting on channels without a stack, counted apart from `B` so that waiting
/// and waking take no read-modify-write of the shared word: per thread with a deque, the
/// waits it registered and the ones it ended (each written by its own thread only, so a
/// plain load and store), and one shared count of the waits ended elsewhere. Their
/// difference joins `B` wherever `B` is read; the deadlock check reads it when nothing
/// runs, after the read-modify-writes of the word that made everything quiet (which
/// order these writes before it).
struct TaskWaits {
    slots: [Slot; TASK_SLOTS],
    ended_elsewhere: AtomicU64,
}

#[repr(align(128))]
struct Slot {
    registered: AtomicU64,
    ended: AtomicU64,
}

const TASK_SLOTS: usize = 64;

static TASK_WAITS: TaskWaits = TaskWaits {
    slots: [const {
        Slot {
            registered: AtomicU64::new(0),
            ended: AtomicU64::new(0),
        }
    }; TASK_SLOTS],
    ended_elsewhere: AtomicU64::new(0),
};

/// A strand's future starts waiting on a channel, on the thread with slot `slot`.
pub(crate) fn task_wait_begins(slot: usize) {
    match TASK_WAITS.slots.get(slot) {
        Some(s) => bump(&s.registered),
        // A thread without a slot (beyond the table): count it as a negative end.
        None => {
            TASK_WAITS.ended_elsewhere.fetch_sub(1, Relaxed);
        }
    }
}

/// A strand's wait on a channel ends (it is woken, or withdrawn), on this thread.
pub(crate) fn task_wait_ends() {
    match TASK_WAITS.slots.get(super::queues::slot_here()) {
        Some(s) => bump(&s.ended),
        None => {
            TASK_WAITS.ended_elsewhere.fetch_add(1, Relaxed);
        }
    }
}

/// Adds one to a counter only this thread writes.
#[inline]
fn bump(counter: &AtomicU64) {
    counter.store(counter.load(Relaxed).wrapping_add(1), Relaxed);
}

/// Strands waiting on channels without a stack now.
pub(crate) fn tasks_waiting() -> usize {
    let mut n = 0u64;
    for slot in &TASK_WAITS.slots {
        n = n.wrapping_add(slot.registered.load(Relaxed));
        n = n.wrapping_sub(slot.ended.load(Relaxed));
    }
    n.wrapping_sub(TASK_WAITS.ended_elsewhere.load(Relaxed)) as i64 as usize
}

/// Set once a May coroutine that is not a carrier blocked in a receive.
static FOREIGN: AtomicBool = AtomicBool::new(false);
/// Set once the deadlock report was written.
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Notes that a May coroutine that is not a carrier blocks in a receive: the accounting
/// cannot see it, so deadlock detection stops.
pub(crate) fn note_foreign() {
    FOREIGN.store(true, Relaxed);
}

/// A thread's registration; dropping it (when the thread exits) leaves `O`.
struct Registration {
    on: Cell<bool>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        if self.on.get() {
            let word = add(delta::SLEEP);
            if word.asleep() {
                check(Cause::Outside);
            }
        }
    }
}

thread_local! {
    static REGISTERED: Registration = const { Registration { on: Cell::new(false) } };
}

/// Registers the calling plain thread (once): it counts in `O` from now on. Called by
/// every runtime entry point used outside a carrier; a May coroutine is not registered.
/// Returns false if the thread is not counted (a coroutine, or a thread whose
/// thread-locals are being destroyed).
pub(crate) fn register_thread() -> bool {
    REGISTERED
        .try_with(|r| {
            if r.on.get() {
                return true;
            }
            if may::coroutine::is_coroutine() {
                return false;
            }
            r.on.set(true);
            add(AWAKE);
            true
        })
        .unwrap_or(false)
}

/// A plain thread blocked in a receive, as the deadlock detector sees it.
struct RootWait {
    thread: Thread,
    /// Set (release, after `counts`) when the detector fails this wait.
    verdict: AtomicBool,
    /// Blocked strands (high half) and blocked threads (low half) at the verdict.
    counts: AtomicU64,
}

static ROOTS: Mutex<Vec<Arc<RootWait>>> = Mutex::new(Vec::new());

fn roots() -> std::sync::MutexGuard<'static, Vec<Arc<RootWait>>> {
    ROOTS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A receive on a plain thread that can never complete, with what the runtime saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadlock {
    /// Strands blocked in channel receives.
    pub strands: usize,
    /// Plain threads blocked in channel receives.
    pub threads: usize,
}

impl Deadlock {
    /// "2 strands and 1 thread are blocked on channels, and ..."
    pub fn describe(&self) -> String {
        let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let who = match (self.strands, self.threads) {
            (s, 0) => plural(s, "strand"),
            (0, t) => plural(t, "thread"),
            (s, t) => format!("{} and {}", plural(s, "strand"), plural(t, "thread")),
        };
        let verb = if self.strands + self.threads == 1 {
            "is"
        } else {
            "are"
        };
        format!(
            "{who} {verb} blocked on channels, and no strand or thread is left that could \
             send, receive or close"
        )
    }
}

/// Blocks the calling plain thread until `ready` returns true (the waker counts the
/// thread awake again before it makes `ready` true), or until the detector declares a
/// deadlock: then the thread is counted awake again and gets the error.
pub(crate) fn wait_thread(ready: impl Fn() -> bool) -> Result<(), Deadlock> {
    // A thread that cannot be registered any more (it is exiting) is counted for the
    // length of this wait only, so that its waker's count has something to restore.
    let uncounted = !register_thread();
    if uncounted {
        add(AWAKE);
    }
    let me = Arc::new(RootWait {
        thread: std::thread::current(),
        verdict: AtomicBool::new(false),
        counts: AtomicU64::new(0),
    });
    roots().push(me.clone());
    if add(delta::SLEEP).asleep() {
        check(Cause::Inside);
    }
    let result = loop {
        if ready() {
            break Ok(());
        }
        if me.verdict.load(Acquire) {
            let counts = me.counts.load(Relaxed);
            break Err(Deadlock {
                strands: (counts >> 32) as usize,
                threads: counts as u32 as usize,
            });
        }
        std::thread::park();
    };
    roots().retain(|r| !Arc::ptr_eq(r, &me));
    if result.is_ok() && me.verdict.load(Acquire) {
        // Woken and failed at once (a sender the runtime could not see): both counted
        // this thread awake; give one back.
        add(delta::SLEEP);
    }
    if uncounted {
        add(delta::SLEEP);
    }
    result
}

/// After a verdict whose receive turned out to be completed after all: the sender counted
/// the thread awake too; give that back.
pub(crate) fn verdict_overtaken() {
    add(delta::SLEEP);
}

/// What took the count to zero.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cause {
    /// A strand or thread blocked, or a carrier went idle.
    Inside,
    /// A registered thread exited, or an external waker was dropped.
    Outside,
}

/// Called by the step that blocked a strand, or idled a carrier, and took `A + O` to
/// zero.
pub(crate) fn check_inside() {
    check(Cause::Inside);
}

/// Held by a delivery (see [`deliver`]) and by the deadlock check's two reads.
static DELIVERY: Mutex<()> = Mutex::new(());

/// Queues a strand on behalf of a sleeper counted in `O`, from an agent that is not
/// counted itself (the timer thread; a waker of a strand that waited for something the
/// runtime cannot see): `push` queues it, then the sleeper leaves `O`.
///
/// Such a push could otherwise slip between the two reads of a deadlock check: the check
/// finds nothing pending, the strand is pushed and its count dropped while a carrier is
/// between leaving the active count and its last look at the queues (rule I), and the
/// check then reads `A + O` as zero. Under this lock a check sees either the sleeper
/// still counted or the strand pending.
pub(crate) fn deliver(push: impl FnOnce()) {
    let word = {
        let _delivering = DELIVERY.lock().unwrap_or_else(PoisonError::into_inner);
        push();
        add(delta::SLEEP)
    };
    if word.asleep() {
        check(Cause::Inside);
    }
}

fn check(cause: Cause) {
    let Some(rt) = super::carrier::Runtime::try_get() else {
        return; // no strand ever ran: plain threads among themselves are not watched
    };
    let word = {
        let _quiet = DELIVERY.lock().unwrap_or_else(PoisonError::into_inner);
        if FOREIGN.load(Relaxed) || rt.queues.any_pending() {
            return;
        }
        read()
    };
    if !word.asleep() {
        return;
    }
    let roots = roots();
    let threads = roots.len();
    let deadlock = Deadlock {
        strands: word.blocked() + tasks_waiting(),
        threads,
    };
    if threads == 0 && (cause == Cause::Outside || deadlock.strands == 0) {
        return;
    }
    if !REPORTED.swap(true, Relaxed) {
        let line = format!("seq: deadlock: {}\n", deadlock.describe());
        let _ = std::io::stderr().write_all(line.as_bytes());
    }
    let counts = ((deadlock.strands as u64) << 32) | threads as u64;
    for root in roots.iter() {
        if !root.verdict.load(Relaxed) {
            add(AWAKE);
            root.counts.store(counts, Relaxed);
            root.verdict.store(true, Release);
            root.thread.unpark();
        }
    }
}

/// Tells the deadlock detector that something outside the runtime may still send to,
/// close, or spawn from channels, for as long as this value lives.
///
/// The runtime sees strands, and plain threads that have used it (see the crate's
/// deadlock rule in [`crate::strand`]). A thread that is handed a channel before it ever
/// called the runtime is invisible: create an `ExternalWaker` before handing the channel
/// over, move it into the thread, and drop it when the thread will send no more. While
/// one lives, no deadlock is declared (`std::mem::forget` one to switch detection off).
///
/// ```
/// use seq_runtime::{spawn, strand::ExternalWaker, Channel};
/// let (ch, out) = (Channel::new(), Channel::new());
/// let (rx, tx) = (ch.clone(), out.clone());
/// spawn(move || {
///     tx.send(rx.receive().0 + 1);
/// });
/// let waker = ExternalWaker::new();
/// let helper = std::thread::spawn(move || {
///     std::thread::sleep(std::time::Duration::from_millis(10));
///     ch.send(41);
///     drop(waker);
/// });
/// assert_eq!(out.receive(), (42, true));
/// helper.join().unwrap();
/// ```
#[derive(Debug)]
pub struct ExternalWaker {
    _counted: (),
}

impl ExternalWaker {
    /// Counts one more agent awake outside the runtime.
    pub fn new() -> Self {
        add(AWAKE);
        ExternalWaker { _counted: () }
    }
}

impl Default for ExternalWaker {
    fn default() -> Self {
        ExternalWaker::new()
    }
}

impl Drop for ExternalWaker {
    fn drop(&mut self) {
        if add(delta::SLEEP).asleep() {
            check(Cause::Outside);
        }
    }
}
