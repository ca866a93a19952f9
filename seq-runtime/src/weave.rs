//! Weaves (reference 3.14): generators that trade values with whoever resumes them.
//!
//! A [`Weave`] runs its body on a coroutine of its own (the `generator` crate, which May's
//! coroutines are built on). `strand.resume` sends a value in and runs the body until it
//! yields a value back (`yield`, through the [`Ctx`] the body was given) or finishes.
//! `strand.weave-cancel`, or dropping the last handle of an unfinished weave, unwinds the
//! body from its pending `yield` and frees its stack: nothing leaks and nothing waits.
//!
//! Invariants: a weave's body runs only inside `resume`, on the resumer's thread, so a
//! body must not block its strand (a channel receive or `time.sleep-ms` inside a weave
//! would suspend the weave's coroutine, not the strand); handles are shared (`dup`) and
//! resumes of one weave are serialized by a lock.

use generator::{Generator, Gn};
use std::cell::Cell;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex};

/// Stack of a weave's coroutine, in words.
const STACK_WORDS: usize = 0x4000;

thread_local! {
    /// How many weaves this thread is running right now (resumes in progress).
    static RUNNING: Cell<usize> = const { Cell::new(0) };
}

/// A weave's handle: it yields `Y`s and is resumed with `R`s (`Weave<T>` both `T`).
pub struct Weave<Y: Send + 'static, R: Send + 'static = Y>(Arc<Mutex<Generator<'static, R, Y>>>);

impl<Y: Send + 'static, R: Send + 'static> Clone for Weave<Y, R> {
    fn clone(&self) -> Self {
        Weave(self.0.clone())
    }
}

impl<Y: Send + 'static, R: Send + 'static> Default for Weave<Y, R> {
    /// A weave that is already finished.
    fn default() -> Self {
        Weave::new(|_, _| {})
    }
}

/// Counts a resume in progress on this thread, until dropped (also by a panic).
struct Running;

impl Running {
    fn enter() -> Running {
        RUNNING.with(|r| r.set(r.get() + 1));
        Running
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.with(|r| r.set(r.get() - 1));
    }
}

/// The context a weave's body yields `Y`s through and is resumed with `R`s. It only
/// exists inside the body.
pub struct Ctx<Y, R = Y>(PhantomData<fn(Y) -> R>);

impl<Y, R> Clone for Ctx<Y, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Y, R> Copy for Ctx<Y, R> {}

impl<Y: Send + 'static, R: Send + 'static> Ctx<Y, R> {
    /// `yield ( Ctx Y -- Ctx R )`: gives `value` to the resumer and returns the value the
    /// next resume sends in. A cancelled weave unwinds from here.
    #[allow(deprecated)] // the thread's current generator is this weave's: see the module doc
    pub fn yield_value(self, value: Y) -> R {
        // Outside a weave the thread's current coroutine would be a strand's: refuse.
        assert!(
            RUNNING.with(Cell::get) > 0,
            "yield outside a weave: a quotation that yields must run inside the weave that made it"
        );
        generator::yield_::<R, Y>(value).expect("a weave is always resumed with a value")
    }
}

impl<Y: Send + 'static, R: Send + 'static> Weave<Y, R> {
    /// `strand.weave ( [ Ctx R -- ] -- Weave )`: a suspended weave; the first resume
    /// starts `body` with the context and the value it sends.
    #[allow(deprecated)]
    pub fn new(body: impl FnOnce(Ctx<Y, R>, R) + Send + 'static) -> Weave<Y, R> {
        let generator = Gn::<R>::new_opt(STACK_WORDS, move || {
            if let Some(first) = generator::get_yield::<R>() {
                body(Ctx(PhantomData), first);
            }
            generator::done::<Y>()
        });
        Weave(Arc::new(Mutex::new(generator)))
    }

    /// `strand.resume ( Weave R -- Weave Y Bool )`: sends `value` in; the next yielded
    /// value and true, or `fallback()` and false once the weave has finished.
    pub fn resume(&self, value: R, fallback: impl FnOnce() -> Y) -> (Y, bool) {
        let mut generator = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if generator.is_done() {
            return (fallback(), false);
        }
        let sent = {
            let _running = Running::enter();
            generator.raw_send(Some(value))
        };
        match sent {
            Some(yielded) => (yielded, true),
            None => (fallback(), false),
        }
    }

    /// `strand.weave-cancel ( Weave -- )`: stops the weave (its body unwinds from its
    /// pending `yield`); later resumes report false.
    pub fn cancel(&self) {
        let mut generator = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        generator.cancel();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn counter() -> Weave<i64> {
        Weave::new(|ctx, mut step| {
            let mut total = 0;
            for _ in 0..3 {
                total += step;
                step = ctx.yield_value(total);
            }
        })
    }

    #[test]
    fn values_go_in_and_out_until_the_body_ends() {
        let w = counter();
        assert_eq!(w.resume(1, || 0), (1, true));
        assert_eq!(w.resume(10, || 0), (11, true));
        assert_eq!(w.resume(100, || 0), (111, true));
        assert_eq!(w.resume(5, || -1), (-1, false), "finished");
        assert_eq!(w.resume(5, || -1), (-1, false));
    }

    struct Guard(Arc<AtomicUsize>);
    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn cancelled_and_dropped_weaves_unwind_their_bodies() {
        let dropped = Arc::new(AtomicUsize::new(0));
        for cancel in [true, false] {
            let seen = dropped.clone();
            let w = Weave::new(move |ctx, v: i64| {
                let _guard = Guard(seen);
                let mut v = v;
                loop {
                    v = ctx.yield_value(v + 1);
                }
            });
            assert_eq!(w.resume(1, || 0), (2, true));
            if cancel {
                w.cancel();
                assert_eq!(w.resume(1, || 0), (0, false));
            }
            drop(w);
        }
        assert_eq!(dropped.load(Ordering::SeqCst), 2, "both bodies unwound");
    }

    #[test]
    fn yielded_and_resumed_values_may_differ_in_type() {
        let w: Weave<String, i64> = Weave::new(|ctx, mut n: i64| loop {
            n = ctx.yield_value(n.to_string());
        });
        assert_eq!(w.resume(7, String::new), ("7".to_string(), true));
        assert_eq!(w.resume(42, String::new), ("42".to_string(), true));
    }

    #[test]
    fn weaves_move_between_threads() {
        let w = counter();
        assert_eq!(w.resume(1, || 0), (1, true));
        let moved = w.clone();
        let got = std::thread::spawn(move || moved.resume(2, || 0))
            .join()
            .unwrap();
        assert_eq!(got, (3, true));
        assert_eq!(w.resume(3, || 0), (6, true));
    }
}
