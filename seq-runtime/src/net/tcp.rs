//! `net.tcp.*`: listening, accepting, connecting, reading, writing and closing TCP
//! sockets. Each waiting word is a future (`*_async`) plus its blocking form.
//!
//! Conventions (upstream's): a failure is the word's zero values and `false`; a read is
//! one batch of whatever bytes arrived (at most [`READ_CHUNK`]), and an empty string with
//! `true` at end of stream; a write writes everything or fails; listeners bind every
//! IPv4 address (`0.0.0.0`); connections have `TCP_NODELAY` set, since a word-level
//! write is a message, not a stream of bytes to coalesce.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use mio::net::{TcpListener, TcpStream};

use super::reactor::Dir;
use super::socket::{unusable, Io, Socket};
use crate::block_on;
use crate::bytes;

/// The most one `net.tcp.read` returns.
pub const READ_CHUNK: usize = 16 * 1024;

/// How long `net.tcp.connect` tries one address before it gives up on it.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The listen backlog: what the kernel caps it at (`net.core.somaxconn`) decides.
const BACKLOG: i32 = 4096;

/// `net.tcp.listen ( port -- listener ok )`: listens on every IPv4 address; port 0 lets
/// the system choose (see `net.tcp.local-port`).
pub fn tcp_listen(port: i64) -> (Socket, bool) {
    let Ok(port) = u16::try_from(port) else {
        return (Socket::default(), false);
    };
    match listen(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port)) {
        Ok(socket) => (socket, true),
        Err(_) => (Socket::default(), false),
    }
}

fn listen(addr: SocketAddr) -> io::Result<Socket> {
    use socket2::{Domain, Protocol, Socket as RawSocket, Type};
    let raw = RawSocket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
    raw.set_reuse_address(true)?;
    raw.set_nonblocking(true)?;
    raw.bind(&addr.into())?;
    raw.listen(BACKLOG)?;
    let listener = TcpListener::from_std(raw.into());
    Socket::open(Io::Listener(listener))
}

/// `net.tcp.accept ( listener -- connection ok )`, waiting for a connection.
pub async fn tcp_accept_async(listener: &Socket) -> (Socket, bool) {
    let accepted = listener
        .io(Dir::Read, |io| match io {
            Io::Listener(l) => l.accept().map(|(stream, _)| stream),
            _ => Err(unusable()),
        })
        .await;
    match accepted.and_then(connection) {
        Ok(socket) => (socket, true),
        Err(_) => (Socket::default(), false),
    }
}

/// `net.tcp.accept`, blocking.
pub fn tcp_accept(listener: &Socket) -> (Socket, bool) {
    block_on(tcp_accept_async(listener))
}

fn connection(stream: TcpStream) -> io::Result<Socket> {
    stream.set_nodelay(true)?;
    Socket::open(Io::Stream(stream))
}

/// `net.tcp.connect ( host port -- connection ok )`: resolves `host` (a name or an IP
/// literal) and tries its addresses in order, each for up to 10 s.
pub async fn tcp_connect_async(host: &str, port: i64) -> (Socket, bool) {
    match connect(host, port).await {
        Ok(socket) => (socket, true),
        Err(_) => (Socket::default(), false),
    }
}

/// `net.tcp.connect`, blocking.
pub fn tcp_connect(host: &str, port: i64) -> (Socket, bool) {
    block_on(tcp_connect_async(host, port))
}

/// Connects to `host:port`, trying each resolved address in turn.
pub(crate) async fn connect(host: &str, port: i64) -> io::Result<Socket> {
    let port = match u16::try_from(port) {
        Ok(p) if p != 0 => p,
        _ => return Err(io::Error::new(io::ErrorKind::InvalidInput, "bad port")),
    };
    let addrs = super::resolve(host).await?;
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no address");
    for ip in addrs {
        match connect_addr(SocketAddr::new(ip, port)).await {
            Ok(socket) => return Ok(socket),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Connects to one address, waiting up to the connect timeout.
pub(crate) async fn connect_addr(addr: SocketAddr) -> io::Result<Socket> {
    let socket = connection(TcpStream::connect(addr)?)?;
    let established = socket.io(Dir::Write, |io| match io {
        Io::Stream(s) => {
            if let Some(e) = s.take_error()? {
                return Err(e);
            }
            match s.peer_addr() {
                Ok(_) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                    Err(io::ErrorKind::WouldBlock.into())
                }
                Err(e) => Err(e),
            }
        }
        _ => Err(unusable()),
    });
    let timeout = crate::sleep_ms_async(CONNECT_TIMEOUT.as_millis() as i64);
    match super::first(established, timeout).await {
        Some(Ok(())) => Ok(socket),
        Some(Err(e)) => Err(e),
        None => Err(io::ErrorKind::TimedOut.into()),
    }
}

/// `net.tcp.read ( connection -- bytes ok )`: one batch of the bytes that arrived.
///
/// The future holds no buffer while it waits: the bytes are read, once the socket is
/// readable, into the polling thread's scratch buffer and copied out at their size, so a
/// strand waiting on a connection costs a few words, not a read's worth.
pub async fn tcp_read_async(socket: &Socket) -> (String, bool) {
    let mut data = Vec::new();
    match read_append(socket, &mut data).await {
        Ok(_) => (bytes::from_bytes(data), true),
        Err(_) => (String::new(), false),
    }
}

/// Appends what has arrived (at most [`READ_CHUNK`] bytes) to `out`, waiting for
/// something: the count, 0 at end of stream. Like [`tcp_read_async`], it holds no buffer
/// while it waits.
pub(crate) async fn read_append(socket: &Socket, out: &mut Vec<u8>) -> io::Result<usize> {
    socket
        .io(Dir::Read, |io| {
            super::with_scratch(|buf| {
                let buf = &mut buf[..READ_CHUNK];
                let n = match io {
                    Io::Stream(s) => s.read(buf)?,
                    #[cfg(feature = "tls")]
                    Io::Tls(t) => t.read(buf)?,
                    _ => return Err(unusable()),
                };
                out.extend_from_slice(&buf[..n]);
                Ok(n)
            })
        })
        .await
}

/// `net.tcp.read`, blocking.
pub fn tcp_read(socket: &Socket) -> (String, bool) {
    block_on(tcp_read_async(socket))
}

/// `net.tcp.write ( bytes connection -- ok )`: writes all of `data`.
pub async fn tcp_write_async(data: &str, socket: &Socket) -> bool {
    write_all(socket, &bytes::to_bytes(data)).await.is_ok()
}

/// `net.tcp.write`, blocking.
pub fn tcp_write(data: &str, socket: &Socket) -> bool {
    block_on(tcp_write_async(data, socket))
}

/// Writes all of `data`, waiting while the socket's buffer is full.
pub(crate) async fn write_all(socket: &Socket, mut data: &[u8]) -> io::Result<()> {
    while !data.is_empty() {
        let n = socket
            .io(Dir::Write, |io| match io {
                Io::Stream(s) => s.write(data),
                #[cfg(feature = "tls")]
                Io::Tls(t) => t.write(data),
                _ => Err(unusable()),
            })
            .await?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        data = &data[n..];
    }
    #[cfg(feature = "tls")]
    socket
        .io(Dir::Write, |io| match io {
            Io::Tls(t) => t.flush(),
            _ => Ok(()),
        })
        .await?;
    Ok(())
}

/// `net.tcp.local-port ( socket -- port ok )`: the local port of a listener or a
/// connection (the one the system chose for `0 net.tcp.listen`).
pub fn tcp_local_port(socket: &Socket) -> (i64, bool) {
    let port = socket.with(|io| match io {
        Io::Listener(l) => l.local_addr(),
        Io::Stream(s) => s.local_addr(),
        #[cfg(feature = "tls")]
        Io::Tls(t) => t.tcp().local_addr(),
        _ => Err(unusable()),
    });
    match port {
        Ok(addr) => (i64::from(addr.port()), true),
        Err(_) => (0, false),
    }
}

/// `net.tcp.close ( socket -- ok )`: closes a listener or a connection (every copy of
/// it); false if it was not an open TCP socket.
pub fn tcp_close(socket: &Socket) -> bool {
    let tcp = socket
        .with(|io| {
            Ok(match io {
                Io::Listener(_) | Io::Stream(_) => true,
                #[cfg(feature = "tls")]
                Io::Tls(_) => true,
                _ => false,
            })
        })
        .unwrap_or(false);
    tcp && socket.close()
}
