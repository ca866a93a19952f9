//! The networking words as the runtime sees them: a strand waiting on a socket is not a
//! deadlock and holds its carrier only in the blocking form; closing a socket wakes
//! whoever waits on it; the blocking forms work on plain threads.
#![cfg(feature = "net")]

use std::io::{Read, Write};
use std::time::Duration;

use seq_runtime::net::{
    dns_resolve, tcp_accept, tcp_accept_async, tcp_close, tcp_connect, tcp_listen, tcp_local_port,
    tcp_read, tcp_read_async, tcp_write, tcp_write_async, udp_bind, udp_receive_from_async,
    udp_send_to, Socket,
};
use seq_runtime::{spawn, spawn_async, Channel};

fn listener() -> (Socket, u16) {
    let (listener, ok) = tcp_listen(0);
    assert!(ok);
    let (port, ok) = tcp_local_port(&listener);
    assert!(ok);
    (listener, u16::try_from(port).unwrap())
}

/// A client on a plain thread the runtime knows nothing of (no `ExternalWaker`): it
/// connects after a pause, sends `message` and returns what comes back.
fn late_client(port: u16, message: &'static [u8]) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.write_all(message).unwrap();
        stream.shutdown(std::net::Shutdown::Write).unwrap();
        let mut back = Vec::new();
        stream.read_to_end(&mut back).unwrap();
        back
    })
}

/// Every strand is waiting (one on accept as a future, one on a read in the blocking
/// form, the root on a channel), and only the network can move them: no deadlock.
#[test]
fn strands_waiting_on_sockets_are_not_a_deadlock() {
    let (listener, port) = listener();
    let (second, second_port) = self::listener();
    let out = Channel::<String>::new();
    let tx = out.clone();
    spawn_async(async move {
        let (conn, ok) = tcp_accept_async(&listener).await;
        assert!(ok);
        let (data, ok) = tcp_read_async(&conn).await;
        assert!(ok);
        assert!(tcp_write_async(&data.to_uppercase(), &conn).await);
        tcp_close(&conn);
        tx.send_async(data).await;
    });
    let tx = out.clone();
    spawn(move || {
        let (conn, ok) = tcp_accept(&second);
        assert!(ok);
        let (data, ok) = tcp_read(&conn);
        assert!(ok);
        assert!(tcp_write(&data, &conn));
        tcp_close(&conn);
        tx.send(data);
    });
    let (a, b) = (
        late_client(port, b"async"),
        late_client(second_port, b"blocking"),
    );
    let mut got = [out.receive().0, out.receive().0];
    got.sort();
    assert_eq!(got, ["async".to_string(), "blocking".to_string()]);
    assert_eq!(a.join().unwrap(), b"ASYNC");
    assert_eq!(b.join().unwrap(), b"blocking");
}

/// Closing a socket (through any copy) wakes a strand waiting to read it, with the
/// failure flag.
#[test]
fn closing_wakes_a_waiting_reader() {
    let (listener, port) = listener();
    let (client, ok) = tcp_connect("127.0.0.1", i64::from(port));
    assert!(ok);
    let (conn, ok) = tcp_accept(&listener);
    assert!(ok);
    let out = Channel::<(String, bool)>::new();
    let (tx, reading) = (out.clone(), conn.clone());
    spawn_async(async move {
        tx.send_async(tcp_read_async(&reading).await).await;
    });
    std::thread::sleep(Duration::from_millis(100));
    assert!(tcp_close(&conn));
    assert_eq!(out.receive().0, (String::new(), false));
    tcp_close(&client);
}

/// A datagram awaited by a strand arrives from a plain thread.
#[test]
fn a_strand_awaits_a_datagram() {
    let (socket, port, ok) = udp_bind(0);
    assert!(ok);
    let out = Channel::<(String, String, i64, bool)>::new();
    let tx = out.clone();
    spawn_async(async move {
        tx.send_async(udp_receive_from_async(&socket).await).await;
    });
    let sender = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(100));
        let (from, from_port, ok) = udp_bind(0);
        assert!(ok);
        assert!(udp_send_to("\u{0}bytes", "127.0.0.1", port, &from));
        from_port
    });
    let (data, host, from_port, ok) = out.receive().0;
    assert!(ok);
    assert_eq!((data.as_str(), host.as_str()), ("\u{0}bytes", "127.0.0.1"));
    assert_eq!(from_port, sender.join().unwrap());
}

/// Outside any strand, the blocking forms simply block the calling thread.
#[test]
fn blocking_forms_work_on_plain_threads() {
    let (listener, port) = listener();
    let server = std::thread::spawn(move || {
        let (conn, ok) = tcp_accept(&listener);
        assert!(ok);
        let (data, ok) = tcp_read(&conn);
        assert!(ok);
        assert!(tcp_write(&format!("<{data}>"), &conn));
        assert!(tcp_close(&conn));
        assert!(tcp_close(&listener));
    });
    let (client, ok) = tcp_connect("localhost", i64::from(port));
    assert!(ok);
    assert!(tcp_write("hi", &client));
    let mut back = String::new();
    loop {
        let (data, ok) = tcp_read(&client);
        assert!(ok);
        if data.is_empty() {
            break;
        }
        back.push_str(&data);
    }
    assert_eq!(back, "<hi>");
    server.join().unwrap();
    let (addrs, ok) = dns_resolve("127.0.0.1");
    assert!(ok);
    assert_eq!(addrs.len(), 1);
}
