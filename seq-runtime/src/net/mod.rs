//! Networking: TCP (`net.tcp.*`), UDP (`net.udp.*`) and name resolution
//! (`net.dns.resolve`), with TLS (`net.tls.client`) and an HTTP client (`net.http.*`)
//! behind the `tls` and `http` features.
//!
//! Every socket is non-blocking and registered with one poll, which May's workers watch
//! (see `reactor`).
//! A word that must wait (accept, connect, read, write, receive, resolve) has two forms:
//! a future (`*_async`), which code that `.await`s uses, so a strand waiting on a socket
//! holds no stack and no carrier; and a blocking form, which runs that future with
//! [`crate::block_on`] (a plain thread parks; a strand blocks its carrier). Either way
//! the worker thread is never blocked, and the deadlock detector counts a strand waiting
//! on the network as awake: a peer can always send.
//!
//! A [`Socket`] is a handle: copies (`dup`) share one socket, which stays open until
//! `net.tcp.close` / `net.udp.close`, or until its last copy is dropped. Every word
//! answers a closed, wrong-kind or default socket with its failure values (`false`),
//! never a panic; reads and writes are byte strings (see [`crate::bytes`]).

mod dns;
#[cfg(feature = "http")]
pub mod http;
mod reactor;
mod socket;
mod tcp;
#[cfg(feature = "tls")]
mod tls;
mod udp;

pub use dns::{dns_resolve, dns_resolve_async, resolve};
pub use socket::{fd_to_socket, socket_to_fd, Socket};
pub use tcp::{
    tcp_accept, tcp_accept_async, tcp_close, tcp_connect, tcp_connect_async, tcp_listen,
    tcp_local_port, tcp_read, tcp_read_async, tcp_write, tcp_write_async,
};
#[cfg(feature = "tls")]
pub use tls::{add_trust_root, tls_client, tls_client_async};
pub use udp::{
    udp_bind, udp_close, udp_receive_from, udp_receive_from_async, udp_send_to, udp_send_to_async,
};

use std::future::Future;
use std::pin::pin;
use std::task::Poll;

/// Runs `work` and `deadline` together: `work`'s output if it finishes first, `None` if
/// `deadline` does.
pub(crate) async fn first<T>(
    work: impl Future<Output = T>,
    deadline: impl Future<Output = ()>,
) -> Option<T> {
    let (mut work, mut deadline) = (pin!(work), pin!(deadline));
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = work.as_mut().poll(cx) {
            return Poll::Ready(Some(out));
        }
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    })
    .await
}

/// The size of the per-thread read buffer: the largest UDP datagram fits.
pub(crate) const SCRATCH_SIZE: usize = 64 * 1024;

/// Runs `op` on this thread's read buffer ([`SCRATCH_SIZE`] bytes), so that a future
/// waiting to read holds no buffer. `op` must not wait: the buffer is the thread's, and
/// a strand may resume on another.
pub(crate) fn with_scratch<T>(op: impl FnOnce(&mut [u8]) -> T) -> T {
    thread_local! {
        static SCRATCH: std::cell::RefCell<Box<[u8]>> =
            std::cell::RefCell::new(vec![0; SCRATCH_SIZE].into_boxed_slice());
    }
    SCRATCH.with(|scratch| match scratch.try_borrow_mut() {
        Ok(mut buf) => op(&mut buf),
        // Re-entered (the words do not nest, so only by a future caller): its own buffer.
        Err(_) => op(&mut vec![0; SCRATCH_SIZE]),
    })
}
