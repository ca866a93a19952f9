//! `examples/seq/echo-server.seq` under real clients: bytes of every value come back
//! unchanged, in order, to the connection that sent them; clients that leave in the middle
//! of a message cost the others nothing; and one strand per connection holds thousands of
//! connections at once.

#[path = "support/example_server.rs"]
mod example_server;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use example_server::ExampleServer;

fn connect(server: &ExampleServer) -> TcpStream {
    let stream = TcpStream::connect(("127.0.0.1", server.port)).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    stream
}

/// Writes `message` and reads back exactly as many bytes.
fn round_trip(stream: &mut TcpStream, message: &[u8]) -> Vec<u8> {
    stream.write_all(message).unwrap();
    let mut back = vec![0; message.len()];
    stream.read_exact(&mut back).unwrap();
    back
}

#[test]
fn echoes_every_byte_value_and_large_messages() {
    let server = ExampleServer::start("echo_server");
    let mut stream = connect(&server);
    assert_eq!(round_trip(&mut stream, b"hello\n"), b"hello\n");
    // Every byte value, including invalid UTF-8 and NUL: nothing replaced or lost.
    let all: Vec<u8> = (0..=255u8).collect();
    assert_eq!(round_trip(&mut stream, &all), all);
    let invalid = [0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x00, 0xf0, 0x9f, 0x92];
    assert_eq!(round_trip(&mut stream, &invalid), invalid);
    // Bigger than a read (16 KB) and than the socket buffers: the echo is written while
    // the client is still sending, so send from a thread.
    let big: Vec<u8> = (0..1_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut writer = stream.try_clone().unwrap();
    let sent = big.clone();
    let sender = std::thread::spawn(move || writer.write_all(&sent).unwrap());
    let mut back = vec![0; big.len()];
    stream.read_exact(&mut back).unwrap();
    sender.join().unwrap();
    assert!(back == big, "a megabyte came back changed");
    // Closing our side ends the server's strand, which closes its side.
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let mut rest = Vec::new();
    stream.read_to_end(&mut rest).unwrap();
    assert!(rest.is_empty());
}

#[test]
fn clients_leaving_mid_message_do_not_disturb_the_others() {
    let mut server = ExampleServer::start("echo_server");
    let mut steady: Vec<TcpStream> = (0..20).map(|_| connect(&server)).collect();
    for (i, stream) in steady.iter_mut().enumerate() {
        let message = format!("before {i}");
        assert_eq!(round_trip(stream, message.as_bytes()), message.as_bytes());
    }
    for i in 0..60 {
        let mut leaving = connect(&server);
        leaving.write_all(b"half a mess").unwrap();
        match i % 3 {
            // Reset: SO_LINGER 0 makes close send RST instead of FIN.
            0 => {
                let linger = libc::linger {
                    l_onoff: 1,
                    l_linger: 0,
                };
                // SAFETY: setsockopt reads `linger`, which outlives the call.
                let rc = unsafe {
                    libc::setsockopt(
                        std::os::fd::AsRawFd::as_raw_fd(&leaving),
                        libc::SOL_SOCKET,
                        libc::SO_LINGER,
                        (&linger as *const libc::linger).cast(),
                        std::mem::size_of::<libc::linger>() as libc::socklen_t,
                    )
                };
                assert_eq!(rc, 0);
            }
            // Half-close: the server echoes what came, then sees the end.
            1 => leaving.shutdown(std::net::Shutdown::Write).unwrap(),
            // Plain close without reading the echo.
            _ => {}
        }
        drop(leaving);
    }
    for (i, stream) in steady.iter_mut().enumerate() {
        let message = format!("after {i}: still here");
        assert_eq!(round_trip(stream, message.as_bytes()), message.as_bytes());
    }
    // The strands of the departed clients ended: the server is idle, not spinning.
    server.assert_idle();
    assert!(server.is_running());
}

/// How many connections the many-connections test holds: 10,000, or fewer if this
/// process may not open that many descriptors (the soft limit is raised to the hard one
/// first; the server raises its own).
fn connection_budget() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read or write the struct passed to them.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit), 0);
        limit.rlim_cur = limit.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
    }
    let budget = (limit.rlim_cur as usize).saturating_sub(200).min(10_000);
    if budget < 10_000 {
        eprintln!(
            "descriptor limit {}: holding {budget} connections",
            limit.rlim_cur
        );
    }
    budget
}

#[test]
fn holds_ten_thousand_connections_at_once() {
    let server = ExampleServer::start("echo_server");
    let conns = connection_budget();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let port = server.port;
    let verified = runtime.block_on(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // Open them all first (in batches, so no batch overflows the accept queue) and
        // prove each is served; then every connection, all open at once, does rounds.
        let mut streams = Vec::with_capacity(conns);
        for batch_start in (0..conns).step_by(500) {
            let batch = (batch_start..(batch_start + 500).min(conns)).map(|i| async move {
                let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
                let hello = format!("hello {i}");
                s.write_all(hello.as_bytes()).await?;
                let mut back = vec![0; hello.len()];
                s.read_exact(&mut back).await?;
                assert_eq!(back, hello.as_bytes(), "connection {i} got another's echo");
                Ok::<_, std::io::Error>(s)
            });
            let mut set = tokio::task::JoinSet::new();
            for fut in batch {
                set.spawn(fut);
            }
            while let Some(done) = set.join_next().await {
                streams.push(done.unwrap().expect("a connection is accepted and served"));
            }
        }
        assert_eq!(streams.len(), conns);
        let mut set = tokio::task::JoinSet::new();
        for (i, mut s) in streams.into_iter().enumerate() {
            set.spawn(async move {
                for round in 0..3 {
                    let message = format!("{i}:{round}:{}", "x".repeat(i % 50));
                    s.write_all(message.as_bytes()).await.unwrap();
                    let mut back = vec![0; message.len()];
                    s.read_exact(&mut back).await.unwrap();
                    assert_eq!(back, message.as_bytes(), "connection {i} mixed up");
                }
                s
            });
        }
        let mut open = Vec::with_capacity(conns);
        while let Some(done) = set.join_next().await {
            open.push(done.expect("every round trip comes back right"));
        }
        open.len()
    });
    assert_eq!(verified, conns);
}
