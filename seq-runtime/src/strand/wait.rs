//! Waiting as futures: `time.sleep-ms` and `chan.yield` for code that awaits them (the
//! `_async` words `seq!` generates, or any async Rust), and [`block_on`], which runs a
//! future to its end on whoever calls it.
//!
//! Awaited in a strand, these wait without the strand's carrier: [`Sleep`] registers an
//! alarm with the timer thread (the strand counts as awake meanwhile, see
//! [`super::watch`]), [`YieldNow`] wakes its own strand at once, which puts it behind the
//! strands already queued. Awaited elsewhere they behave as any executor expects.

use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::atomic::{AtomicBool, Ordering::*};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use may::coroutine::{self, Coroutine};

use super::carrier::Runtime;
use super::timer::{self, Alarm};
use super::{queues, trace, watch};

/// `time.sleep-ms` as a future: ready `ms` milliseconds after its first poll (a zero or
/// negative duration yields once, as [`yield_now_async`] does).
pub fn sleep_ms_async(ms: i64) -> Sleep {
    Sleep {
        ms,
        alarm: None,
        yielded: false,
    }
}

/// `chan.yield` as a future: returns `Pending` once, waking itself, so that whatever
/// else is runnable runs first.
pub fn yield_now_async() -> YieldNow {
    YieldNow { yielded: false }
}

/// The future of [`sleep_ms_async`].
#[must_use = "a sleep does nothing until it is awaited"]
pub struct Sleep {
    ms: i64,
    alarm: Option<Arc<Alarm>>,
    yielded: bool,
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.ms <= 0 {
            return yield_once(&mut self.yielded, cx);
        }
        match &self.alarm {
            Some(alarm) if alarm.fired() => Poll::Ready(()),
            Some(alarm) => {
                alarm.refresh(cx.waker());
                match alarm.fired() {
                    true => Poll::Ready(()),
                    false => {
                        queues::note_counted_wait();
                        trace::note_wait(trace::Wait::Sleep);
                        Poll::Pending
                    }
                }
            }
            None => {
                let counted = queues::in_carrier();
                if counted {
                    // A strand sleeping without its carrier is awake: the timer brings it
                    // back by itself.
                    watch::add(watch::AWAKE);
                    queues::note_counted_wait();
                }
                let alarm = Alarm::new(cx.waker().clone(), counted);
                let at = Instant::now() + Duration::from_millis(self.ms as u64);
                timer::set(at, alarm.clone());
                self.alarm = Some(alarm);
                trace::note_wait(trace::Wait::Sleep);
                Poll::Pending
            }
        }
    }
}

impl Drop for Sleep {
    fn drop(&mut self) {
        if let Some(alarm) = &self.alarm {
            alarm.cancel();
        }
    }
}

/// The future of [`yield_now_async`].
#[must_use = "a yield does nothing until it is awaited"]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        yield_once(&mut self.yielded, cx)
    }
}

fn yield_once(yielded: &mut bool, cx: &mut Context<'_>) -> Poll<()> {
    if *yielded {
        return Poll::Ready(());
    }
    *yielded = true;
    // In a strand the wake-up below queues it again when its poll ends: nothing to count.
    queues::note_counted_wait();
    trace::note_wait(trace::Wait::Yield);
    cx.waker().wake_by_ref();
    Poll::Pending
}

/// Runs `future` to its end on the caller and returns its output: what the blocking form
/// of an awaitable word does (an `extern async` word called from a word that does not
/// wait, say).
///
/// The caller blocks while the future waits: a strand blocks its carrier (counted as
/// awake for the deadlock detector, since the runtime cannot tell what the future waits
/// for), a plain thread parks. Inside async code, `.await` the future instead.
///
/// ```
/// use seq_runtime::{block_on, sleep_ms_async};
/// let n = block_on(async {
///     sleep_ms_async(1).await;
///     41 + 1
/// });
/// assert_eq!(n, 42);
/// ```
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let signal = Arc::new(Signal {
        woken: AtomicBool::new(false),
        who: Who::current(),
    });
    let waker = Waker::from(signal.clone());
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // What a future of the runtime noted it waits for (a socket, a receive), if any.
        signal.wait(trace::noted(trace::Wait::Future));
    }
}

/// Who [`block_on`] parks.
enum Who {
    Carrier(Coroutine),
    Coroutine(Coroutine),
    Thread(std::thread::Thread),
}

impl Who {
    fn current() -> Who {
        if queues::in_carrier() {
            Who::Carrier(coroutine::current())
        } else if coroutine::is_coroutine() {
            Who::Coroutine(coroutine::current())
        } else {
            Who::Thread(std::thread::current())
        }
    }
}

/// [`block_on`]'s waker: a flag and whom to unpark.
struct Signal {
    woken: AtomicBool,
    who: Who,
}

impl Signal {
    /// Parks the caller until woken (at once if it was woken meanwhile); `kind` is what
    /// it waits for, for the trace.
    fn wait(&self, kind: trace::Wait) {
        if self.woken.swap(false, AcqRel) {
            return;
        }
        match &self.who {
            Who::Carrier(_) => {
                let paused = trace::block(kind);
                let rt = Runtime::get();
                let mark = rt.block_begin(true);
                while !self.woken.swap(false, AcqRel) {
                    coroutine::park();
                }
                rt.block_end(mark, false);
                trace::unblock(paused);
            }
            Who::Coroutine(_) => {
                while !self.woken.swap(false, AcqRel) {
                    coroutine::park();
                }
            }
            Who::Thread(_) => {
                while !self.woken.swap(false, AcqRel) {
                    std::thread::park();
                }
            }
        }
    }
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if self.woken.swap(true, AcqRel) {
            return;
        }
        match &self.who {
            Who::Carrier(co) => {
                if let Err(co) = queues::defer_unpark(co.clone()) {
                    co.unpark();
                }
            }
            Who::Coroutine(co) => co.unpark(),
            Who::Thread(t) => t.unpark(),
        }
    }
}
