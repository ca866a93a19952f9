//! Tracing strands (the `tracing` feature): a `tracing` span per strand, entered while
//! the strand runs, and events where strands are spawned, wait, are woken and end. The
//! names, fields and levels are listed in `docs/strands.md` ("Tracing strands").
//!
//! **Without the feature** every function here is an empty `#[inline(always)]` one and
//! [`Paused`] is a zero-sized type: no task, queue or channel gets a field, and no call
//! site keeps any code. The hooks are called from the few places that know what happens
//! (a channel's future knows it waits to receive; a task's waker knows it queues the
//! task), and this module turns what they say into spans and events.
//!
//! **With it**, [`crate::spawn_async`] asks `wanted` whether a subscriber wants strand
//! spans (with none installed, one load of tracing's global level filter); if not, the
//! strand is spawned as without the feature. If so, `spawn` wraps the strand's future
//! in `Traced`, which holds the strand's id and span, enters the span for each poll,
//! and after the poll emits `wait` (the poll returned `Pending`) or `end` (it returned
//! `Ready`, or unwound). What a strand waits for is noted by the future that registered
//! the wait ([`note_wait`]) in a thread-local the wrapper reads after the poll; a wait
//! nobody noted (another runtime's future) is of kind `future`.
//!
//! # Entering a span across a carrier switch
//!
//! A subscriber keeps the spans entered on each thread (tracing-subscriber's registry
//! does, as a stack per thread). A strand that blocks its carrier (a blocking receive, a
//! sleep, [`crate::block_on`]) may resume on another worker thread, and meanwhile other
//! carriers run other strands on this one: a span still entered across that switch would
//! stay entered on the first thread for good (and never close), and would be exited
//! from the wrong thread later. So every place where a carrier may switch away in the
//! middle of a poll exits the strand's span first and enters it again where it resumes:
//! [`block`] and [`unblock`] around a blocking wait (with `wait` and `wake` events), and
//! [`step_aside`] and [`step_back`] around the yields a receive spins through. The
//! thread-local that says which strand runs here follows the same rule as those in
//! `queues`: reached only through `#[inline(never)]` functions, never held across a
//! switch.
//!
//! A subscriber is called from inside the runtime (a timer's wake-up, a task's waker,
//! the spawn path): it must not use Seq channels or strands itself.

/// What a strand waits for: the `kind` field of a `wait` event.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wait {
    /// A channel receive (also a blocking [`crate::strand::JoinHandle::join`]).
    Receive,
    /// A send on a full bounded channel.
    Send,
    /// `time.sleep-ms`.
    Sleep,
    /// `chan.yield`, or a sleep of zero milliseconds.
    Yield,
    /// [`crate::strand::JoinHandle::join_async`].
    Join,
    /// A socket's readiness (`net.*`).
    #[cfg_attr(not(feature = "net"), allow(dead_code))]
    Socket,
    /// A host name lookup (`net.dns.resolve`).
    #[cfg_attr(not(feature = "net"), allow(dead_code))]
    Dns,
    /// Anything else: a future of another runtime, a weave's body, what
    /// [`crate::block_on`] runs.
    Future,
}

#[cfg(feature = "tracing")]
pub(crate) use on::*;

#[cfg(not(feature = "tracing"))]
pub(crate) use off::*;

/// Without the feature: nothing.
#[cfg(not(feature = "tracing"))]
mod off {
    use super::Wait;

    /// What a blocking wait carries across the switch: nothing.
    pub(crate) struct Paused;

    /// Notes what the strand polled here waits for.
    #[inline(always)]
    pub(crate) fn note_wait(_: Wait) {}

    /// The wait noted since the poll began, or `default`.
    #[inline(always)]
    pub(crate) fn noted(default: Wait) -> Wait {
        default
    }

    /// Notes that the strand polled here caught its own panic (a joinable strand).
    #[inline(always)]
    pub(crate) fn note_panic_caught() {}

    /// A strand's task was woken; `rescheduled` if that makes it run again.
    #[inline(always)]
    pub(crate) fn woken(_: i64, _: bool) {}

    /// The strand polled here is about to block its carrier.
    #[inline(always)]
    pub(crate) fn block(_: Wait) -> Paused {
        Paused
    }

    /// The strand that blocked with `paused` runs again.
    #[inline(always)]
    pub(crate) fn unblock(_: Paused) {}

    /// The strand polled here lets the other coroutines of its worker run.
    #[inline(always)]
    pub(crate) fn step_aside() -> Paused {
        Paused
    }

    /// The strand that stepped aside with `paused` runs again.
    #[inline(always)]
    pub(crate) fn step_back(_: Paused) {}
}

/// With the feature: spans and events.
#[cfg(feature = "tracing")]
mod on {
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::Pin;
    use std::ptr;
    use std::task::{Context, Poll};

    use tracing::{Level, Span};

    use super::super::carrier::Runtime;
    use super::super::queues;
    use super::super::task::Task;
    use super::Wait;

    /// The target of every span and event of the runtime's strands.
    const TARGET: &str = "seq_runtime::strand";

    impl Wait {
        /// The `kind` field's value.
        fn as_str(self) -> &'static str {
            match self {
                Wait::Receive => "receive",
                Wait::Send => "send",
                Wait::Sleep => "sleep",
                Wait::Yield => "yield",
                Wait::Join => "join",
                Wait::Socket => "socket",
                Wait::Dns => "dns",
                Wait::Future => "future",
            }
        }
    }

    /// A strand's part of the trace: its id and its span.
    struct Strand {
        id: i64,
        span: Span,
    }

    /// What this thread knows of the strand it polls.
    struct Here {
        /// The strand being polled here (inside its [`Traced`] future), or null.
        strand: Cell<*const Strand>,
        /// What the poll's future waits for, if a future of the runtime said so.
        noted: Cell<Option<Wait>>,
        /// Set when a joinable strand caught its own panic in this poll.
        caught: Cell<bool>,
    }

    thread_local! {
        static HERE: Here = const {
            Here {
                strand: Cell::new(ptr::null()),
                noted: Cell::new(None),
                caught: Cell::new(false),
            }
        };
    }

    /// A poll of `strand` begins here.
    #[inline(never)]
    fn poll_begins(strand: *const Strand) {
        HERE.with(|h| {
            h.strand.set(strand);
            h.noted.set(None);
            h.caught.set(false);
        });
    }

    /// The poll ends: what it noted.
    #[inline(never)]
    fn poll_ends() -> (Option<Wait>, bool) {
        HERE.with(|h| {
            h.strand.set(ptr::null());
            (h.noted.take(), h.caught.replace(false))
        })
    }

    /// The strand polled here, which leaves this thread (null if none).
    #[inline(never)]
    fn leave() -> *const Strand {
        HERE.with(|h| h.strand.replace(ptr::null()))
    }

    /// The strand that left with [`leave`] is polled here again.
    #[inline(never)]
    fn come_back(strand: *const Strand) {
        HERE.with(|h| h.strand.set(strand));
    }

    /// Notes what the strand polled here waits for (the last note of a poll counts).
    #[inline(never)]
    pub(crate) fn note_wait(kind: Wait) {
        HERE.with(|h| h.noted.set(Some(kind)));
    }

    /// The wait noted since the poll began (taking it), or `default`.
    #[inline(never)]
    pub(crate) fn noted(default: Wait) -> Wait {
        HERE.with(|h| h.noted.take()).unwrap_or(default)
    }

    /// Notes that the strand polled here caught its own panic (a joinable strand, whose
    /// panic goes to its handle): its `end` says `panicked`.
    #[inline(never)]
    pub(crate) fn note_panic_caught() {
        HERE.with(|h| h.caught.set(true));
    }

    fn enter(span: &Span) {
        span.with_subscriber(|(id, dispatch)| dispatch.enter(id));
    }

    fn exit(span: &Span) {
        span.with_subscriber(|(id, dispatch)| dispatch.exit(id));
    }

    /// True if a subscriber wants the spans of strands spawned now (the `strand` span's
    /// level and target are enabled). With no subscriber this is one load of tracing's
    /// global level filter. A strand spawned while it is false is spawned as without the
    /// feature: no span, no `spawn`, `wait` or `end` events, no wrapper around its future.
    #[inline]
    pub(crate) fn wanted() -> bool {
        tracing::enabled!(target: TARGET, Level::DEBUG)
    }

    /// [`crate::spawn_async`] with a span: the strand's id first, then its span and the
    /// `spawn` event (in the spawner, before the strand is queued), then rule S as the
    /// plain spawn does it. No thread-local is held while the subscriber runs.
    pub(crate) fn spawn<F: Future<Output = ()> + Send + 'static>(future: F) -> i64 {
        let rt = Runtime::get();
        super::super::note_caller();
        let id = rt.queues.fresh_id();
        let strand = Strand::new(id);
        let task: queues::Strand = Task::new(id, Traced { strand, future });
        match rt.queues.push_local(task) {
            Ok(queued) => rt.spread(queued),
            Err(task) => rt.push_outside(task),
        }
        id
    }

    impl Strand {
        /// The span of strand `id`, spawned here. Strand spans are roots, so that the
        /// span tree does not grow with the depth of spawning; the spawning strand is
        /// the `parent` field, and the span the spawner was in is linked as
        /// `follows_from`.
        fn new(id: i64) -> Strand {
            let spawner = queues::current_mark();
            let span = if spawner > 0 {
                tracing::debug_span!(target: TARGET, parent: None, "strand", id, parent = spawner)
            } else {
                tracing::debug_span!(target: TARGET, parent: None, "strand", id)
            };
            if !span.is_disabled() {
                span.follows_from(Span::current());
            }
            tracing::debug!(name: "spawn", target: TARGET, id, "spawned");
            Strand { id, span }
        }
    }

    /// A strand's future with its trace: the span is entered for each poll.
    pub(crate) struct Traced<F> {
        strand: Strand,
        future: F,
    }

    impl<F: Future<Output = ()>> Future for Traced<F> {
        type Output = ();

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            // SAFETY: `future` is pinned with `self` and never moved out; `strand` is not
            // moved either, so the pointer to it that the thread-local holds during the
            // poll stays valid until the poll ends.
            let this = unsafe { self.get_unchecked_mut() };
            let running = Running::start(&this.strand);
            let polled = unsafe { Pin::new_unchecked(&mut this.future) }.poll(cx);
            running.finish(polled.is_ready());
            polled
        }
    }

    /// A poll in progress: the span entered, the thread-local pointing to the strand.
    /// Dropped without [`Running::finish`], the poll unwound: the strand panicked.
    struct Running<'a> {
        strand: &'a Strand,
        finished: bool,
    }

    impl<'a> Running<'a> {
        fn start(strand: &'a Strand) -> Running<'a> {
            poll_begins(strand);
            enter(&strand.span);
            Running {
                strand,
                finished: false,
            }
        }

        /// The poll returned: `end` if `ready`, else `wait`.
        fn finish(mut self, ready: bool) {
            self.finished = true;
            let (noted, caught) = poll_ends();
            let id = self.strand.id;
            if ready {
                let outcome = if caught { "panicked" } else { "finished" };
                tracing::debug!(name: "end", target: TARGET, id, outcome, "ended");
            } else {
                let kind = noted.unwrap_or(Wait::Future).as_str();
                tracing::trace!(name: "wait", target: TARGET, id, kind, blocking = false, "waits");
            }
        }
    }

    impl Drop for Running<'_> {
        fn drop(&mut self) {
            if !self.finished {
                poll_ends();
                let id = self.strand.id;
                tracing::debug!(name: "end", target: TARGET, id, outcome = "panicked", "ended");
            }
            exit(&self.strand.span);
        }
    }

    /// A strand's task was woken; `rescheduled` if that makes it run again (it was idle,
    /// or it is being polled and will be polled once more). The event comes from the
    /// waker, so it is in the waking strand's span, and `by` names that strand.
    pub(crate) fn woken(id: i64, rescheduled: bool) {
        if !rescheduled || !tracing::level_enabled!(Level::TRACE) {
            return;
        }
        match queues::current_mark() {
            by if by > 0 => {
                tracing::trace!(name: "wake", target: TARGET, id, by, blocking = false, "woken");
            }
            _ => tracing::trace!(name: "wake", target: TARGET, id, blocking = false, "woken"),
        }
    }

    /// What a carrier switch carries for the strand: the strand (null if the caller does
    /// not poll one), and whether its return is a `wake`.
    pub(crate) struct Paused {
        strand: *const Strand,
        wake: bool,
    }

    /// The strand polled here is about to block its carrier on `kind`: `wait`, then its
    /// span is exited (see the module docs).
    pub(crate) fn block(kind: Wait) -> Paused {
        let strand = leave();
        // SAFETY: the pointer is set only while the strand's poll runs on this
        // coroutine's stack, below this call.
        if let Some(s) = unsafe { strand.as_ref() } {
            let (id, kind) = (s.id, kind.as_str());
            tracing::trace!(name: "wait", target: TARGET, id, kind, blocking = true, "waits");
            exit(&s.span);
        }
        Paused { strand, wake: true }
    }

    /// The strand that blocked with `paused` runs again (perhaps on another thread): its
    /// span is entered here, then `wake`.
    pub(crate) fn unblock(paused: Paused) {
        // SAFETY: as in `block`: the poll is still running, below this call.
        let Some(s) = (unsafe { paused.strand.as_ref() }) else {
            return;
        };
        come_back(paused.strand);
        enter(&s.span);
        if paused.wake {
            let id = s.id;
            tracing::trace!(name: "wake", target: TARGET, id, blocking = true, "woken");
        }
    }

    /// The strand polled here lets the other coroutines of its worker run (a spin in a
    /// receive): its span is exited, without an event.
    pub(crate) fn step_aside() -> Paused {
        let strand = leave();
        // SAFETY: as in `block`.
        if let Some(s) = unsafe { strand.as_ref() } {
            exit(&s.span);
        }
        Paused {
            strand,
            wake: false,
        }
    }

    /// The strand that stepped aside with `paused` runs again.
    pub(crate) fn step_back(paused: Paused) {
        unblock(paused);
    }
}
