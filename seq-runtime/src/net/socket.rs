//! [`Socket`]: Seq's handle to a TCP listener, a TCP connection (plain or TLS) or a UDP
//! socket, and the table of open sockets by file descriptor (`socket->fd`, `fd->socket`).
//!
//! Invariants: a [`Handle`]'s I/O object is registered with the reactor from creation
//! until it is closed; closing takes it out (leaving [`Io::Closed`]), deregisters it,
//! wakes anything waiting on it, and removes the handle from the table, exactly once,
//! whether by `close` or by the last copy's drop. An upgrade (TLS) moves the I/O object
//! and its registration into a new handle, leaving the old one closed without closing
//! the descriptor.

use std::collections::HashMap;
use std::fmt;
use std::future::poll_fn;
use std::io;
use std::os::fd::AsRawFd;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};

use mio::net::{TcpListener, TcpStream, UdpSocket};

use super::reactor::{self, Dir, Source};

/// A network socket: a TCP listener, a TCP connection (plain or TLS) or a UDP socket.
///
/// Copies share one socket. The default value is a socket that is already closed (what
/// a failed `net.tcp.listen` leaves): every word treats it as a failure.
#[derive(Clone, Default)]
pub struct Socket(pub(crate) Option<Arc<Handle>>);

/// An open socket: its I/O object, its readiness source, its descriptor number.
pub(crate) struct Handle {
    fd: i64,
    io: Mutex<Io>,
    source: Arc<Source>,
}

/// What a handle holds.
pub(crate) enum Io {
    /// A TCP listener (`net.tcp.listen`).
    Listener(TcpListener),
    /// A TCP connection (`net.tcp.accept`, `net.tcp.connect`).
    Stream(TcpStream),
    /// A TLS connection over TCP (`net.tls.client`).
    #[cfg(feature = "tls")]
    Tls(Box<super::tls::TlsStream>),
    /// A UDP socket (`net.udp.bind`).
    Udp(UdpSocket),
    /// Closed, or moved into another handle.
    Closed,
}

impl Io {
    /// The registered mio object, if any.
    fn registered(&mut self) -> Option<&mut dyn mio::event::Source> {
        match self {
            Io::Listener(l) => Some(l),
            Io::Stream(s) => Some(s),
            #[cfg(feature = "tls")]
            Io::Tls(t) => Some(t.tcp_mut()),
            Io::Udp(u) => Some(u),
            Io::Closed => None,
        }
    }

    fn raw_fd(&self) -> i64 {
        i64::from(match self {
            Io::Listener(l) => l.as_raw_fd(),
            Io::Stream(s) => s.as_raw_fd(),
            #[cfg(feature = "tls")]
            Io::Tls(t) => t.tcp().as_raw_fd(),
            Io::Udp(u) => u.as_raw_fd(),
            Io::Closed => 0,
        })
    }
}

/// The error an operation on a closed or wrong-kind socket reports.
pub(crate) fn unusable() -> io::Error {
    io::Error::new(
        io::ErrorKind::NotConnected,
        "not an open socket of this kind",
    )
}

/// Open handles by descriptor number, for `fd->socket`.
static OPEN: Mutex<Option<HashMap<i64, Weak<Handle>>>> = Mutex::new(None);

fn open_table() -> MutexGuard<'static, Option<HashMap<i64, Weak<Handle>>>> {
    OPEN.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Socket {
    /// Registers `io` with the reactor and wraps it.
    pub(crate) fn open(mut io: Io) -> io::Result<Socket> {
        let source = match io.registered() {
            Some(registered) => reactor::register(registered)?,
            None => return Err(unusable()),
        };
        Ok(Socket::adopt(io, source))
    }

    /// Wraps an I/O object already registered as `source` (an upgrade).
    pub(crate) fn adopt(io: Io, source: Arc<Source>) -> Socket {
        let fd = io.raw_fd();
        let handle = Arc::new(Handle {
            fd,
            io: Mutex::new(io),
            source,
        });
        open_table()
            .get_or_insert_with(HashMap::new)
            .insert(fd, Arc::downgrade(&handle));
        Socket(Some(handle))
    }

    /// The handle, if this is not the default socket.
    pub(crate) fn handle(&self) -> Option<&Handle> {
        self.0.as_deref()
    }

    /// Runs the non-blocking `op` on the I/O object, waiting for `dir` readiness while it
    /// would block. A closed or default socket fails at once.
    pub(crate) async fn io<T>(
        &self,
        dir: Dir,
        mut op: impl FnMut(&mut Io) -> io::Result<T>,
    ) -> io::Result<T> {
        let Some(handle) = self.handle() else {
            return Err(unusable());
        };
        poll_fn(|cx| handle.source.poll_io(dir, cx, || op(&mut handle.lock()))).await
    }

    /// Runs `op` on the I/O object once, without waiting.
    pub(crate) fn with<T>(&self, op: impl FnOnce(&mut Io) -> io::Result<T>) -> io::Result<T> {
        match self.handle() {
            Some(handle) => op(&mut handle.lock()),
            None => Err(unusable()),
        }
    }

    /// Takes the I/O object out, with its registration, if `wanted` accepts it (an
    /// upgrade): this socket is left closed, without closing the descriptor, and leaves
    /// the table of open sockets; whatever waited on it wakes and finds it closed. The
    /// object must go on to [`Socket::adopt`] with the returned source.
    #[cfg(feature = "tls")]
    pub(crate) fn take(&self, wanted: impl FnOnce(&Io) -> bool) -> Option<(Io, Arc<Source>)> {
        let handle = self.handle()?;
        let io = {
            let mut io = handle.lock();
            if !wanted(&io) {
                return None;
            }
            std::mem::replace(&mut *io, Io::Closed)
        };
        handle.forget();
        handle.source.wake_all();
        Some((io, handle.source.clone()))
    }

    /// Closes the socket (every copy): false if it was already closed.
    pub fn close(&self) -> bool {
        self.handle().is_some_and(Handle::close)
    }

    /// The socket's file descriptor number (0 for a closed or default socket).
    pub fn fd(&self) -> i64 {
        match self.handle() {
            Some(h) if !matches!(*h.lock(), Io::Closed) => h.fd,
            _ => 0,
        }
    }
}

impl Handle {
    pub(crate) fn lock(&self) -> MutexGuard<'_, Io> {
        self.io.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn close(&self) -> bool {
        let mut io = std::mem::replace(&mut *self.lock(), Io::Closed);
        let Some(registered) = io.registered() else {
            return false;
        };
        reactor::deregister(registered, &self.source);
        self.forget();
        drop(io);
        true
    }

    /// Removes this handle from the table of open sockets.
    fn forget(&self) {
        let mut table = open_table();
        if let Some(map) = table.as_mut() {
            if map
                .get(&self.fd)
                .is_some_and(|w| std::ptr::eq(w.as_ptr(), self))
            {
                map.remove(&self.fd);
            }
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.close();
    }
}

impl fmt::Debug for Socket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.handle() {
            None => "closed",
            Some(h) => match &*h.lock() {
                Io::Listener(_) => "tcp-listener",
                Io::Stream(_) => "tcp",
                #[cfg(feature = "tls")]
                Io::Tls(_) => "tls",
                Io::Udp(_) => "udp",
                Io::Closed => "closed",
            },
        };
        write!(f, "Socket({kind}, fd {})", self.fd())
    }
}

impl PartialEq for Socket {
    /// Copies of one socket are equal; distinct sockets are not (two default sockets are).
    fn eq(&self, other: &Socket) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl Eq for Socket {}

/// `socket->fd`: the socket's descriptor number, 0 for a closed socket.
pub fn socket_to_fd(socket: &Socket) -> i64 {
    socket.fd()
}

/// `fd->socket`: the open socket whose descriptor is `fd`, or a closed socket if none
/// is (a number that is not a Seq socket's descriptor gives a socket every word fails
/// on; nothing adopts a foreign descriptor).
pub fn fd_to_socket(fd: i64) -> Socket {
    let table = open_table();
    Socket(
        table
            .as_ref()
            .and_then(|map| map.get(&fd))
            .and_then(Weak::upgrade),
    )
}
