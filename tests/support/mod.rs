//! Local servers for the TLS and HTTP client tests: nothing here needs the internet.
//!
//! [`Server`] listens on `127.0.0.1` (a port the system picks) and answers each
//! connection on a thread of its own with a handler's raw response bytes, over plain TCP
//! or over TLS with a self-signed certificate made by `rcgen` for the names asked for.
//! The certificate's DER is returned so a test can trust it with
//! `seq::runtime::net::add_trust_root`.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// A request as the server read it.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The request target.
    pub path: String,
    /// Header lines as sent (name and value), in order.
    pub headers: Vec<(String, String)>,
    /// The body (by `Content-Length`).
    pub body: Vec<u8>,
}

impl Request {
    /// The first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What a handler answers: raw bytes to send, then the connection closes.
pub type Handler = fn(&Request) -> Vec<u8>;

/// A running local server.
pub struct Server {
    /// Its port on 127.0.0.1.
    pub port: u16,
    /// Its certificate (DER), for a TLS server.
    pub cert: Option<Vec<u8>>,
}

/// A self-signed certificate for `names` and the server config using it.
pub fn tls_config(names: &[&str]) -> (Arc<ServerConfig>, Vec<u8>) {
    let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    let certified = rcgen::generate_simple_self_signed(names).expect("certificate");
    let cert_der = certified.cert.der().to_vec();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.key_pair.serialize_der()));
    // *ring* builds with a C compiler alone; rustls 0.23.48 deprecates its provider for
    // lacking post-quantum key exchange (aws-lc-rs has it, and needs more to build).
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_no_client_auth()
        .with_single_cert(vec![CertificateDer::from(cert_der.clone())], key)
        .expect("server config");
    (Arc::new(config), cert_der)
}

/// A plain HTTP server answering with `handler`.
pub fn http(handler: Handler) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream, handler));
        }
    });
    Server { port, cert: None }
}

/// An HTTPS server for `names` answering with `handler`.
pub fn https(names: &[&str], handler: Handler) -> Server {
    tls_server(names, move |tls| serve(tls, handler))
}

/// A TLS server for `names` that echoes each read back prefixed with `echo:`.
pub fn tls_echo(names: &[&str]) -> Server {
    tls_server(names, |mut tls| {
        let mut buf = [0u8; 4096];
        while let Ok(n) = tls.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut out = b"echo:".to_vec();
            out.extend_from_slice(&buf[..n]);
            if tls.write_all(&out).and_then(|()| tls.flush()).is_err() {
                break;
            }
        }
        tls.conn.send_close_notify();
        let _ = tls.flush();
    })
}

/// A TLS server for `names` on a port of the system's choice: each connection, once its
/// server side is set up, goes to `connection` on a thread of its own.
fn tls_server(
    names: &[&str],
    connection: impl Fn(StreamOwned<ServerConnection, TcpStream>) + Copy + Send + 'static,
) -> Server {
    let (config, cert) = tls_config(names);
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let config = config.clone();
            std::thread::spawn(move || {
                let Ok(conn) = ServerConnection::new(config) else {
                    return;
                };
                connection(StreamOwned::new(conn, stream));
            });
        }
    });
    Server {
        port,
        cert: Some(cert),
    }
}

/// A TCP server that accepts and closes each connection without a byte.
pub fn closing() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            drop(stream);
        }
    });
    port
}

/// A port nothing listens on (bound, then released).
pub fn refused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("addr").port()
}

/// Reads one request from `stream` and answers it.
fn serve(mut stream: impl Read + Write, handler: Handler) {
    let Some(request) = read_request(&mut stream) else {
        return;
    };
    let _ = stream.write_all(&handler(&request));
    let _ = stream.flush();
}

fn read_request(stream: &mut impl Read) -> Option<Request> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let end = loop {
        if let Some(at) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut request = Request {
        method,
        path,
        headers,
        body: buf[end + 4..].to_vec(),
    };
    let length: usize = request
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    while request.body.len() < length {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        request.body.extend_from_slice(&chunk[..n]);
    }
    Some(request)
}

/// A response with `Content-Length`.
pub fn response(status: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// The test servers' routes: see each arm.
pub fn routes(req: &Request) -> Vec<u8> {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/hello") => response("200 OK", b"hello"),
        ("GET", "/missing") => response("404 Not Found", b"nope"),
        // What the request said: method, content type, connection, body.
        (m, "/echo") => {
            let mut body = format!(
                "{m}|{}|{}|{}|",
                req.header("content-type").unwrap_or("-"),
                req.header("connection").unwrap_or("-"),
                req.header("host").unwrap_or("-"),
            )
            .into_bytes();
            body.extend_from_slice(&req.body);
            let status = if m == "PUT" { "201 Created" } else { "200 OK" };
            response(status, &body)
        }
        ("DELETE", "/item") => response("200 OK", b"deleted"),
        ("GET", "/chunked") => b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7;ext=1\r\nHello, \r\n7\r\nchunked\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n".to_vec(),
        ("GET", "/binary") => response("200 OK", &(0..=255u8).collect::<Vec<_>>()),
        ("GET", "/eof") => b"HTTP/1.1 200 OK\r\n\r\nuntil the end".to_vec(),
        ("GET", "/continue") => {
            let mut out = b"HTTP/1.1 100 Continue\r\n\r\n".to_vec();
            out.extend(response("200 OK", b"after continue"));
            out
        }
        ("GET", "/redirect") => {
            b"HTTP/1.1 302 Found\r\nLocation: /hello\r\nContent-Length: 5\r\n\r\nmoved".to_vec()
        }
        ("GET", "/empty") => b"HTTP/1.1 204 No Content\r\n\r\n".to_vec(),
        ("GET", "/both") => b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n".to_vec(),
        ("GET", "/truncated") => b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort".to_vec(),
        ("GET", "/garbage") => b"not http at all\r\n\r\n".to_vec(),
        ("GET", "/silent") => {
            std::thread::sleep(std::time::Duration::from_secs(5));
            Vec::new()
        }
        _ => response("400 Bad Request", b"unknown route"),
    }
}
