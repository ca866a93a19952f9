//! The timer: one thread that wakes futures sleeping in [`super::sleep_ms_async`] when
//! their time comes. Strands that sleep without a stack and futures of other executors
//! both register an [`Alarm`] here.
//!
//! Alarms wait in a min-heap ordered by deadline (then by registration, so equal
//! deadlines fire in order). The thread sleeps on a condition variable until the earliest
//! deadline, or until an earlier alarm is set. An alarm's state moves once, from
//! `WAITING` to `FIRED` (by the timer) or `CANCELLED` (by its future's drop); whoever
//! moves it does the accounting. A cancelled alarm stays in the heap until its deadline
//! and is then discarded.
//!
//! **Accounting.** A strand sleeping this way counts as awake (`O` in [`super::watch`]):
//! the timer brings it back by itself. The timer wakes the strand first (which queues it,
//! rule S from outside a carrier) and only then takes it out of `O`, both under the
//! delivery lock ([`watch::deliver`]), so a strand is never uncounted while neither awake
//! nor pending, and no deadlock check sees the moment in between.

use std::cmp::Ordering as CmpOrdering;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU8, Ordering::*};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};
use std::task::Waker;
use std::time::Instant;

use super::watch;

const WAITING: u8 = 0;
const FIRED: u8 = 1;
const CANCELLED: u8 = 2;

/// One sleeping future's registration.
pub(crate) struct Alarm {
    state: AtomicU8,
    waker: Mutex<Waker>,
    /// The sleeper is a strand, counted in `O` until the alarm fires or is cancelled.
    counted: bool,
}

impl Alarm {
    /// A new alarm that will wake `waker`; `counted` if the sleeper is a strand (the
    /// caller counted it awake).
    pub(crate) fn new(waker: Waker, counted: bool) -> Arc<Alarm> {
        Arc::new(Alarm {
            state: AtomicU8::new(WAITING),
            waker: Mutex::new(waker),
            counted,
        })
    }

    /// True once the timer fired it.
    pub(crate) fn fired(&self) -> bool {
        self.state.load(Acquire) == FIRED
    }

    /// Makes the alarm wake `waker` (a future polled again).
    pub(crate) fn refresh(&self, waker: &Waker) {
        let mut current = self.waker.lock().unwrap_or_else(PoisonError::into_inner);
        if !current.will_wake(waker) {
            *current = waker.clone();
        }
    }

    /// Cancels the alarm if it has not fired (its future was dropped).
    pub(crate) fn cancel(&self) {
        let cancelled = self
            .state
            .compare_exchange(WAITING, CANCELLED, AcqRel, Acquire)
            .is_ok();
        if cancelled && self.counted && watch::add(watch::delta::SLEEP).asleep() {
            watch::check_inside();
        }
    }

    fn fire(&self) {
        if self
            .state
            .compare_exchange(WAITING, FIRED, AcqRel, Acquire)
            .is_err()
        {
            return;
        }
        let waker = self
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        match self.counted {
            // The timer is not counted: the strand leaves `O` after it is queued, under
            // the delivery lock (see `watch::deliver`).
            true => watch::deliver(|| waker.wake()),
            false => waker.wake(),
        }
    }
}

struct Entry {
    at: Instant,
    order: u64,
    alarm: Arc<Alarm>,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.order) == (other.at, other.order)
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<CmpOrdering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Reversed: the heap's greatest entry is the earliest deadline.
    fn cmp(&self, other: &Self) -> CmpOrdering {
        (other.at, other.order).cmp(&(self.at, self.order))
    }
}

struct Timer {
    heap: Mutex<(BinaryHeap<Entry>, u64)>,
    changed: Condvar,
}

static TIMER: OnceLock<Timer> = OnceLock::new();

fn timer() -> &'static Timer {
    TIMER.get_or_init(|| {
        std::thread::Builder::new()
            .name("seq-timer".into())
            .spawn(run)
            .expect("the timer thread starts");
        Timer {
            heap: Mutex::new((BinaryHeap::new(), 0)),
            changed: Condvar::new(),
        }
    })
}

/// Fires `alarm` at `at`.
pub(crate) fn set(at: Instant, alarm: Arc<Alarm>) {
    let timer = timer();
    let mut guard = timer.heap.lock().unwrap_or_else(PoisonError::into_inner);
    let (heap, order) = &mut *guard;
    let earliest = heap.peek().is_none_or(|e| at < e.at);
    *order += 1;
    heap.push(Entry {
        at,
        order: *order,
        alarm,
    });
    drop(guard);
    if earliest {
        timer.changed.notify_one();
    }
}

/// Sleeps the calling May coroutine (a carrier) for `dur`: it parks, and this timer's
/// thread unparks it when the time comes. An unpark from a thread that is not a worker
/// queues the coroutine on a worker's global queue, so it resumes on a worker, never
/// elsewhere. (May's own `coroutine::sleep` resumes a sleeper on May's timer thread, and
/// a carrier must not run there: a carrier brought back that way, even to yield at once,
/// was found to corrupt the heap now and then under ten thousand connections.)
pub(crate) fn sleep_coroutine(dur: std::time::Duration) {
    /// The sleeper's wake-up: unparks it once the alarm fires.
    struct Unpark {
        co: may::coroutine::Coroutine,
        done: std::sync::atomic::AtomicBool,
    }
    impl std::task::Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.done.store(true, Release);
            self.co.unpark();
        }
    }
    let turn = Arc::new(Unpark {
        co: may::coroutine::current(),
        done: std::sync::atomic::AtomicBool::new(false),
    });
    set(
        Instant::now() + dur,
        Alarm::new(Waker::from(turn.clone()), false),
    );
    // A park may also end early (an unpark meant for an earlier park): only `done` counts.
    while !turn.done.load(Acquire) {
        may::coroutine::park();
    }
}

/// The timer thread: fires what is due, sleeps until the next deadline.
fn run() {
    let timer = timer();
    let mut due = Vec::new();
    loop {
        {
            let mut guard = timer.heap.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                let now = Instant::now();
                match guard.0.peek() {
                    Some(e) if e.at <= now => break,
                    Some(e) => {
                        let wait = e.at - now;
                        guard = timer
                            .changed
                            .wait_timeout(guard, wait)
                            .unwrap_or_else(PoisonError::into_inner)
                            .0;
                    }
                    None => {
                        guard = timer
                            .changed
                            .wait(guard)
                            .unwrap_or_else(PoisonError::into_inner)
                    }
                }
            }
            let now = Instant::now();
            while guard.0.peek().is_some_and(|e| e.at <= now) {
                due.extend(guard.0.pop());
            }
        }
        for entry in due.drain(..) {
            entry.alarm.fire();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::task::Wake;
    use std::time::Duration;

    struct Count(AtomicUsize);
    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, SeqCst);
        }
    }

    #[test]
    fn alarms_fire_in_deadline_order_and_cancelled_ones_do_not() {
        let base = Instant::now() + Duration::from_millis(30);
        let wakes: Vec<Arc<Count>> = (0..3)
            .map(|_| Arc::new(Count(AtomicUsize::new(0))))
            .collect();
        let alarms: Vec<Arc<Alarm>> = wakes
            .iter()
            .map(|c| Alarm::new(Waker::from(c.clone()), false))
            .collect();
        set(base + Duration::from_millis(20), alarms[0].clone());
        set(base, alarms[1].clone());
        set(base + Duration::from_millis(10), alarms[2].clone());
        alarms[2].cancel();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !(alarms[0].fired() && alarms[1].fired()) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert!(alarms[0].fired() && alarms[1].fired());
        assert!(!alarms[2].fired());
        assert_eq!(wakes[0].0.load(SeqCst), 1);
        assert_eq!(wakes[1].0.load(SeqCst), 1);
        assert_eq!(wakes[2].0.load(SeqCst), 0);
        assert!(Instant::now() >= base);
    }
}
