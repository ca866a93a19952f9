//! Strand panics: the panic policy, and strands whose end (a value, or a panic) is
//! joined.
//!
//! A strand's panic is caught by its task (see `task`), which drops the strand's future
//! and ends the task as a finished one, so the carrier goes on as after any finished
//! strand. What happens next is the policy ([`strand_panicked`]): a panic handler
//! installed with [`crate::config::Config::on_strand_panic`] gets a [`StrandPanic`];
//! without one, the process ends (status [`PANIC_EXIT_CODE`]).
//!
//! A joinable strand ([`spawn_joinable`], [`spawn_joinable_async`]) catches its own panic
//! one level further in, and hands it to its [`JoinHandle`] as an `Err`: the joiner
//! observes it, so the policy does not apply. A panic nobody can observe still goes to
//! the policy: one that comes after the handle was dropped, and one still unjoined when
//! the handle is dropped.

use std::any::Any;
use std::fmt;
use std::future::Future;
use std::io::Write;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use super::trace::{self, Wait};
use super::{queues, spawn_async};
use crate::config;
use crate::Channel;

/// The exit status of a process ended by a strand's panic (that of a Rust program whose
/// main thread panicked).
pub const PANIC_EXIT_CODE: i32 = 101;

/// A strand's panic: which strand, and the panic's message. Given to a panic handler
/// ([`crate::config::Config::on_strand_panic`]) and returned by [`JoinHandle::join`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrandPanic {
    id: i64,
    message: String,
}

impl StrandPanic {
    fn new(id: i64, payload: &(dyn Any + Send)) -> StrandPanic {
        StrandPanic {
            id,
            message: panic_message(payload).to_string(),
        }
    }

    /// The id of the strand that panicked (as `spawn` returned it).
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The panic's message: the `&str` or `String` given to `panic!`, or a note that the
    /// panic value was something else.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for StrandPanic {
    /// `strand N panicked: <message>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "strand {} panicked: {}", self.id, self.message)
    }
}

impl std::error::Error for StrandPanic {}

/// The panic policy for strand `id`, whose panic nobody joins: the panic handler if one
/// is installed, else the end of the process. Drops the payload.
pub(crate) fn strand_panicked(id: i64, payload: Box<dyn Any + Send>) {
    let panic = StrandPanic::new(id, payload.as_ref());
    if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
        std::mem::forget(again);
    }
    report(panic);
}

/// The policy for a panic already taken from its payload (see [`strand_panicked`]).
fn report(panic: StrandPanic) {
    let Some(handler) = config::current().panic_handler() else {
        end_process(&panic);
    };
    let handler = handler.clone();
    let kept = panic.clone();
    if catch_unwind(AssertUnwindSafe(move || handler(panic))).is_err() {
        end_process(&kept);
    }
}

/// Go's policy: a panic that ends a strand ends the process, since nothing can tell
/// which strands and threads wait for what the strand would have sent. The panic hook has
/// printed the panic; this adds which strand it was.
#[cold]
fn end_process(panic: &StrandPanic) -> ! {
    let line = format!("seq: {panic}\n");
    let _ = std::io::stderr().write_all(line.as_bytes());
    // What the program wrote before the panic is all written out.
    crate::io::flush();
    std::process::exit(PANIC_EXIT_CODE)
}

/// The message of a panic payload: the `&str` or `String` given to `panic!`.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s
    } else {
        "(a panic value that is not a string)"
    }
}

/// What a joinable strand and its handle share: the strand's end, sent once, and whether
/// the handle still exists (under the lock, so that a panic goes either to the handle or
/// to the policy, never both and never neither).
struct Shared<T> {
    end: Channel<Result<T, StrandPanic>>,
    handle_alive: Mutex<bool>,
}

/// A strand whose end can be waited for: [`JoinHandle::join`] returns its value, or its
/// panic as an `Err`.
///
/// A panic the handle receives is observed by the joiner and does not go to the panic
/// policy. Dropping the handle without joining gives the strand's panic back to the
/// policy (see "Failures" in [`crate::strand`]): at once, if the strand already panicked,
/// else when it does. A value nobody joins is dropped.
///
/// ```
/// use seq_runtime::strand::spawn_joinable;
/// assert_eq!(spawn_joinable(|| 6 * 7).join(), Ok(42));
/// let failed = spawn_joinable(|| -> i64 { panic!("no answer") }).join();
/// assert_eq!(failed.map_err(|p| p.message().to_string()), Err("no answer".to_string()));
/// ```
pub struct JoinHandle<T: Send + 'static> {
    id: i64,
    shared: Arc<Shared<T>>,
}

/// Starts a joinable strand that runs `f` (as [`crate::spawn`] does) and returns its
/// handle.
pub fn spawn_joinable<T, F>(f: F) -> JoinHandle<T>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    spawn_joinable_async(async move { f() })
}

/// Starts a joinable strand that runs the future `f` (as [`crate::spawn_async`] does:
/// where it waits, it holds no carrier) and returns its handle.
pub fn spawn_joinable_async<T, F>(f: F) -> JoinHandle<T>
where
    T: Send + 'static,
    F: Future<Output = T> + Send + 'static,
{
    let shared = Arc::new(Shared {
        end: Channel::new(),
        handle_alive: Mutex::new(true),
    });
    let id = spawn_async(Joined {
        future: Some(Box::pin(f)),
        shared: shared.clone(),
    });
    JoinHandle { id, shared }
}

impl<T: Send + 'static> JoinHandle<T> {
    /// The strand's id.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// True once the strand has ended (returned or panicked) and its end waits here.
    pub fn is_finished(&self) -> bool {
        !self.shared.end.is_empty()
    }

    /// Waits for the strand to end: its value, or its panic. Blocks the caller as a
    /// channel receive does (a strand blocks its carrier; in async code use
    /// [`JoinHandle::join_async`]).
    ///
    /// # Panics
    ///
    /// On a plain thread, if the runtime finds a deadlock (the strand waits for something
    /// that can never come, see [`crate::strand`]), as [`Channel::receive`] does.
    #[track_caller]
    pub fn join(self) -> Result<T, StrandPanic> {
        let id = self.id;
        self.shared.end.receive_or(|| Err(lost(id))).0
    }

    /// [`JoinHandle::join`] as a future: a strand awaiting it waits without its carrier.
    pub async fn join_async(self) -> Result<T, StrandPanic> {
        let id = self.id;
        let mut end = std::pin::pin!(self.shared.end.receive_or_async(|| Err(lost(id))));
        // A receive, noted as a join for the trace.
        std::future::poll_fn(|cx| {
            let polled = end.as_mut().poll(cx);
            if polled.is_pending() {
                trace::note_wait(Wait::Join);
            }
            polled
        })
        .await
        .0
    }
}

/// The end of a strand whose end was lost (its channel is never closed, so this is not
/// expected to be seen).
fn lost(id: i64) -> StrandPanic {
    StrandPanic {
        id,
        message: "the strand ended without a result".to_string(),
    }
}

impl<T: Send + 'static> Drop for JoinHandle<T> {
    fn drop(&mut self) {
        *self
            .shared
            .handle_alive
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = false;
        // Nobody waits on the channel now, so a value in it is taken without waiting.
        if !self.shared.end.is_empty() {
            let id = self.id;
            if let (Err(panic), true) = self.shared.end.receive_or(|| Err(lost(id))) {
                report(panic);
            }
        }
    }
}

impl<T: Send + 'static> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JoinHandle")
            .field("id", &self.id)
            .field("finished", &self.is_finished())
            .finish()
    }
}

/// The future of a joinable strand: polls the strand's own future and sends its end to
/// the handle, catching its panic.
struct Joined<T, F> {
    future: Option<Pin<Box<F>>>,
    shared: Arc<Shared<T>>,
}

impl<T, F> Unpin for Joined<T, F> {}

impl<T: Send + 'static, F: Future<Output = T>> Future for Joined<T, F> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(future) = self.future.as_mut() else {
            return Poll::Ready(());
        };
        let end = match catch_unwind(AssertUnwindSafe(|| future.as_mut().poll(cx))) {
            Ok(Poll::Pending) => return Poll::Pending,
            Ok(Poll::Ready(value)) => {
                self.future = None;
                Ok(value)
            }
            Err(payload) => {
                // The future is dropped first, as for any panicking strand.
                if let Err(again) = catch_unwind(AssertUnwindSafe(|| self.future = None)) {
                    std::mem::forget(again);
                }
                Err(payload)
            }
        };
        let alive = self
            .shared
            .handle_alive
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match end {
            Ok(value) => {
                if *alive {
                    self.shared.end.send(Ok(value));
                }
            }
            Err(payload) if *alive => {
                trace::note_panic_caught();
                let panic = StrandPanic::new(queues::current_mark(), payload.as_ref());
                self.shared.end.send(Err(panic));
                drop(alive);
                if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
                    std::mem::forget(again);
                }
            }
            Err(payload) => {
                // Nobody can join it any more: the task takes it to the panic policy.
                drop(alive);
                resume_unwind(payload);
            }
        }
        Poll::Ready(())
    }
}
