//! Carriers: the May coroutines that run strands, and the bookkeeping that decides when
//! one is started, parked or ended. The rules are stated in the [`super`] module docs;
//! each function here names the rule it implements.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::*};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use may::coroutine::{self, Coroutine};

use super::overflow;
use super::panics;
use super::queues::{self, Queues, Strand, SEARCHING};
use super::task::Polled;
use super::watch::{self, delta, ACTIVE};
use crate::config;

/// A carrier takes a strand from the injector before its own deque once every this many
/// strands, so that strands woken from outside or yielding are not starved.
const INJECTOR_EVERY: u32 = 61;
/// A carrier that keeps finding strands lets the other May coroutines of its worker run
/// once every this many polls.
const YIELD_EVERY: u32 = 64;

/// Idle carriers kept parked for reuse, per worker; a carrier that would be parked beyond
/// this ends instead (its stack goes back to May's pool or is unmapped).
const IDLE_PER_WORKER: usize = 16;
/// How long an idle May worker sleeps before it looks for work to steal on its own.
const IDLE_POLL_NS: u64 = 1_000_000_000;
/// Stacks May keeps for reuse, per worker (May allocates them when it starts).
const MAY_POOL_PER_WORKER: usize = 16;

/// The strand scheduler: queues, the idle carriers. The `active` count of the protocol
/// is the `A` field of the word in [`watch`].
pub(crate) struct Runtime {
    pub(crate) queues: Queues,
    /// Number of worker threads (`W` in the module docs).
    pub(crate) workers: usize,
    /// Carriers that exist (active, blocked with their strand, or idle).
    carriers: AtomicUsize,
    max_carriers: usize,
    idle: Mutex<IdleList>,
    idle_cap: usize,
    limit_reported: AtomicBool,
    /// Turns through the workers for new carriers.
    next_worker: AtomicUsize,
    /// Carriers ever created, and the most that existed at once (for diagnostics).
    created: AtomicUsize,
    peak: AtomicUsize,
}

/// Carriers parked for reuse, and the hand-offs to carriers on their way there.
///
/// A carrier that found no strand (rule I) leaves the active count before it parks. A
/// start that comes in between finds no parked carrier, yet one is about to be: rather
/// than create another coroutine (a stack that then sits idle), it leaves a hand-off,
/// and the first carrier going idle takes it and carries on searching, already counted
/// active by the start. `going_idle` counts the carriers between leaving the count and
/// parking (or searching again); both it and `handoffs` change only under the list's
/// lock, so a hand-off is left only when some carrier will see it.
#[derive(Default)]
struct IdleList {
    parked: Vec<Arc<IdleSlot>>,
    going_idle: usize,
    handoffs: usize,
}

/// A carrier's handle while it is parked in the idle list.
struct IdleSlot {
    co: Coroutine,
    woken: AtomicBool,
}

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// Counters for diagnostics and tests: see [`crate::strand::stats`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Carriers in existence now (running, blocked with a strand, or idle).
    pub carriers: usize,
    /// The most carriers that existed at once.
    pub peak_carriers: usize,
    /// Carriers created since the runtime started.
    pub created_carriers: usize,
    /// Carriers counted active (running, runnable or searching) now.
    pub active: usize,
    /// Carriers parked in the idle list now.
    pub idle: usize,
    /// Strands blocked in a channel receive now.
    pub blocked: usize,
    /// Other agents awake now: strands in `sleep_ms` or `yield_now`, registered plain
    /// threads not blocked in a receive, live `ExternalWaker`s.
    pub awake_outside: usize,
}

impl Runtime {
    /// The runtime, started on first use with [`config::current`].
    #[inline]
    pub(crate) fn get() -> &'static Runtime {
        RUNTIME.get_or_init(Runtime::start)
    }

    /// The runtime if it started (if a strand was ever spawned).
    pub(crate) fn try_get() -> Option<&'static Runtime> {
        RUNTIME.get()
    }

    #[cold]
    fn start() -> Runtime {
        let cfg = config::current();
        let workers = cfg.get_workers();
        may::config()
            .set_workers(workers)
            .set_stack_size(cfg.get_stack_size() / std::mem::size_of::<usize>())
            .set_pool_capacity(MAY_POOL_PER_WORKER * workers)
            .set_timeout_ns(IDLE_POLL_NS);
        Runtime {
            queues: Queues::new(workers + 8),
            workers,
            carriers: AtomicUsize::new(0),
            max_carriers: cfg.get_max_carriers(),
            idle: Mutex::new(IdleList::default()),
            idle_cap: IDLE_PER_WORKER * workers,
            limit_reported: AtomicBool::new(false),
            next_worker: AtomicUsize::new(0),
            created: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    pub(crate) fn stats(&self) -> Stats {
        let word = watch::peek();
        Stats {
            carriers: self.carriers.load(Relaxed),
            peak_carriers: self.peak.load(Relaxed),
            created_carriers: self.created.load(Relaxed),
            active: word.active(),
            blocked: word.blocked() + watch::tasks_waiting(),
            awake_outside: word.awake(),
            idle: self.idle().parked.len(),
        }
    }

    /// Rule S for a strand woken from its wait: inside a carrier, held or pushed onto
    /// this worker's deque (see `Queues::push_woken`); from outside, as any push from
    /// outside ([`Runtime::push_outside`]).
    pub(crate) fn wake(&'static self, strand: Strand) {
        if let Err(strand) = self.queues.push_woken(strand) {
            self.push_outside(strand);
        }
    }

    /// Rule S from outside a carrier (a spawn inside one is `Queues::spawn_here`): push
    /// to the injector, then read `active` with a read-modify-write; start a carrier if
    /// fewer than `W` are active.
    pub(crate) fn push_outside(&'static self, strand: Strand) {
        self.queues.push_global(strand);
        if watch::read().active() < self.workers {
            self.start_carrier();
        }
    }

    /// A strand woken while it ran (it yielded, or a wake-up raced its poll) goes onto
    /// the injector, behind what this worker has queued; rule S as for any push.
    pub(crate) fn reschedule(&'static self, strand: Strand) {
        if queues::in_carrier() {
            self.queues.push_global(strand);
        } else {
            self.push_outside(strand);
        }
    }

    /// Rule B (a carrier's strand is about to park): leave the active count (into the
    /// blocked count, or, for a sleep or yield (`nap`), into the other-awake count); if
    /// that leaves fewer than `W` active carriers and a strand is pending, start one. A
    /// receive that leaves nothing awake checks for a deadlock. Returns the carrier's
    /// mark for [`Runtime::block_end`].
    pub(crate) fn block_begin(&'static self, nap: bool) -> i64 {
        let mark = queues::leave_carrier(&self.queues);
        let word = watch::add(if nap { delta::NAP } else { delta::BLOCK });
        if word.active() < self.workers && self.queues.any_pending() {
            self.start_carrier();
        } else if word.asleep() {
            watch::check_inside();
        }
        mark
    }

    /// Rule W (the strand woke up): `counted` says whether the waker already counted this
    /// carrier active again (channel wake-ups do; timers and yields do not).
    pub(crate) fn block_end(&'static self, mark: i64, counted: bool) {
        if !counted {
            watch::add(delta::UNNAP);
        }
        queues::set_in_carrier(mark);
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, IdleList> {
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts one more active carrier and makes one run: an idle one if any, else one on
    /// its way to idle (a hand-off); else, unless more than `W` are active by now (then
    /// the start is withdrawn), a new one, unless the carrier limit is reached.
    fn start_carrier(&'static self) {
        self.start_carrier_on(None);
    }

    /// Rule S inside, for parallelism: after a strand spawned here, if fewer than `W`
    /// carriers are active and this worker's deque holds more than the one strand it will
    /// run next, starts a carrier on another worker to steal from it. (Without this, a
    /// program whose strands never block would run on one worker: every other rule
    /// starts carriers only for strands pushed from outside or blocked carriers.)
    pub(crate) fn spread(&'static self, queued: usize) {
        if self.workers > 1 && queued >= 2 && watch::peek().active() < self.workers {
            let here = queues::worker_here();
            let step = 1 + self.next_worker.fetch_add(1, Relaxed) % (self.workers - 1);
            let there = match here {
                usize::MAX => step % self.workers,
                here => (here + step) % self.workers,
            };
            self.start_carrier_on(Some(there));
        }
    }

    /// As [`Runtime::start_carrier`]; with `Some(worker)`, parked carriers are not
    /// reused (unparked from a worker, May would queue one on that same worker) and a new
    /// carrier is created on `worker`.
    fn start_carrier_on(&'static self, worker: Option<usize>) {
        watch::add(ACTIVE);
        let idle = {
            let mut list = self.idle();
            let slot = match worker {
                None => list.parked.pop(),
                Some(_) => None,
            };
            if slot.is_none() && list.going_idle > list.handoffs {
                list.handoffs += 1;
                return;
            }
            if slot.is_none() && watch::read().active() > self.workers {
                // Others became active since this start was decided (a carrier that
                // was on its way to idle found work): `W` of them will look at the
                // queues before they leave the count. This start is not needed.
                watch::add(delta::IDLE);
                return;
            }
            slot
        };
        if let Some(slot) = idle {
            slot.woken.store(true, Release);
            slot.co.unpark();
            return;
        }
        let n = self.carriers.fetch_add(1, SeqCst) + 1;
        if n > self.max_carriers || !self.new_carrier(worker) {
            self.carriers.fetch_sub(1, SeqCst);
            watch::add(delta::IDLE);
            self.report_limit(n);
            return;
        }
        self.created.fetch_add(1, Relaxed);
        self.peak.fetch_max(n, Relaxed);
    }

    /// Creates a carrier coroutine. Inside a coroutine it is created with May's
    /// `spawn_local` and immediately yields, which queues it on this worker without
    /// writing to the worker's wake-up eventfd (a plain May `spawn` always does, waking
    /// a sleeping worker thread). Returns false if May could not create it.
    fn new_carrier(&'static self, worker: Option<usize>) -> bool {
        let here = coroutine::is_coroutine() && worker.is_none();
        let worker = match (here, worker) {
            (true, _) => queues::worker_here(),
            (false, Some(worker)) => worker,
            (false, None) => self.next_worker.fetch_add(1, Relaxed) % self.workers,
        };
        let made = catch_unwind(AssertUnwindSafe(|| {
            let builder = coroutine::Builder::new();
            // SAFETY: the carrier reaches thread-locals only through the
            // non-inlined accessors in `queues` (May's TLS caveat), and its stack size
            // is the one configured for May's pool.
            unsafe {
                if here {
                    builder.spawn_local(move || carrier_main(self, worker, true))
                } else {
                    builder
                        .id(worker)
                        .spawn(move || carrier_main(self, worker, false))
                }
            }
        }));
        matches!(made, Ok(Ok(_)))
    }

    #[cold]
    fn report_limit(&self, n: usize) {
        if !self.limit_reported.swap(true, Relaxed) {
            eprintln!(
                "seq: {} carriers exist (each a blocked strand or a running one), the limit \
                 is {}: pending strands now wait until a blocked strand wakes. \
                 (Each carrier stack is 2 memory maps; raise vm.max_map_count or \
                 SEQ_MAX_CARRIERS to allow more.)",
                n - 1,
                self.max_carriers
            );
        }
    }

    /// Rule R (a carrier finished a strand): if more than `W` carriers are active and no
    /// strand is pending, this one leaves the active count (a compare-exchange, which
    /// never takes the count below `W`) and, under the idle list's lock, enters the idle
    /// list: `Some(true)` (the caller parks), or ends if the list is full (`Some(false)`).
    /// If a start left a hand-off, the carrier takes it instead and carries on, counted
    /// by that start (`None`, as when it does not retire). Doing it under the lock means
    /// no start sees a carrier that left the count yet is not in the list, and creates a
    /// coroutine for nothing.
    fn try_retire(&self, slot: &Arc<IdleSlot>) -> Option<bool> {
        let word = watch::peek();
        if word.active() <= self.workers || self.queues.any_pending() {
            return None;
        }
        let mut list = self.idle();
        if !watch::replace(word, word.one_less_active()) {
            return None;
        }
        if list.handoffs > 0 {
            list.handoffs -= 1;
            return None;
        }
        if list.parked.len() >= self.idle_cap {
            return Some(false);
        }
        slot.woken.store(false, Relaxed);
        list.parked.push(slot.clone());
        Some(true)
    }

    /// Rule I, first step: the carrier is on its way to idle; it leaves the active count
    /// next (the caller does that).
    fn going_idle(&self) {
        self.idle().going_idle += 1;
    }

    /// Rule I, a strand was found after all: the carrier searches again, counted active
    /// again by itself, or by the start that left a hand-off.
    fn not_idle_after_all(&self) {
        let handed_off = {
            let mut list = self.idle();
            list.going_idle -= 1;
            let handed_off = list.handoffs > 0;
            if handed_off {
                list.handoffs -= 1;
            }
            handed_off
        };
        if !handed_off {
            watch::add(ACTIVE);
        }
    }

    /// Rule I, last step: parks the calling carrier in the idle list until
    /// `start_carrier` picks it (which counts it active first), unless a start left a
    /// hand-off: then it returns at once, counted active. Returns false, without parking,
    /// if the list is full.
    fn park_idle(&self, slot: &Arc<IdleSlot>) -> bool {
        slot.woken.store(false, Relaxed);
        {
            let mut list = self.idle();
            list.going_idle -= 1;
            if list.handoffs > 0 {
                list.handoffs -= 1;
                return true;
            }
            if list.parked.len() >= self.idle_cap {
                return false;
            }
            list.parked.push(slot.clone());
        }
        wait_woken(slot);
        true
    }
}

/// Parks a carrier that is in the idle list until `start_carrier` picks it.
fn wait_woken(slot: &IdleSlot) {
    while !slot.woken.load(Acquire) {
        coroutine::park();
    }
}

/// The body of every carrier. It starts counted active (by `start_carrier`).
fn carrier_main(rt: &'static Runtime, worker: usize, queued_by_yield: bool) {
    // May's own overflow handler is installed once a coroutine runs; ours goes on top.
    overflow::install();
    queues::set_worker_here(worker);
    if queued_by_yield {
        // Created by `spawn_local`: return to the creator now; May queues us on this
        // worker and we continue when the creator parks.
        coroutine::yield_now();
    }
    let slot = Arc::new(IdleSlot {
        co: coroutine::current(),
        woken: AtomicBool::new(false),
    });
    let mut turn = 0u32;
    loop {
        queues::set_in_carrier(SEARCHING);
        let mut retired = None;
        // The strand to run next without looking at the queues: the first one woken by
        // a strand that then waited (a hand-over, as between two strands passing values).
        let mut next = None;
        loop {
            let Some(strand) = next
                .take()
                .or_else(|| rt.queues.find(turn % INJECTOR_EVERY == INJECTOR_EVERY - 1))
            else {
                break;
            };
            let finished = run(strand);
            turn = turn.wrapping_add(1);
            retired = rt.try_retire(&slot);
            if retired.is_some() {
                break;
            }
            let periodic = turn.is_multiple_of(YIELD_EVERY);
            if queues::ready_waiting() || periodic {
                // Carriers this one's strands woke (their strands blocked this carrier's
                // way, not as tasks) wait on the ready list; they and anything else May
                // has queued on this worker get a turn. This carrier stays counted
                // active: it is runnable throughout. The periodic turn may also let the
                // worker read May's global queue (see `worker_turn`); a hand-over to the
                // ready list stays a plain yield, as it is the fast path of message
                // passing.
                queues::leave_carrier(&rt.queues);
                if periodic {
                    super::worker_turn();
                } else {
                    coroutine::yield_now();
                }
                queues::set_in_carrier(SEARCHING);
            }
            if !finished {
                // It waits: the strands it woke run next, the first at once.
                next = rt.queues.take_held();
            }
        }
        queues::leave_carrier(&rt.queues);
        let parked = match retired {
            Some(true) => {
                wait_woken(&slot);
                true
            }
            Some(false) => false,
            None => {
                // Rule I (nothing found): leave the active count, then look once more. A
                // strand pushed before any later change of `active` is seen here.
                rt.going_idle();
                let word = watch::add(delta::IDLE);
                if rt.queues.any_pending() {
                    rt.not_idle_after_all();
                    continue;
                }
                if word.asleep() {
                    watch::check_inside();
                }
                // Nothing to run: what strands wrote goes out while the program waits.
                crate::io::flush_when_idle();
                rt.park_idle(&slot)
            }
        };
        if !parked {
            rt.carriers.fetch_sub(1, SeqCst);
            // May may have resumed this coroutine from inside the park of the carrier
            // that woke it (a wake-up that came while it was parking runs it at once,
            // nested in May's bookkeeping of that park), and a coroutine that ends
            // there waits forever for that bookkeeping to finish. One yield returns to
            // May's scheduler first.
            coroutine::yield_now();
            return;
        }
    }
}

/// Polls one strand: it runs until it ends (true) or waits without a stack (false). A
/// strand that panics ends as a finished one (see `task`), so the carrier's bookkeeping
/// goes on as after any finished strand; the panic then goes to the panic policy (see
/// "Failures" in [`super`]), which either ends the process or reports it and returns.
fn run(strand: Strand) -> bool {
    let id = strand.id();
    queues::set_in_carrier(id);
    // The catch is for an unwind out of the runtime's own part of the poll; the strand's
    // panics are caught by the task itself, which drops the future first.
    let finished = match catch_unwind(AssertUnwindSafe(|| strand.run())) {
        Ok(Polled::Waits) => false,
        Ok(Polled::Finished) => true,
        Ok(Polled::Panicked(payload)) | Err(payload) => {
            // A blocking wait's bookkeeping (rules B and W) runs no strand code, so the
            // unwind came from where the strand itself ran: this carrier still runs it.
            queues::set_in_carrier(id);
            panics::strand_panicked(id, payload);
            true
        }
    };
    queues::set_in_carrier(SEARCHING);
    finished
}
