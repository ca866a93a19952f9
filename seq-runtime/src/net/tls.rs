//! `net.tls.client`: upgrading a connected TCP socket to TLS (rustls, ring provider,
//! Mozilla's roots from `webpki-roots`), and the [`TlsStream`] that `net.tcp.read`,
//! `net.tcp.write` and `net.tcp.close` then use, as upstream's words do.
//!
//! Invariants: an upgrade moves the TCP stream and its reactor registration out of the
//! caller's handle (which is left closed) into a new handle holding an [`Io::Tls`]; the
//! handshake runs to completion inside the word, under a deadline, so a successful
//! socket carries only application data. Input the word can reject without touching
//! the socket (an empty or malformed host name, a socket that is not an open TCP
//! connection) leaves the socket as it was; once the handshake has started, a failure
//! closes the connection. Every failure is a closed socket and `false`, never a panic.
//!
//! A [`TlsStream`]'s `read`, `write` and `flush` are non-blocking and report
//! `WouldBlock` only when the TCP socket itself did, which keeps the reactor's
//! edge-triggered readiness sound (see `reactor`).

use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use mio::net::TcpStream;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore};

use super::reactor::Dir;
use super::socket::{unusable, Io, Socket};
use crate::block_on;

/// How long a handshake may take unless `SEQ_TLS_HANDSHAKE_TIMEOUT_MS` says otherwise.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// A TLS client connection over a non-blocking TCP stream.
pub(crate) struct TlsStream {
    conn: ClientConnection,
    tcp: TcpStream,
}

impl TlsStream {
    /// The TCP stream underneath.
    pub(crate) fn tcp(&self) -> &TcpStream {
        &self.tcp
    }

    /// The TCP stream underneath, for (de)registration.
    pub(crate) fn tcp_mut(&mut self) -> &mut TcpStream {
        &mut self.tcp
    }

    /// Reads decrypted bytes: `Ok(0)` at a clean end (the peer's `close_notify`), an
    /// `UnexpectedEof` error if the peer closed without one.
    pub(crate) fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.conn.reader().read(buf) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                done => return done,
            }
            if self.fill()? == 0 {
                // rustls saw the end: its reader now answers, but never loop on it.
                return match self.conn.reader().read(buf) {
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                        Err(io::ErrorKind::UnexpectedEof.into())
                    }
                    done => done,
                };
            }
        }
    }

    /// Encrypts what it can of `data` (all of it, up to rustls's buffer), after sending
    /// what was already pending.
    pub(crate) fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.flush()?;
        let n = self.conn.writer().write(data)?;
        match self.flush() {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(n),
            Err(e) => Err(e),
            Ok(()) => Ok(n),
        }
    }

    /// Sends every pending TLS record.
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        while self.conn.wants_write() {
            if self.conn.write_tls(&mut self.tcp)? == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
        }
        Ok(())
    }

    /// Reads one batch of TLS records from the socket and processes them; the number of
    /// bytes read (0 at the end of the stream). Alerts rustls queues are sent if the
    /// socket takes them at once.
    fn fill(&mut self) -> io::Result<usize> {
        let n = self.conn.read_tls(&mut self.tcp)?;
        let processed = self.conn.process_new_packets();
        let _ = self.flush();
        processed.map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        Ok(n)
    }

    /// One step of the handshake that reads: fails if the peer closed mid-handshake.
    fn handshake_read(&mut self) -> io::Result<()> {
        if self.fill()? == 0 && self.conn.is_handshaking() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the peer closed the connection during the TLS handshake",
            ));
        }
        Ok(())
    }
}

impl Drop for TlsStream {
    /// Says goodbye (`close_notify`) if the socket takes it at once; never waits.
    fn drop(&mut self) {
        if !self.conn.is_handshaking() {
            self.conn.send_close_notify();
            let _ = self.flush();
        }
    }
}

/// Extra trust roots (tests' own certificate authorities) and the config built from them.
struct Trust {
    extra: Vec<CertificateDer<'static>>,
    config: Option<Arc<ClientConfig>>,
}

static TRUST: Mutex<Trust> = Mutex::new(Trust {
    extra: Vec::new(),
    config: None,
});

/// Trusts the DER-encoded certificate `der` as a root, besides Mozilla's roots, for
/// every later handshake of the process (for tests with their own certificate
/// authority); false if it is not a usable certificate.
#[doc(hidden)]
pub fn add_trust_root(der: &[u8]) -> bool {
    let cert = CertificateDer::from(der.to_vec());
    let mut probe = RootCertStore::empty();
    if probe.add(cert.clone()).is_err() {
        return false;
    }
    let mut trust = TRUST.lock().unwrap_or_else(PoisonError::into_inner);
    trust.extra.push(cert);
    trust.config = None;
    true
}

/// The client config: built once, and again after [`add_trust_root`].
fn config() -> io::Result<Arc<ClientConfig>> {
    let mut trust = TRUST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(config) = &trust.config {
        return Ok(config.clone());
    }
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for cert in &trust.extra {
        let _ = roots.add(cert.clone());
    }
    // *ring* builds with a C compiler alone; rustls 0.23.48 deprecates its provider for
    // lacking post-quantum key exchange (aws-lc-rs has it, and needs more to build).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let config = Arc::new(config);
    trust.config = Some(config.clone());
    Ok(config)
}

fn handshake_timeout() -> Duration {
    std::env::var("SEQ_TLS_HANDSHAKE_TIMEOUT_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&ms| ms > 0)
        .map_or(HANDSHAKE_TIMEOUT, Duration::from_millis)
}

/// `net.tls.client ( socket host -- tls-socket ok )`: runs a TLS handshake over the
/// connected TCP `socket`, checking the server's certificate against `host` (a DNS name
/// or an IP literal, also sent as SNI). On success the returned socket is the TLS
/// connection, which `net.tcp.read` / `net.tcp.write` / `net.tcp.close` use, and
/// `socket` is closed (its descriptor lives on in the new one).
pub async fn tls_client_async(socket: &Socket, host: &str) -> (Socket, bool) {
    match upgrade(socket, host).await {
        Ok(tls) => (tls, true),
        Err(_) => (Socket::default(), false),
    }
}

/// `net.tls.client`, blocking.
pub fn tls_client(socket: &Socket, host: &str) -> (Socket, bool) {
    block_on(tls_client_async(socket, host))
}

/// Upgrades `socket` to TLS for `host` (see [`tls_client_async`]).
pub(crate) async fn upgrade(socket: &Socket, host: &str) -> io::Result<Socket> {
    let invalid = |what: &str| io::Error::new(io::ErrorKind::InvalidInput, what.to_string());
    if host.is_empty() {
        return Err(invalid("an empty host name"));
    }
    let name = ServerName::try_from(host.to_string()).map_err(|_| invalid("a bad host name"))?;
    let conn = ClientConnection::new(config()?, name).map_err(io::Error::other)?;
    let (io, source) = socket
        .take(|io| matches!(io, Io::Stream(_)))
        .ok_or_else(unusable)?;
    let Io::Stream(tcp) = io else {
        return Err(unusable());
    };
    let tls = Socket::adopt(Io::Tls(Box::new(TlsStream { conn, tcp })), source);
    let deadline = crate::sleep_ms_async(handshake_timeout().as_millis() as i64);
    let outcome = match super::first(handshake(&tls), deadline).await {
        Some(result) => result,
        None => Err(io::ErrorKind::TimedOut.into()),
    };
    match outcome {
        Ok(()) => Ok(tls),
        Err(e) => {
            tls.close();
            Err(e)
        }
    }
}

/// Drives the handshake of the TLS socket `tls` until it completes.
async fn handshake(tls: &Socket) -> io::Result<()> {
    loop {
        let (handshaking, wants_write) = tls.with(|io| match io {
            Io::Tls(t) => Ok((t.conn.is_handshaking(), t.conn.wants_write())),
            _ => Err(unusable()),
        })?;
        if wants_write {
            tls.io(Dir::Write, |io| match io {
                Io::Tls(t) => t.flush(),
                _ => Err(unusable()),
            })
            .await?;
        } else if !handshaking {
            return Ok(());
        } else {
            tls.io(Dir::Read, |io| match io {
                Io::Tls(t) => t.handshake_read(),
                _ => Err(unusable()),
            })
            .await?;
        }
    }
}
