//! Carriers: the May coroutines that run strands, and the bookkeeping that decides when
//! one is started, parked or ended. The rules are stated in the [`super`] module docs;
//! each function here names the rule it implements.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::*};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use may::coroutine::{self, Coroutine};

use super::queues::{self, Queues, Strand};
use crate::config;

/// Idle carriers kept parked for reuse, per worker; a carrier that would be parked beyond
/// this ends instead (its stack goes back to May's pool or is unmapped).
const IDLE_PER_WORKER: usize = 64;
/// How long an idle May worker sleeps before it looks for work to steal on its own.
const IDLE_POLL_NS: u64 = 1_000_000_000;
/// Stacks May keeps for reuse, per worker (May allocates them when it starts).
const MAY_POOL_PER_WORKER: usize = 16;

/// The strand scheduler: queues, the `active` word, the idle carriers.
pub(crate) struct Runtime {
    pub(crate) queues: Queues,
    /// Number of worker threads (`W` in the module docs).
    pub(crate) workers: usize,
    /// Carriers that are running, runnable, or searching for a strand: the one word
    /// every state change goes through (see the protocol in the module docs).
    active: AtomicUsize,
    /// Carriers that exist (active, blocked with their strand, or idle).
    carriers: AtomicUsize,
    max_carriers: usize,
    idle: Mutex<Vec<Arc<IdleSlot>>>,
    idle_cap: usize,
    limit_reported: AtomicBool,
    /// Carriers ever created, and the most that existed at once (for diagnostics).
    created: AtomicUsize,
    peak: AtomicUsize,
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
}

impl Runtime {
    /// The runtime, started on first use with [`config::current`].
    #[inline]
    pub(crate) fn get() -> &'static Runtime {
        RUNTIME.get_or_init(Runtime::start)
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
            active: AtomicUsize::new(0),
            carriers: AtomicUsize::new(0),
            max_carriers: cfg.get_max_carriers(),
            idle: Mutex::new(Vec::new()),
            idle_cap: IDLE_PER_WORKER * workers,
            limit_reported: AtomicBool::new(false),
            created: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    pub(crate) fn stats(&self) -> Stats {
        Stats {
            carriers: self.carriers.load(Relaxed),
            peak_carriers: self.peak.load(Relaxed),
            created_carriers: self.created.load(Relaxed),
            active: self.active.load(Relaxed),
            idle: self
                .idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .len(),
        }
    }

    /// Rule S (spawn from outside a carrier): push to the injector, then read `active`
    /// with a read-modify-write; start a carrier if fewer than `W` are active.
    pub(crate) fn spawn_outside(&'static self, strand: Strand) -> i64 {
        let id = self.queues.global_id();
        self.queues.push_global(strand);
        let n = self.active.fetch_add(0, SeqCst);
        if n < self.workers {
            self.start_carrier();
        }
        id
    }

    /// Rule B (a carrier's strand is about to park): leave the active count; if that
    /// leaves fewer than `W` active carriers and a strand is pending, start one.
    pub(crate) fn block_begin(&'static self) {
        queues::leave_carrier();
        let n = self.active.fetch_sub(1, SeqCst) - 1;
        if n < self.workers && self.queues.any_pending() {
            self.start_carrier();
        }
    }

    /// Rule W (the strand woke up): `counted` says whether the waker already counted this
    /// carrier active again (channel wake-ups do; timers and yields do not).
    pub(crate) fn block_end(&'static self, counted: bool) {
        if !counted {
            self.active.fetch_add(1, SeqCst);
        }
        queues::set_in_carrier(true);
    }

    /// Counts a parked carrier as active on behalf of its waker (rule W).
    pub(crate) fn count_woken(&self) {
        self.active.fetch_add(1, SeqCst);
    }

    /// Counts one more active carrier and makes one run: an idle one if any, else a new
    /// one unless the carrier limit is reached.
    fn start_carrier(&'static self) {
        self.active.fetch_add(1, SeqCst);
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        if let Some(slot) = idle {
            slot.woken.store(true, Release);
            slot.co.unpark();
            return;
        }
        let n = self.carriers.fetch_add(1, SeqCst) + 1;
        if n > self.max_carriers || !self.new_carrier() {
            self.carriers.fetch_sub(1, SeqCst);
            self.active.fetch_sub(1, SeqCst);
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
    fn new_carrier(&'static self) -> bool {
        let local = coroutine::is_coroutine();
        let made = catch_unwind(AssertUnwindSafe(|| {
            let builder = coroutine::Builder::new();
            // SAFETY: the carrier reaches thread-locals only through the
            // non-inlined accessors in `queues` (May's TLS caveat), and its stack size
            // is the one configured for May's pool.
            unsafe {
                if local {
                    builder.spawn_local(move || carrier_main(self, true))
                } else {
                    builder.spawn(move || carrier_main(self, false))
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

    /// Rule R (a carrier finished a strand): if more than `W` carriers are active and this
    /// thread's deque is empty, this one leaves the active count and retires. The
    /// compare-exchange never takes the count below `W`.
    fn try_retire(&self) -> bool {
        let n = self.active.load(Relaxed);
        n > self.workers
            && !self.queues.any_pending()
            && self
                .active
                .compare_exchange(n, n - 1, SeqCst, Relaxed)
                .is_ok()
    }

    /// Parks the calling carrier in the idle list until `start_carrier` picks it (which
    /// counts it active first). Returns false, without parking, if the list is full.
    fn park_idle(&self, slot: &Arc<IdleSlot>) -> bool {
        slot.woken.store(false, Relaxed);
        {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            if idle.len() >= self.idle_cap {
                return false;
            }
            idle.push(slot.clone());
        }
        while !slot.woken.load(Acquire) {
            coroutine::park();
        }
        true
    }
}

/// The body of every carrier. It starts counted active (by `start_carrier`).
fn carrier_main(rt: &'static Runtime, queued_by_yield: bool) {
    if queued_by_yield {
        // Created by `spawn_local`: return to the creator now; May queues us on this
        // worker and we continue when the creator parks.
        coroutine::yield_now();
    }
    let slot = Arc::new(IdleSlot {
        co: coroutine::current(),
        woken: AtomicBool::new(false),
    });
    loop {
        queues::set_in_carrier(true);
        let mut retired = false;
        while let Some(strand) = rt.queues.find() {
            run(strand);
            if rt.try_retire() {
                retired = true;
                break;
            }
        }
        queues::leave_carrier();
        if !retired {
            // Rule I (nothing found): leave the active count, then look once more. A
            // strand pushed before any later change of `active` is seen here.
            rt.active.fetch_sub(1, SeqCst);
            if rt.queues.any_pending() {
                rt.active.fetch_add(1, SeqCst);
                continue;
            }
        }
        if !rt.park_idle(&slot) {
            rt.carriers.fetch_sub(1, SeqCst);
            return;
        }
    }
}

/// Runs one strand to its end. A panic ends the strand, not the carrier: the panic hook
/// has already reported it.
fn run(strand: Strand) {
    let _ = catch_unwind(AssertUnwindSafe(strand));
}
