//! Weaves (reference 3.14): generators that trade values with whoever resumes them.
//!
//! `strand.resume` sends a value in and runs the weave's body until it yields a value
//! back (`yield`, through the [`Ctx`] the body was given) or finishes.
//! `strand.weave-cancel`, or dropping the last handle of an unfinished weave, drops the
//! body where it stopped: nothing leaks and nothing waits.
//!
//! A weave's body is one of two kinds:
//!
//! * **A future** ([`Weave::new_async`]; `seq!` makes one of every body whose yields and
//!   waits it can await): it keeps only its live values between resumes, no stack. A
//!   `yield` stores the value and returns `Pending` to `resume`, which hands the value
//!   out; the next resume stores what it sends in and polls the body on. The body may
//!   also wait (a channel receive, a sleep): then [`Weave::resume_async`] waits without
//!   blocking (in a strand: without a stack), and the blocking [`Weave::resume`] blocks
//!   its caller, until the body yields or finishes. See `stackless`.
//! * **A closure on a coroutine of its own** ([`Weave::new`], the `generator` crate May's
//!   coroutines are built on), for bodies that yield where no `.await` can reach (from a
//!   quotation value). It runs only inside `resume`, on the resumer's thread, so it must
//!   not block on a channel.
//!
//! Invariants: handles are shared (`dup`); resumes of one weave are serialized (a second
//! resume waits for the first to end); the body runs only inside a resume.

mod stackless;

use generator::{Generator, Gn};
use std::cell::Cell;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use stackless::{Exchange, Stackless};
pub use stackless::{Resuming, Yielding};

/// Stack of a weave's coroutine, in words.
const STACK_WORDS: usize = 0x4000;

thread_local! {
    /// How many weaves this thread is running right now (resumes in progress).
    static RUNNING: Cell<usize> = const { Cell::new(0) };
}

/// A weave's handle: it yields `Y`s and is resumed with `R`s (`Weave<T>` both `T`).
pub struct Weave<Y: Send + 'static, R: Send + 'static = Y>(Arc<Mutex<Body<Y, R>>>);

/// What a weave runs.
enum Body<Y: Send + 'static, R: Send + 'static> {
    Stack(Generator<'static, R, Y>),
    Future(Stackless<Y, R>),
}

impl<Y: Send + 'static, R: Send + 'static> Clone for Weave<Y, R> {
    fn clone(&self) -> Self {
        Weave(self.0.clone())
    }
}

impl<Y: Send + 'static, R: Send + 'static> Default for Weave<Y, R> {
    /// A weave that is already finished.
    fn default() -> Self {
        Weave(Arc::new(Mutex::new(Body::Future(Stackless::finished()))))
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
/// exists inside the body. (For a body that is a future it points to the weave's
/// exchange of values, which outlives the body.)
pub struct Ctx<Y, R = Y>(*const Exchange<Y, R>);

// SAFETY: the exchange a context points to is reached only by the body the context was
// given to, while a resume (serialized by the weave's lock) polls that body.
unsafe impl<Y: Send, R: Send> Send for Ctx<Y, R> {}
unsafe impl<Y: Send, R: Send> Sync for Ctx<Y, R> {}

impl<Y, R> Clone for Ctx<Y, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Y, R> Copy for Ctx<Y, R> {}

impl<Y: Send + 'static, R: Send + 'static> Ctx<Y, R> {
    /// `yield ( Ctx Y -- Ctx R )` in a body that runs on a coroutine of its own: gives
    /// `value` to the resumer and returns the value the next resume sends in. A cancelled
    /// weave unwinds from here.
    ///
    /// # Panics
    ///
    /// In a body that is a future (it yields with [`Ctx::yield_async`]), and outside a
    /// weave.
    #[allow(deprecated)] // the thread's current generator is this weave's: see the module doc
    pub fn yield_value(self, value: Y) -> R {
        // Outside a weave the thread's current coroutine would be a strand's: refuse.
        assert!(
            RUNNING.with(Cell::get) > 0,
            "yield outside a weave: a quotation that yields must run inside the weave that made it"
        );
        assert!(
            self.0.is_null(),
            "a weave whose body waits without a stack cannot yield from a quotation value"
        );
        generator::yield_::<R, Y>(value).expect("a weave is always resumed with a value")
    }

    /// `yield` in a body that is a future: resolves to the value the next resume sends
    /// in. In a body on a coroutine of its own it yields at once, as
    /// [`yield_value`](Ctx::yield_value) does.
    pub fn yield_async(self, value: Y) -> Yielding<Y, R> {
        Yielding::new(self, value)
    }
}

impl<Y: Send + 'static, R: Send + 'static> Weave<Y, R> {
    /// `strand.weave ( [ Ctx R -- ] -- Weave )`: a suspended weave whose body runs on a
    /// coroutine of its own; the first resume starts `body` with the context and the
    /// value it sends.
    #[allow(deprecated)]
    pub fn new(body: impl FnOnce(Ctx<Y, R>, R) + Send + 'static) -> Weave<Y, R> {
        let generator = Gn::<R>::new_opt(STACK_WORDS, move || {
            if let Some(first) = generator::get_yield::<R>() {
                body(Ctx(std::ptr::null()), first);
            }
            generator::done::<Y>()
        });
        Weave(Arc::new(Mutex::new(Body::Stack(generator))))
    }

    /// `strand.weave` for a body that is a future: the first resume calls `body` with the
    /// context and the value it sends and polls the future it returns; the body yields
    /// with [`Ctx::yield_async`]. It holds no stack between resumes.
    pub fn new_async<F>(body: impl FnOnce(Ctx<Y, R>, R) -> F + Send + 'static) -> Weave<Y, R>
    where
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        Weave(Arc::new(Mutex::new(Body::Future(Stackless::new(body)))))
    }

    fn lock(&self) -> MutexGuard<'_, Body<Y, R>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `strand.resume ( Weave R -- Weave Y Bool )`: sends `value` in; the next yielded
    /// value and true, or `fallback()` and false once the weave has finished. A body that
    /// waits (a future's) blocks the caller until it yields or finishes.
    pub fn resume(&self, value: R, fallback: impl FnOnce() -> Y) -> (Y, bool) {
        {
            let mut body = self.lock();
            if let Body::Stack(generator) = &mut *body {
                return resume_stack(generator, value, fallback);
            }
        }
        crate::strand::block_on(self.resume_async(value, fallback))
    }

    /// `strand.resume` as a future: as [`resume`](Self::resume), waiting without
    /// blocking while a body that is a future waits (a body on a coroutine of its own
    /// runs to its next yield in the first poll).
    pub fn resume_async<F: FnOnce() -> Y>(&self, value: R, fallback: F) -> Resuming<'_, Y, R, F> {
        Resuming::new(self, value, fallback)
    }

    /// `strand.weave-cancel ( Weave -- )`: stops the weave (its body is dropped where it
    /// stopped: a coroutine's unwinds from its pending `yield`); later resumes report
    /// false.
    pub fn cancel(&self) {
        match &mut *self.lock() {
            Body::Stack(generator) => generator.cancel(),
            Body::Future(body) => body.cancel(),
        }
    }
}

/// A resume of a body on a coroutine of its own.
fn resume_stack<Y: Send + 'static, R: Send + 'static>(
    generator: &mut Generator<'static, R, Y>,
    value: R,
    fallback: impl FnOnce() -> Y,
) -> (Y, bool) {
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
