//! Strands: Seq's lightweight tasks, run by a small number of May coroutines.
//!
//! # Design
//!
//! A **strand** is a task: a future, boxed once with its id and a state word (see
//! `task`). [`spawn_async`] pushes it onto the current worker thread's LIFO deque (or,
//! from outside the runtime, onto a shared injector) and returns at once; a pending
//! strand owns no stack. [`spawn`] does the same with a closure, as a future that runs
//! the closure in one poll. A **carrier** is a May coroutine that takes strands from the
//! queues and polls them one after another on its own stack.
//!
//! A strand waits one of two ways:
//!
//! * **Without a stack**, where its future awaits: a channel's
//!   [`send_async`](crate::Channel::send_async) or
//!   [`receive_async`](crate::Channel::receive_async), [`sleep_ms_async`],
//!   [`yield_now_async`] (what the `_async` words `seq!` generates call), or any future
//!   woken through its waker. The poll returns `Pending`, the carrier goes on with the
//!   next strand, and the strand keeps only its future's state (the values live across
//!   the wait) and its waker, registered where it waits. A wake-up queues it again.
//! * **Holding its carrier**, where it blocks somewhere the compiler cannot see: the
//!   blocking [`crate::Channel::receive`] or `send`, [`yield_now`], [`sleep_ms`],
//!   [`block_on`] (a quotation value whose body waits, a Rust function that blocks
//!   through the runtime, May's own I/O). The carrier blocks with the strand, and
//!   another carrier takes over the queues. Because the deques are LIFO, the program is
//!   explored depth first and few strands are alive at once; the runtime degrades to one
//!   stack per strand blocked this way, never one per spawned strand.
//!
//! So a program whose strands wait only without a stack runs on `W` carriers, however
//! many strands wait at once (a million waiting on channels: about 400 bytes each).
//!
//! **Staying on one worker.** May's idle workers steal runnable coroutines from busy
//! ones. A carrier woken by a strand is therefore kept on its waker's ready list (not on
//! May's run queue) until the waker's carrier parks: a producer and the consumers it
//! wakes then run on one worker instead of fighting over a channel from two (fanout:
//! 26 ms instead of 67-86 ms with two workers, measured with `std::sync::Mutex` in the
//! channels). Idle May workers also sleep up to 1 s between looks for work (May's
//! default is 10 ms): nothing in the runtime relies on that poll, since every spawn from
//! outside and every wake-up from outside a worker writes the worker's eventfd, and
//! carriers created inside are queued locally.
//!
//! `W` is the number of worker threads ([`crate::config`]). Carriers are reused: one
//! with nothing to do parks in an idle list, and is woken instead of creating a new
//! coroutine. A new carrier made from inside the runtime is created with May's
//! `spawn_local` and yields at once, which queues it on the current worker without the
//! eventfd write (and the kernel wake-up of a sleeping worker) that May's `spawn` costs.
//!
//! # Protocol
//!
//! One count, `active`, counts carriers that are running, runnable or searching (not
//! blocked with a strand, not idle). It is the `A` field of one atomic word that also
//! counts blocked strands and the other awake agents (see `watch`, and "Failures"
//! below); a step that moves a carrier between fields is one read-modify-write. Every
//! step below that changes the word is a sequentially consistent read-modify-write, so
//! all of them happen in one total order, and each one sees every queue push that came
//! before any earlier one.
//!
//! * **S** (spawn, and the wake-up of a strand waiting without a stack, which queues it
//!   again): inside a carrier, push to the local deque (a strand woken while its poll
//!   ran, or yielding, goes to the injector); nothing else. From outside, push to the
//!   injector, then read `active` with an RMW; if it is below `W`, start a carrier.
//! * **B** (block): the strand's carrier decrements `active`; if the result is below `W`
//!   and any queue holds a strand, it starts a carrier. Then it parks.
//! * **W** (wake): a channel's waker increments `active` for the carrier before it
//!   publishes the value (so before the woken strand can run) and unparks it; after a
//!   sleep or a yield the carrier increments it itself. A waker
//!   that is itself a strand does not unpark at once: the woken carrier goes on its
//!   worker's ready list, which the waker's carrier empties (unparks) as the first step
//!   of every park, yield or idle. So a woken carrier is counted active and becomes
//!   runnable no later than the moment its waker's carrier stops running.
//! * **I** (idle): a carrier that finds every queue empty decrements `active`, then looks
//!   again; if a strand is there it increments `active` and continues, else it parks in
//!   the idle list (or ends, if the list is full).
//! * **R** (retire): after finishing a strand, a carrier that sees more than `W` active
//!   carriers leaves with a compare-exchange from `n > W` to `n - 1`, and parks or ends.
//! * Starting a carrier increments `active` first, then unparks an idle carrier, or
//!   hands off to a carrier on its way to the idle list (between I's decrement and its
//!   parking; it takes the hand-off and searches again, counted by the start), or
//!   creates one.
//!
//! **Invariant.** *If a strand is pending, some carrier counted in `active` will look at
//! every queue before it stops being counted, or `active` is zero and the last step that
//! made it so saw the strand and started a carrier.* A strand is pushed either by a
//! counted carrier (S inside), which later leaves the count through B, I or R, or from
//! outside (S outside), which checks the count itself. B and I look at the queues after
//! their decrement, and R never takes the count below `W >= 1`. In the total order of the
//! RMWs, whichever of "push + RMW" and "decrement + look" comes second sees the other, so
//! no pending strand is left without a carrier (no lost wake-up). A strand waiting
//! without a stack is not lost either: its task state (see `task`) makes every wake-up
//! either queue it or, if it is being polled, make its carrier queue it when the poll
//! ends.
//!
//! The module `model` (a test) enumerates every interleaving of these steps, of the task
//! states and of the timer's deliveries for a few small programs whose strands wait both
//! ways, with one and two workers, and checks this invariant and those of the deadlock
//! detector; its docs say why that, and not loom, is the check.
//!
//! The only exception is the carrier limit ([`crate::config::Config::max_carriers`],
//! derived from the kernel's memory-map limit): when that many carriers exist, rule B
//! cannot start one, pending strands wait until a blocked strand wakes (its carrier is
//! then counted and serves the queues), and the runtime says so once on standard error.
//!
//! **Thread-locals.** A carrier may block on one worker and wake on another; per-thread
//! state (the deque, the running-a-strand flag, the ready list) is reached only through
//! the `#[inline(never)]` accessors in `queues`, never across a blocking call. Strands
//! must block only through this runtime (channels, [`yield_now`], [`sleep_ms`]): a strand
//! that parks through May directly would leave its worker's ready list unflushed until
//! it resumes.
//!
//! Carriers are cooperative: a strand that never blocks keeps its worker until it ends.
//!
//! # Failures
//!
//! **A strand that panics ends the process** by default, like an unrecovered panic in a
//! Go goroutine: after the panic hook has printed the panic, the runtime writes
//! `seq: strand N panicked: <message>` on standard error and exits with status
//! [`PANIC_EXIT_CODE`] (101, that of a Rust program whose main thread panicked). Nothing
//! could tell which strands and threads wait for what the strand would have sent, so
//! carrying on could leave them hanging. (Built with `panic = "abort"`, the process
//! aborts in the panic hook instead, without the strand's id.)
//!
//! **Containing panics.** A program that must survive a strand's panic (a service
//! embedding Seq) installs a handler with
//! [`Config::on_strand_panic`](crate::config::Config::on_strand_panic) before the first
//! strand. A panic then ends its strand as if it had finished: the task catches the
//! unwind around the poll, drops the strand's future in place (its values, its channel
//! handles, its registered waits, which are withdrawn and uncounted as when any future
//! is dropped) and is `DONE`, so later wake-ups find nothing to run. The carrier's
//! bookkeeping is that of a finished strand (the protocol above is unchanged: the steps
//! that move a carrier between counts run no strand code, so an unwind never leaves one
//! half done), and the handler gets a [`StrandPanic`] (id and message) on that carrier.
//! Channels are not closed when a handle is dropped: a strand or thread that waits for
//! what the dead strand would have sent waits on, and if nothing left can send, the
//! deadlock detector reports it as below (a plain thread's receive then fails).
//!
//! **Joined strands.** A strand started with [`spawn_joinable`] or
//! [`spawn_joinable_async`] hands its end to its [`JoinHandle`]: [`JoinHandle::join`]
//! (blocking) or [`JoinHandle::join_async`] returns its value, or its panic as an `Err`.
//! Decision: a panic that a handle receives is *observed* by the joiner, so neither the
//! handler nor the process-ending default applies to it, whatever the policy. A panic
//! that no handle can deliver still goes to the policy: one that comes after its handle
//! was dropped, and one still unjoined when its handle is dropped (reported then, on the
//! dropping thread).
//!
//! **Deadlock.** The runtime knows how many carriers are active, how many strands are
//! blocked on channels (receiving, or sending to a full bounded channel; holding their
//! carrier or not), how many are asleep ([`sleep_ms`], [`sleep_ms_async`], a yield) or
//! wait for something it does not count (a future of another runtime: such a strand
//! counts as awake), which plain threads are blocked on channels, and how many
//! *registered* plain threads are not: a plain thread registers the first time it
//! spawns a strand, makes a channel, or sends, receives or closes on one, and stays
//! registered until it exits. When none of the carriers, awake strands and registered
//! threads is left awake and no strand is pending, nothing the runtime knows of can ever
//! send, receive, close or spawn again. If strands or threads are then blocked on
//! channels, it writes once on standard error
//!
//! ```text
//! seq: deadlock: 2 strands and 1 thread are blocked on channels, and no strand or thread is left that could send, receive or close
//! ```
//!
//! and every plain thread blocked on a channel (a Rust `main` waiting for a Seq word's
//! result, typically) fails: its [`crate::Channel::receive`] (or `send`) panics with
//! `seq: deadlock: this receive can never complete: ` followed by the same description,
//! reported at the caller's line. Strands in the deadlock stay blocked. A thread that
//! exits (or an [`ExternalWaker`] dropped) leaving strands blocked is reported only if a
//! thread waits. Futures polled by other executors are not counted: a thread that
//! awaits them is a registered thread that is awake.
//!
//! What the runtime cannot see: a thread that holds a channel but has not used the
//! runtime yet (a handle moved into a freshly spawned thread), and May coroutines that
//! are not carriers. For the first, create an [`ExternalWaker`] before handing the
//! channel over and drop it when the thread will send no more; once one of the second
//! blocks in a receive, detection stops for good. Strands waiting at the carrier limit
//! are pending, so that stall is the limit's report, not a deadlock.
//!
//! **Stack overflow.** Deep non-tail recursion in a strand runs into its carrier stack's
//! guard page. Instead of May's bare "coroutine has overflowed its stack" (after which
//! the strand's waiters hang), the runtime writes
//!
//! ```text
//! seq: strand 1 overflowed its stack (SEQ_STACK_SIZE is 65536 bytes): deep non-tail recursion needs a bigger SEQ_STACK_SIZE, e.g. SEQ_STACK_SIZE=64M
//! ```
//!
//! and aborts (Linux on x86-64 and AArch64; see `overflow` for how the fault is told
//! apart from others).
//!
//! # Tracing
//!
//! With the `tracing` feature each strand has a `tracing` span, entered while the strand
//! runs, and the runtime emits events where strands are spawned, wait, are woken and end
//! (see `trace`, and `docs/strands.md`). Without it there is no tracing code at all.
//!
//! # Many waiting strands
//!
//! A strand waiting without a stack costs its task (an `Arc` holding the future, whose
//! state is the values live across the wait) and its registration where it waits (a
//! channel waiter or a timer entry): measured with the repository's
//! `examples/hand_blocked.rs` (each of a million strands makes a channel, hands it to the
//! root and waits on it until all wait, then all are released), a million strands wait
//! at once on the `W` carriers, in about 0.6 s and 410 MB peak RSS (channels included).
//!
//! A strand that waits holding its carrier keeps one May stack: a `mmap` plus a guard
//! page (two kernel memory maps) and about 9 KB resident (the pages its frames touched,
//! plus the bottom page, which May's stack allocator writes a usage sentinel into).
//! 20,000 of them at once took 0.8 s and 179 MB. Two maps per stack allow at most
//! ~32,700 stacks under the default `vm.max_map_count` (65,530): the runtime stops
//! creating carriers at its limit (30,717 by default, see [`crate::config`]), says so,
//! and the remaining strands wait. (With `vm.max_map_count` raised to 2,200,000, a
//! million such strands took 54.7 s and 8.8 GB.) A smaller `SEQ_STACK_SIZE` does not
//! help: the two maps and the two touched pages per stack are the same for any size.

mod carrier;
mod overflow;
mod panics;
mod queues;
mod task;
mod timer;
pub(crate) mod trace;
mod wait;
mod watch;

#[cfg(test)]
mod model;

use std::future::Future;
use std::task::Waker;
use std::time::Duration;

use may::coroutine::{self, Coroutine};

use carrier::Runtime;
pub use carrier::Stats;
pub use panics::{spawn_joinable, spawn_joinable_async, JoinHandle, StrandPanic, PANIC_EXIT_CODE};
pub(crate) use queues::note_counted_wait;
use task::{RunOnce, Task};
pub use wait::{block_on, sleep_ms_async, yield_now_async, Sleep, YieldNow};
pub use watch::{Deadlock, ExternalWaker, MAX_CARRIERS};

/// Starts a strand that runs `f`, and returns its id (positive and unique).
///
/// The strand is queued, not run: inside a strand it goes onto this worker's deque and
/// typically runs as soon as the spawning strand waits or ends; from a plain thread it
/// goes onto the shared injector and a carrier is started for it if needed. While `f`
/// waits (a blocking receive, say) it holds its carrier; a strand that should wait
/// without one is spawned from a future ([`spawn_async`]). If `f` panics, the process
/// ends, or the strand alone ends if a panic handler is set (see "Failures" in the
/// module docs); to get its result or panic back, use [`spawn_joinable`].
pub fn spawn<F: FnOnce() + Send + 'static>(f: F) -> i64 {
    spawn_async(RunOnce(Some(f)))
}

/// Starts a strand that runs the future `f` to its end, and returns its id (positive and
/// unique). Where `f` waits (a channel's [`send_async`](crate::Channel::send_async) or
/// [`receive_async`](crate::Channel::receive_async), [`sleep_ms_async`],
/// [`yield_now_async`], any future woken through its waker) the strand is put aside
/// holding only `f`'s state, no stack and no carrier. Otherwise as [`spawn`].
///
/// ```
/// use seq_runtime::{spawn_async, Channel};
/// let (ch, out) = (Channel::new(), Channel::new());
/// let (rx, tx) = (ch.clone(), out.clone());
/// spawn_async(async move {
///     let (n, _) = rx.receive_async().await;
///     tx.send_async(n + 1).await;
/// });
/// ch.send(41);
/// assert_eq!(out.receive(), (42, true));
/// ```
pub fn spawn_async<F: Future<Output = ()> + Send + 'static>(f: F) -> i64 {
    // With the `tracing` feature and a subscriber that wants strand spans, the strand
    // gets its span first (see `trace`).
    #[cfg(feature = "tracing")]
    if trace::wanted() {
        return trace::spawn(f);
    }
    let rt = Runtime::get();
    let make = |id, f| -> queues::Strand { Task::new(id, f) };
    match rt.queues.spawn_here(f, make) {
        Ok((id, queued)) => {
            rt.spread(queued);
            id
        }
        Err(f) => {
            note_caller();
            let id = rt.queues.fresh_id();
            rt.push_outside(Task::new(id, f));
            id
        }
    }
}

/// Lets other strands run. In a strand: if a strand is pending, a carrier is made
/// available for it, and this strand continues after the other runnable carriers had a
/// turn. On a plain thread: `std::thread::yield_now`.
pub fn yield_now() {
    if !queues::in_carrier() {
        if coroutine::is_coroutine() {
            coroutine::yield_now();
        } else {
            std::thread::yield_now();
        }
        return;
    }
    let paused = trace::block(trace::Wait::Yield);
    let rt = Runtime::get();
    let mark = rt.block_begin(true);
    worker_turn();
    rt.block_end(mark, false);
    trace::unblock(paused);
}

/// How often, at most, a worker's turn goes through May's global queue (see
/// [`worker_turn`]): often enough that a carrier woken from outside waits no longer than
/// this behind strands that never block, rarely enough to cost nothing measurable.
const GLOBAL_TURN_MS: u64 = 10;

/// Gives the other coroutines of this worker a turn (May's yield). Once every
/// [`GLOBAL_TURN_MS`] per worker the turn instead is a short sleep, so that
/// the worker's run queue empties and the worker takes what waits in its global queue:
/// a carrier woken from outside the workers (by a plain thread's send, say) waits there,
/// and May looks there only when the run queue is empty, which it never is while a
/// carrier that keeps yielding re-queues itself. (Without this, two strands that send
/// without ever blocking kept both workers, and a receiver a plain thread had woken
/// never ran.)
pub(crate) fn worker_turn() {
    use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
    use std::sync::OnceLock;
    use std::time::Instant;
    /// Per worker (by index, modulo the table), when its last global turn was, in
    /// milliseconds since `START`.
    static LAST: [AtomicU64; 64] = [const { AtomicU64::new(0) }; 64];
    static START: OnceLock<Instant> = OnceLock::new();
    let now = START.get_or_init(Instant::now).elapsed().as_millis() as u64;
    let last = &LAST[queues::worker_here() % LAST.len()];
    let due = now.saturating_sub(last.load(Relaxed)) >= GLOBAL_TURN_MS;
    if due {
        last.store(now, Relaxed);
        sleep_on_worker(Duration::from_micros(1));
    } else {
        coroutine::yield_now();
    }
}

/// A sleep for a carrier that ends back on a worker (see [`timer::sleep_coroutine`]).
fn sleep_on_worker(dur: Duration) {
    timer::sleep_coroutine(dur);
}

/// `time.sleep-ms`: blocks the calling strand (not its worker) for `ms` milliseconds;
/// on a plain thread, sleeps the thread. Zero or negative durations just yield.
pub fn sleep_ms(ms: i64) {
    if ms <= 0 {
        return yield_now();
    }
    let dur = Duration::from_millis(ms as u64);
    if !queues::in_carrier() {
        if coroutine::is_coroutine() {
            coroutine::sleep(dur);
        } else {
            std::thread::sleep(dur);
        }
        return;
    }
    let paused = trace::block(trace::Wait::Sleep);
    let rt = Runtime::get();
    let mark = rt.block_begin(true);
    sleep_on_worker(dur);
    rt.block_end(mark, false);
    trace::unblock(paused);
}

/// Starts a coroutine of the runtime's own (not a strand, not a carrier) on May's
/// workers, after the runtime's configuration: the network poller. `f` must reach
/// thread-locals only through non-inlined accessors, as carriers do.
#[cfg(feature = "net")]
pub(crate) fn spawn_system_coroutine(
    name: &str,
    f: impl FnOnce() + Send + 'static,
) -> std::io::Result<()> {
    let _ = Runtime::get();
    let builder = may::coroutine::Builder::new().name(name.to_string());
    // SAFETY: as for carriers: no thread-local is held across a switch, and the stack
    // size is the one configured for May's pool.
    unsafe { builder.spawn(f) }.map(drop)
}

/// Gives the other runnable May coroutines on this worker one turn, if the caller is a
/// strand and no strand is pending here (a pending strand needs rule B, not a spin).
/// Returns false, without yielding, otherwise. The carrier stays counted active: it is
/// runnable throughout.
pub(crate) fn spin_yield() -> bool {
    if !queues::in_carrier() {
        return false;
    }
    let rt = Runtime::get();
    let Some(mark) = rt.queues.leave_for_spin() else {
        return false;
    };
    let paused = trace::step_aside();
    coroutine::yield_now();
    queues::set_in_carrier(mark);
    trace::step_back(paused);
    true
}

/// Registers the caller with the deadlock detector if it is a plain thread (see
/// "Failures" in the module docs); does nothing in a strand.
#[inline]
pub(crate) fn note_caller() {
    if !queues::in_carrier() {
        watch::register_thread();
    }
}

/// A snapshot of the carrier counters (for tests, benchmarks and diagnostics).
pub fn stats() -> Stats {
    Runtime::get().stats()
}

/// True when the caller runs a strand (on a carrier, or in a weave that a strand
/// resumes), false on a plain thread.
pub(crate) fn on_strand() -> bool {
    queues::in_carrier()
}

/// Who is waiting, and how to wake them: a strand blocking its carrier, some other May
/// coroutine, a plain thread, or a future (a strand's, counted by the deadlock detector,
/// or another executor's, not counted).
pub(crate) enum Parker {
    Carrier(Coroutine),
    Coroutine(Coroutine),
    Thread(std::thread::Thread),
    /// A future polled by a strand: the strand waits without its carrier.
    Task(Waker),
    /// A future polled by anything else.
    Future(Waker),
}

impl Parker {
    /// The parker for a blocking caller.
    pub(crate) fn current() -> Parker {
        if queues::in_carrier() {
            Parker::Carrier(coroutine::current())
        } else if coroutine::is_coroutine() {
            Parker::Coroutine(coroutine::current())
        } else {
            Parker::Thread(std::thread::current())
        }
    }

    /// The parker for a future about to return `Pending` with `waker`. Polled by a strand,
    /// the strand is counted as blocked (undone by [`Parker::count`] when it is woken, or
    /// by [`Parker::withdrawn`]).
    pub(crate) fn for_future(waker: &Waker) -> Parker {
        match queues::strand_waits_here() {
            Some(slot) => {
                watch::task_wait_begins(slot);
                Parker::Task(waker.clone())
            }
            None => {
                note_caller();
                Parker::Future(waker.clone())
            }
        }
    }

    /// Makes a future's parker wake `waker` from now on (a future polled again).
    pub(crate) fn refresh(&mut self, waker: &Waker) {
        if let Parker::Task(w) | Parker::Future(w) = self {
            if !w.will_wake(waker) {
                *w = waker.clone();
            }
        }
    }

    /// Undoes the count of a future's wait that was withdrawn (the future was dropped).
    pub(crate) fn withdrawn(self) {
        if let Parker::Task(_) = self {
            watch::task_wait_ends();
        }
    }

    /// Blocks the caller (which must be the one `current` described) until `ready`
    /// returns true. Someone must call [`Parker::count`], make `ready` true, then call
    /// [`Parker::unpark`]. A plain thread's wait can instead end with a deadlock verdict
    /// (see "Failures" in the module docs); the thread is then counted awake again.
    pub(crate) fn wait(&self, ready: impl Fn() -> bool) -> Result<(), Deadlock> {
        match self {
            Parker::Carrier(_) => {
                let rt = Runtime::get();
                let mark = rt.block_begin(false);
                while !ready() {
                    coroutine::park();
                }
                rt.block_end(mark, true);
                Ok(())
            }
            Parker::Coroutine(_) => {
                watch::note_foreign();
                while !ready() {
                    coroutine::park();
                }
                Ok(())
            }
            Parker::Thread(_) => watch::wait_thread(ready),
            Parker::Task(_) | Parker::Future(_) => {
                unreachable!("a future waits by returning Pending")
            }
        }
    }

    /// Waits for `ready` without any accounting: for a thread whose wait was failed by a
    /// verdict that a sender overtook (see `watch`).
    pub(crate) fn wait_overtaken(&self, ready: impl Fn() -> bool) {
        while !ready() {
            std::thread::park();
        }
        watch::verdict_overtaken();
    }

    /// Counts the waiter awake again (rule W): call before making its `ready` true, so
    /// that the waiter is counted before it can run. A strand's future leaves the blocked
    /// count; the wake-up then queues it, which rule S covers.
    pub(crate) fn count(&self) {
        match self {
            Parker::Carrier(_) => {
                watch::add(watch::delta::WAKE);
            }
            Parker::Coroutine(_) | Parker::Future(_) => {}
            Parker::Thread(_) => {
                watch::add(watch::AWAKE);
            }
            Parker::Task(_) => watch::task_wait_ends(),
        }
    }

    /// Wakes the waiter; call exactly once per wait, after making `ready` true.
    pub(crate) fn unpark(self) {
        match self {
            Parker::Carrier(co) => {
                if let Err(co) = queues::defer_unpark(co) {
                    co.unpark();
                }
            }
            Parker::Coroutine(co) => co.unpark(),
            Parker::Thread(t) => t.unpark(),
            // By value: a strand's waker hands its reference to the queue.
            Parker::Task(w) | Parker::Future(w) => w.wake(),
        }
    }
}
