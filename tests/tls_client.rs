//! `net.tls.client` against local TLS servers (a self-signed certificate the client is
//! told to trust, one it is not, a server that speaks no TLS), and `net.tcp.read` /
//! `net.tcp.write` / `net.tcp.close` on the TLS socket it gives.

mod support;

use seq::runtime::bytes;
use seq::runtime::net::Socket;
use seq::runtime::net::{
    add_trust_root, tcp_close, tcp_connect, tcp_listen, tcp_read, tcp_write, tls_client,
};

/// A trusted TLS echo server for `localhost` and 127.0.0.1.
fn trusted_echo() -> u16 {
    let server = support::tls_echo(&["localhost", "127.0.0.1"]);
    assert!(add_trust_root(server.cert.as_deref().unwrap()));
    server.port
}

fn connect(port: u16) -> Socket {
    let (socket, ok) = tcp_connect("127.0.0.1", i64::from(port));
    assert!(ok, "connect to {port}");
    socket
}

#[test]
fn round_trip_over_tls() {
    let port = trusted_echo();
    let tcp = connect(port);
    let (tls, ok) = tls_client(&tcp, "localhost");
    assert!(ok);
    assert!(tcp_write("ping", &tls));
    let (reply, ok) = tcp_read(&tls);
    assert!(ok);
    assert_eq!(reply, "echo:ping");
    // The TCP socket moved into the TLS one.
    assert!(!tcp_write("x", &tcp));
    assert!(tcp_close(&tls));
    assert!(!tcp_close(&tls));
}

#[test]
fn ip_literal_host_and_binary_bytes() {
    let port = trusted_echo();
    let (tls, ok) = tls_client(&connect(port), "127.0.0.1");
    assert!(ok);
    let all: Vec<u8> = (0..=255u8).collect();
    let data = bytes::from_slice(&all);
    assert!(tcp_write(&data, &tls));
    let mut got = Vec::new();
    while got.len() < all.len() + 5 {
        let (chunk, ok) = tcp_read(&tls);
        assert!(ok && !chunk.is_empty());
        got.extend_from_slice(&bytes::to_bytes(&chunk));
    }
    assert_eq!(&got[..5], b"echo:");
    assert_eq!(&got[5..], &all[..]);
}

#[test]
fn large_write_round_trip() {
    let port = trusted_echo();
    let (tls, ok) = tls_client(&connect(port), "localhost");
    assert!(ok);
    let data = "z".repeat(200_000);
    assert!(tcp_write(&data, &tls));
    let mut got = 0;
    while got < data.len() {
        let (chunk, ok) = tcp_read(&tls);
        assert!(ok && !chunk.is_empty());
        got += chunk.replace("echo:", "").len();
    }
    assert_eq!(got, data.len());
}

#[test]
fn untrusted_certificate_fails() {
    let server = support::tls_echo(&["localhost"]);
    let tcp = connect(server.port);
    let (tls, ok) = tls_client(&tcp, "localhost");
    assert!(!ok);
    assert_eq!(tls, Socket::default());
    assert!(
        !tcp_write("x", &tcp),
        "a failed handshake closes the connection"
    );
}

#[test]
fn wrong_hostname_fails() {
    let port = trusted_echo();
    let (_, ok) = tls_client(&connect(port), "other.example");
    assert!(!ok);
}

#[test]
fn plain_tcp_peer_fails() {
    let port = support::closing();
    let (_, ok) = tls_client(&connect(port), "127.0.0.1");
    assert!(!ok);
    let (_, ok) = tls_client(&connect(port), "no-such-host.invalid");
    assert!(!ok);
}

#[test]
fn rejected_input_leaves_the_socket_usable() {
    let port = trusted_echo();
    let tcp = connect(port);
    for bad in ["", "not a host name!"] {
        let (tls, ok) = tls_client(&tcp, bad);
        assert!(!ok, "{bad:?}");
        assert_eq!(tls, Socket::default());
    }
    // Still plain TCP, still connected: the handshake can happen now.
    let (tls, ok) = tls_client(&tcp, "localhost");
    assert!(ok);
    assert!(tcp_write("again", &tls));
    assert_eq!(tcp_read(&tls), ("echo:again".to_string(), true));
}

#[test]
fn wrong_kind_of_socket_fails() {
    let (listener, ok) = tcp_listen(0);
    assert!(ok);
    assert!(!tls_client(&listener, "localhost").1);
    assert!(tcp_close(&listener), "the listener is untouched");
    assert!(!tls_client(&Socket::default(), "localhost").1);
    assert!(!tls_client(&listener, "localhost").1, "closed");
}

#[test]
fn waits_in_a_strand() {
    let port = trusted_echo();
    let (tx, rx) = std::sync::mpsc::channel();
    seq::runtime::block_on(async move {
        let (tcp, ok) = seq::runtime::net::tcp_connect_async("127.0.0.1", i64::from(port)).await;
        assert!(ok);
        let (tls, ok) = seq::runtime::net::tls_client_async(&tcp, "localhost").await;
        assert!(ok);
        assert!(seq::runtime::net::tcp_write_async("async", &tls).await);
        tx.send(seq::runtime::net::tcp_read_async(&tls).await)
            .unwrap();
    });
    assert_eq!(rx.recv().unwrap(), ("echo:async".to_string(), true));
}
