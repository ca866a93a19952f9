//! The reactor: one poll (epoll through `mio`) of every socket's readiness, and a poller
//! that wakes the futures waiting on it.
//!
//! The poller is a May coroutine, not a thread of its own: it takes every event the poll
//! holds, wakes their waiters, and then waits for the poll's own descriptor to become
//! readable through May, whose workers wait on it together with everything else they
//! wait on. So a worker with nothing to do sleeps in one system call that network events
//! end, and a wake-up is a strand queued on the worker that took the event, not a
//! thread woken by another (measured on the echo server under load: some 300 context
//! switches per 200,000 round trips instead of 40,000 with a dedicated reactor thread).
//!
//! Each socket is registered once, for reading and writing, edge-triggered, and gets a
//! [`Source`]: per direction, a generation count and the waker of the future waiting in
//! that direction. An I/O operation ([`Source::poll_io`]) notes the generation, tries the
//! non-blocking system call, and on `WouldBlock` parks its waker, unless the generation
//! moved meanwhile (readiness arrived between the attempt and the park), in which case it
//! tries again. The poller bumps the generation *before* it takes the waker, under the
//! same lock the park takes, so a readiness edge is never lost between the two.
//!
//! **Waiting.** A strand whose future parks here waits without its carrier and counts as
//! awake for the deadlock detector (a peer may always send): its poll returns `Pending`
//! without a counted wait, so its task counts itself in `O` until the poller's wake-up
//! queues it (see "Waiting for what the runtime cannot see" in the strand tasks). A plain
//! thread or a blocked carrier waits through [`crate::block_on`].
//!
//! Starting the reactor raises the process's soft limit on open descriptors to its hard
//! limit (as Go's runtime does), so one socket per connection scales past 1,024.
//!
//! Tokens are indexes into a slab of sources; a freed index may be reused, so a late event
//! for a closed socket can reach its successor, which only costs that socket one
//! spurious retry.

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::sync::atomic::{AtomicU64, Ordering::*};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::task::{Context, Poll, Waker};

use mio::{Events, Interest, Poll as MioPoll, Registry, Token};

/// A direction of readiness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dir {
    /// Readable (or an accept pending, or a datagram arrived).
    Read,
    /// Writable (or a non-blocking connect finished).
    Write,
}

/// One direction's readiness edges and its waiter.
#[derive(Default)]
struct Edge {
    generation: AtomicU64,
    waiter: Mutex<Option<Waker>>,
}

impl Edge {
    /// Parks `waker` unless an edge arrived since `seen`; true if parked.
    fn park(&self, seen: u64, waker: &Waker) -> bool {
        let mut waiter = self.waiter.lock().unwrap_or_else(PoisonError::into_inner);
        if self.generation.load(Acquire) != seen {
            return false;
        }
        match &mut *waiter {
            Some(w) if w.will_wake(waker) => {}
            slot => *slot = Some(waker.clone()),
        }
        true
    }

    /// A readiness edge: bumps the generation, then hands back the waiter to wake.
    fn fire(&self) -> Option<Waker> {
        self.generation.fetch_add(1, AcqRel);
        self.waiter
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

/// A registered socket's readiness, shared by its handle and the reactor.
pub(crate) struct Source {
    token: usize,
    read: Edge,
    write: Edge,
}

impl Source {
    fn edge(&self, dir: Dir) -> &Edge {
        match dir {
            Dir::Read => &self.read,
            Dir::Write => &self.write,
        }
    }

    /// Runs the non-blocking `op` until it does not report `WouldBlock`; when it does,
    /// parks the task to be woken by the next `dir` edge and returns `Pending`.
    pub(crate) fn poll_io<T>(
        &self,
        dir: Dir,
        cx: &mut Context<'_>,
        mut op: impl FnMut() -> io::Result<T>,
    ) -> Poll<io::Result<T>> {
        loop {
            let edge = self.edge(dir);
            let seen = edge.generation.load(Acquire);
            match op() {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    if edge.park(seen, cx.waker()) {
                        crate::strand::trace::note_wait(crate::strand::trace::Wait::Socket);
                        return Poll::Pending;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                done => return Poll::Ready(done),
            }
        }
    }

    /// Wakes whoever waits in either direction (the socket was closed under them): they
    /// retry and find it closed.
    pub(crate) fn wake_all(&self) {
        for waker in [self.read.fire(), self.write.fire()].into_iter().flatten() {
            waker.wake();
        }
    }
}

/// The reactor's shared half: the registry and the sources by token.
struct Reactor {
    registry: Registry,
    sources: Mutex<Slab>,
}

/// Sources by token, with a free list.
#[derive(Default)]
struct Slab {
    entries: Vec<Option<Arc<Source>>>,
    free: Vec<usize>,
}

static REACTOR: OnceLock<Reactor> = OnceLock::new();

fn reactor() -> io::Result<&'static Reactor> {
    if let Some(r) = REACTOR.get() {
        return Ok(r);
    }
    static START: Mutex<()> = Mutex::new(());
    let _once = START.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(r) = REACTOR.get() {
        return Ok(r);
    }
    raise_descriptor_limit();
    let poll = MioPoll::new()?;
    let registry = poll.registry().try_clone()?;
    // The poll's own descriptor is readable while events wait in it: May's workers watch
    // it with everything else they wait on.
    let ready = may::io::CoIo::new(PollFd(poll.as_raw_fd()))?;
    let _ = REACTOR.set(Reactor {
        registry,
        sources: Mutex::new(Slab::default()),
    });
    crate::strand::spawn_system_coroutine("seq-net-poller", move || run(poll, ready))?;
    Ok(REACTOR.get().expect("set above"))
}

/// Raises the soft limit on open descriptors to the hard one, as a server with a socket
/// per connection needs (Linux's default soft limit is 1,024; the hard one is usually far
/// higher). Failure leaves the limit as it was: sockets beyond it fail to open, as
/// failures of their words.
fn raise_descriptor_limit() {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read or write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0 && limit.rlim_cur < limit.rlim_max
        {
            limit.rlim_cur = limit.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        }
    }
}

/// Registers `io` for both directions; the returned source must be passed to
/// [`deregister`] before `io` is dropped.
pub(crate) fn register<S: mio::event::Source + ?Sized>(io: &mut S) -> io::Result<Arc<Source>> {
    let reactor = reactor()?;
    let source = {
        let mut slab = reactor
            .sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let token = match slab.free.pop() {
            Some(t) => t,
            None => {
                slab.entries.push(None);
                slab.entries.len() - 1
            }
        };
        let source = Arc::new(Source {
            token,
            read: Edge::default(),
            write: Edge::default(),
        });
        slab.entries[token] = Some(source.clone());
        source
    };
    let interest = Interest::READABLE | Interest::WRITABLE;
    if let Err(e) = reactor.registry.register(io, Token(source.token), interest) {
        release(reactor, &source);
        return Err(e);
    }
    Ok(source)
}

/// Deregisters `io` and frees its token; wakes anything still waiting on it.
pub(crate) fn deregister<S: mio::event::Source + ?Sized>(io: &mut S, source: &Source) {
    if let Some(reactor) = REACTOR.get() {
        let _ = reactor.registry.deregister(io);
        release(reactor, source);
    }
    source.wake_all();
}

fn release(reactor: &Reactor, source: &Source) {
    let mut slab = reactor
        .sources
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if slab.entries[source.token]
        .as_ref()
        .is_some_and(|s| std::ptr::eq(&**s, source))
    {
        slab.entries[source.token] = None;
        slab.free.push(source.token);
    }
}

/// The poll's descriptor, borrowed (the poll closes it).
struct PollFd(RawFd);

impl AsRawFd for PollFd {
    fn as_raw_fd(&self) -> RawFd {
        self.0
    }
}

/// The poller: takes every event the poll holds without waiting, wakes their waiters,
/// and when none is left waits (as a May coroutine, holding no thread) until the poll's
/// descriptor is readable again. Any event that arrives after the last look makes it
/// readable, and May remembers that until the wait, so none is missed.
fn run(mut poll: MioPoll, ready: may::io::CoIo<PollFd>) {
    use may::io::WaitIo;
    let reactor = REACTOR.get().expect("set before the poller starts");
    let mut events = Events::with_capacity(1024);
    let mut fired: Vec<(Arc<Source>, bool, bool)> = Vec::with_capacity(1024);
    let mut wakers: Vec<Waker> = Vec::with_capacity(1024);
    loop {
        loop {
            if let Err(e) = poll.poll(&mut events, Some(std::time::Duration::ZERO)) {
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                eprintln!("seq: the network poller failed: {e}");
                std::process::abort();
            }
            if events.is_empty() {
                break;
            }
            dispatch(reactor, &events, &mut fired, &mut wakers);
        }
        ready.wait_io();
    }
}

/// Wakes the waiters of `events`' sources, in the direction each event is for.
fn dispatch(
    reactor: &Reactor,
    events: &Events,
    fired: &mut Vec<(Arc<Source>, bool, bool)>,
    wakers: &mut Vec<Waker>,
) {
    {
        let slab = reactor
            .sources
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for event in events.iter() {
            let Some(Some(source)) = slab.entries.get(event.token().0) else {
                continue;
            };
            let broken = event.is_error();
            let read = broken || event.is_readable() || event.is_read_closed();
            let write = broken || event.is_writable() || event.is_write_closed();
            fired.push((source.clone(), read, write));
        }
    }
    for (source, read, write) in fired.drain(..) {
        if read {
            wakers.extend(source.read.fire());
        }
        if write {
            wakers.extend(source.write.fire());
        }
    }
    for waker in wakers.drain(..) {
        waker.wake();
    }
}
