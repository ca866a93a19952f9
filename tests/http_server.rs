//! `examples/seq/http-server.seq` serves its routes to real HTTP clients over TCP.

use std::io::{Read, Write};
use std::net::TcpStream;

#[path = "support/example_server.rs"]
mod example_server;

use example_server::ExampleServer;

/// The example running on a port of the system's choice; killed when dropped.
struct Server(ExampleServer);

impl Server {
    fn start() -> Server {
        Server(ExampleServer::start("http_server_seq"))
    }

    /// Sends `request` in pieces of `chunk` bytes and reads the whole response.
    fn ask_in_pieces(&self, request: &[u8], chunk: usize) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", self.0.port)).unwrap();
        for piece in request.chunks(chunk) {
            stream.write_all(piece).unwrap();
            stream.flush().unwrap();
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }

    fn ask(&self, request: &str) -> String {
        self.ask_in_pieces(request.as_bytes(), request.len().max(1))
    }
}

fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

#[test]
fn routes_requests_and_survives_clients_that_leave() {
    let mut server = Server::start();
    let hello = server.ask("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    assert!(hello.starts_with("HTTP/1.1 200 OK\r\n"), "{hello}");
    assert!(hello.contains("Content-Length: 15\r\n"), "{hello}");
    assert_eq!(body(&hello), "Hello from Seq\n");
    assert_eq!(body(&server.ask("GET /health HTTP/1.1\r\n\r\n")), "ok\n");
    assert_eq!(body(&server.ask("GET /echo/seq HTTP/1.1\r\n\r\n")), "seq");
    let missing = server.ask("GET /nowhere HTTP/1.1\r\n\r\n");
    assert!(
        missing.starts_with("HTTP/1.1 404 Not Found\r\n"),
        "{missing}"
    );
    let put = server.ask("PUT / HTTP/1.1\r\n\r\n");
    assert!(put.starts_with("HTTP/1.1 405 "), "{put}");

    // A body in several pieces, after headers in several pieces: read in full.
    let post = b"POST /upper HTTP/1.1\r\nHost: x\r\ncontent-length: 11\r\n\r\nhello world";
    let upper = server.ask_in_pieces(post, 7);
    assert_eq!(body(&upper), "HELLO WORLD", "{upper}");

    // Clients that go away mid-request cost the others nothing.
    for _ in 0..20 {
        let mut gone = TcpStream::connect(("127.0.0.1", server.0.port)).unwrap();
        gone.write_all(b"GET /he").unwrap();
    }
    // Their connections are closed now (the streams dropped): the strands reading them
    // see the end of the stream and stop, rather than read nothing forever.
    server.0.assert_idle();
    assert!(server.0.is_running());

    let concurrent: Vec<_> = (0..50)
        .map(|i| {
            let port = server.0.port;
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                write!(stream, "GET /echo/{i} HTTP/1.1\r\n\r\n").unwrap();
                let mut response = String::new();
                stream.read_to_string(&mut response).unwrap();
                assert_eq!(body(&response), i.to_string(), "{response}");
            })
        })
        .collect();
    for client in concurrent {
        client.join().unwrap();
    }
}
