//! Weaves whose body is a future: the body keeps its live values between resumes and
//! holds no stack.
//!
//! The weave owns the body's future and an [`Exchange`] of values, boxed so that the
//! body's [`Ctx`] can point to it for as long as the body lives (the future is dropped
//! before the exchange). A resume stores the value it sends in (the first one starts the
//! body instead) and polls the body:
//!
//! * `yield` ([`Yielding`]) stores the yielded value and returns `Pending` without
//!   waking anyone; the resume finds the value and hands it out. The next resume stores
//!   its value and polls again: the pending `yield` takes it and the body goes on.
//! * the body may also return `Pending` because it waits (a channel, a timer): the
//!   resume then waits too, woken through its own waker, and polls again.
//! * `Ready`: the body has finished; this and later resumes return the fallback.
//!
//! Only a resume polls the body, under the weave's lock, and at most one resume is in
//! progress at a time (`in_resume`; another waits for it), so the exchange is reached by
//! one thread at a time.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::{Body, Ctx, Weave};

/// A future body, boxed.
type BodyFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The values a resume and the body's `yield` trade.
pub struct Exchange<Y, R> {
    resumed: Cell<Option<R>>,
    yielded: Cell<Option<Y>>,
}

/// A weave body that is a future.
pub(super) struct Stackless<Y: Send + 'static, R: Send + 'static> {
    /// Dropped before `exchange`, which the body's context points to.
    state: State<Y, R>,
    exchange: Box<Exchange<Y, R>>,
    /// A resume has started and not ended (its body waits).
    in_resume: bool,
}

enum State<Y, R> {
    /// Not started: the body, to call with the context and the first value.
    Start(Box<dyn FnOnce(Ctx<Y, R>, R) -> BodyFuture + Send>),
    Running(BodyFuture),
    Finished,
}

impl<Y: Send + 'static, R: Send + 'static> Stackless<Y, R> {
    pub(super) fn new<F>(body: impl FnOnce(Ctx<Y, R>, R) -> F + Send + 'static) -> Self
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let start: Box<dyn FnOnce(Ctx<Y, R>, R) -> BodyFuture + Send> =
            Box::new(move |ctx, first| Box::pin(body(ctx, first)));
        Stackless {
            state: State::Start(start),
            exchange: Box::new(Exchange {
                resumed: Cell::new(None),
                yielded: Cell::new(None),
            }),
            in_resume: false,
        }
    }

    pub(super) fn finished() -> Self {
        Stackless {
            state: State::Finished,
            exchange: Box::new(Exchange {
                resumed: Cell::new(None),
                yielded: Cell::new(None),
            }),
            in_resume: false,
        }
    }

    pub(super) fn cancel(&mut self) {
        self.state = State::Finished;
        self.exchange.resumed.take();
        self.exchange.yielded.take();
    }

    /// Begins a resume with `value`: starts the body, or hands the value to its pending
    /// `yield`.
    fn send(&mut self, value: R) {
        match std::mem::replace(&mut self.state, State::Finished) {
            State::Start(start) => {
                let ctx = Ctx(&*self.exchange as *const Exchange<Y, R>);
                self.state = State::Running(start(ctx, value));
            }
            running => {
                self.state = running;
                self.exchange.resumed.set(Some(value));
            }
        }
    }

    /// Polls the body: `Ready(Some(y))` if it yielded `y`, `Ready(None)` if it finished,
    /// `Pending` if it waits.
    fn poll_body(&mut self, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        let State::Running(future) = &mut self.state else {
            return Poll::Ready(None);
        };
        match future.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.state = State::Finished;
                self.exchange.resumed.take();
                Poll::Ready(None)
            }
            Poll::Pending => match self.exchange.yielded.take() {
                Some(yielded) => Poll::Ready(Some(yielded)),
                None => Poll::Pending,
            },
        }
    }
}

/// The future of [`Ctx::yield_async`].
#[must_use = "a yield does nothing until it is awaited"]
pub struct Yielding<Y, R> {
    ctx: Ctx<Y, R>,
    value: Option<Y>,
}

impl<Y: Send + 'static, R: Send + 'static> Yielding<Y, R> {
    pub(super) fn new(ctx: Ctx<Y, R>, value: Y) -> Self {
        Yielding {
            ctx,
            value: Some(value),
        }
    }
}

impl<Y, R> Unpin for Yielding<Y, R> {}

impl<Y: Send + 'static, R: Send + 'static> Future for Yielding<Y, R> {
    type Output = R;

    fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<R> {
        if self.ctx.0.is_null() {
            // A body on a coroutine of its own: yield right here.
            let value = self
                .value
                .take()
                .expect("a yield polled after it completed");
            return Poll::Ready(self.ctx.yield_value(value));
        }
        // SAFETY: the context points to the exchange of the weave whose body this is,
        // which outlives the body; only the resume polling the body reaches it now.
        let exchange = unsafe { &*self.ctx.0 };
        if let Some(value) = self.value.take() {
            exchange.yielded.set(Some(value));
            return Poll::Pending;
        }
        match exchange.resumed.take() {
            Some(resumed) => Poll::Ready(resumed),
            None => Poll::Pending,
        }
    }
}

/// The future of [`Weave::resume_async`].
#[must_use = "a resume does nothing until it is awaited"]
pub struct Resuming<'a, Y: Send + 'static, R: Send + 'static, F> {
    weave: &'a Weave<Y, R>,
    value: Option<R>,
    fallback: Option<F>,
    /// This resume is the one in progress.
    started: bool,
}

impl<'a, Y: Send + 'static, R: Send + 'static, F: FnOnce() -> Y> Resuming<'a, Y, R, F> {
    pub(super) fn new(weave: &'a Weave<Y, R>, value: R, fallback: F) -> Self {
        Resuming {
            weave,
            value: Some(value),
            fallback: Some(fallback),
            started: false,
        }
    }

    fn fallback(&mut self) -> Y {
        let fallback = self
            .fallback
            .take()
            .expect("a resume polled after it completed");
        fallback()
    }
}

impl<Y: Send + 'static, R: Send + 'static, F> Unpin for Resuming<'_, Y, R, F> {}

impl<Y: Send + 'static, R: Send + 'static, F: FnOnce() -> Y> Future for Resuming<'_, Y, R, F> {
    type Output = (Y, bool);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(Y, bool)> {
        let this = &mut *self;
        let mut body = this.weave.lock();
        let stackless = match &mut *body {
            Body::Stack(generator) => {
                let value = this
                    .value
                    .take()
                    .expect("a resume polled after it completed");
                let fallback = this
                    .fallback
                    .take()
                    .expect("a resume polled after it completed");
                return Poll::Ready(super::resume_stack(generator, value, fallback));
            }
            Body::Future(stackless) => stackless,
        };
        if !this.started {
            if stackless.in_resume {
                // Another resume is in progress (its body waits): try again after it.
                drop(body);
                cx.waker().wake_by_ref();
                return Poll::Pending;
            }
            if let State::Finished = stackless.state {
                drop(body);
                return Poll::Ready((this.fallback(), false));
            }
            stackless.in_resume = true;
            this.started = true;
            let value = this
                .value
                .take()
                .expect("a resume polled after it completed");
            stackless.send(value);
        }
        match stackless.poll_body(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(yielded) => {
                stackless.in_resume = false;
                this.started = false;
                drop(body);
                Poll::Ready(match yielded {
                    Some(y) => (y, true),
                    None => (this.fallback(), false),
                })
            }
        }
    }
}

impl<Y: Send + 'static, R: Send + 'static, F> Drop for Resuming<'_, Y, R, F> {
    fn drop(&mut self) {
        if self.started {
            // Dropped while its body waits: let the next resume go on from there.
            if let Body::Future(stackless) = &mut *self.weave.lock() {
                stackless.in_resume = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Weave;
    use crate::{block_on, spawn, Channel};

    fn running_total() -> Weave<i64> {
        Weave::new_async(|ctx, mut step| async move {
            let mut total = 0;
            loop {
                total += step;
                step = ctx.yield_async(total).await;
            }
        })
    }

    #[test]
    fn a_future_body_trades_values_without_a_stack() {
        let w = running_total();
        assert_eq!(w.resume(1, || 0), (1, true));
        assert_eq!(w.resume(10, || 0), (11, true));
        assert_eq!(block_on(w.resume_async(100, || 0)), (111, true));
        w.cancel();
        assert_eq!(w.resume(5, || -1), (-1, false));
    }

    #[test]
    fn a_future_body_that_waits_on_a_channel_makes_its_resume_wait() {
        let input = Channel::new();
        let rx = input.clone();
        let w: Weave<i64> = Weave::new_async(move |ctx, first| async move {
            let mut n = first;
            loop {
                let (got, open) = rx.receive_async().await;
                if !open {
                    return;
                }
                n = ctx.yield_async(n + got).await;
            }
        });
        let tx = input.clone();
        spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(10));
            tx.send(5);
        });
        assert_eq!(
            w.resume(1, || 0),
            (6, true),
            "waited for the strand's value"
        );
        input.send(7);
        assert_eq!(block_on(w.resume_async(2, || 0)), (9, true));
        input.close();
        assert_eq!(w.resume(3, || -1), (-1, false), "the body ended");
    }

    #[test]
    fn a_finished_future_body_reports_false() {
        let w: Weave<i64> = Weave::new_async(|ctx, first| async move {
            ctx.yield_async(first * 2).await;
        });
        assert_eq!(w.resume(4, || 0), (8, true));
        assert_eq!(w.resume(0, || -1), (-1, false));
        assert_eq!(w.resume(0, || -2), (-2, false));
    }
}
