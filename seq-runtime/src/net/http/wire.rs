//! HTTP/1.1 on the wire: writing a request and reading a response over a connected
//! [`Socket`] (plain TCP or TLS), every wait a reactor future.
//!
//! Requests are `Connection: close` with a `Content-Length` body and
//! `Accept-Encoding: identity`. A response's body is framed by `Transfer-Encoding:
//! chunked`, else `Content-Length`, else the end of the connection (1xx, 204 and 304
//! responses have none); interim 1xx responses are skipped; redirects are
//! returned as they are (upstream's client follows none).
//!
//! Invariants: the head is at most [`MAX_HEAD`] bytes and the body at most
//! [`MAX_BODY`]; a response declaring both chunked framing and a length, or two
//! different lengths, is refused (request smuggling's shapes); a body cut short of its
//! framing is an error, never a silently shorter body.

use super::target::Url;
use crate::net::socket::Socket;
use crate::net::tcp::{read_append, write_all};

/// The largest response head accepted.
pub(crate) const MAX_HEAD: usize = 64 * 1024;
/// The largest response body accepted (as upstream's client).
pub(crate) const MAX_BODY: usize = 10 * 1024 * 1024;

/// A response: its status and body bytes.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
}

/// Writes the request `method url` with `body` (and its content type) if there is one.
pub(crate) async fn write_request(
    socket: &Socket,
    method: &str,
    url: &Url,
    body: Option<(&str, &[u8])>,
) -> Result<(), String> {
    let mut head = format!(
        "{method} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: seq/{}\r\nAccept: */*\r\nAccept-Encoding: identity\r\nConnection: close\r\n",
        url.path,
        url.host_header(),
        env!("CARGO_PKG_VERSION"),
    );
    let out = match body {
        Some((content_type, bytes)) => {
            if content_type.chars().any(char::is_control) {
                return Err("invalid Content-Type: control characters are not allowed".into());
            }
            head.push_str(&format!(
                "Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
                bytes.len()
            ));
            let mut out = head.into_bytes();
            out.extend_from_slice(bytes);
            out
        }
        None => {
            head.push_str("\r\n");
            head.into_bytes()
        }
    };
    write_all(socket, &out)
        .await
        .map_err(|e| format!("write request: {e}"))
}

/// What has been read and not yet used, over the socket it came from.
struct Reader<'a> {
    socket: &'a Socket,
    buf: Vec<u8>,
    eof: bool,
}

impl Reader<'_> {
    /// Reads one more batch; false at the end of the stream.
    async fn more(&mut self) -> Result<bool, String> {
        if self.eof {
            return Ok(false);
        }
        let n = read_append(self.socket, &mut self.buf)
            .await
            .map_err(|e| format!("read response: {e}"))?;
        self.eof = n == 0;
        Ok(n > 0)
    }

    /// Takes the first `n` bytes, reading until there are that many.
    async fn take(&mut self, n: usize) -> Result<Vec<u8>, String> {
        while self.buf.len() < n {
            if !self.more().await? {
                return Err("connection closed before the end of the body".into());
            }
        }
        Ok(self.buf.drain(..n).collect())
    }

    /// Takes one line, without its CRLF (or LF).
    async fn line(&mut self) -> Result<Vec<u8>, String> {
        loop {
            if let Some(at) = self.buf.iter().position(|&b| b == b'\n') {
                let mut line: Vec<u8> = self.buf.drain(..=at).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(line);
            }
            if self.buf.len() > MAX_HEAD {
                return Err("line too long in chunked body".into());
            }
            if !self.more().await? {
                return Err("connection closed inside a chunked body".into());
            }
        }
    }
}

/// A response head: status and the framing it declares.
struct Head {
    status: u16,
    chunked: bool,
    length: Option<usize>,
}

/// Reads a whole response.
pub(crate) async fn read_response(socket: &Socket) -> Result<Response, String> {
    let mut reader = Reader {
        socket,
        buf: Vec::new(),
        eof: false,
    };
    let head = loop {
        let head = read_head(&mut reader).await?;
        // Interim responses (100 Continue, 103 Early Hints) precede the real one.
        if !(100..200).contains(&head.status) || head.status == 101 {
            break head;
        }
    };
    let body = if head.status == 204 || head.status == 304 || (100..200).contains(&head.status) {
        Vec::new()
    } else if head.chunked {
        read_chunked(&mut reader).await?
    } else if let Some(n) = head.length {
        if n > MAX_BODY {
            return Err(format!(
                "Response body too large ({n} bytes, max {MAX_BODY})"
            ));
        }
        reader.take(n).await?
    } else {
        while reader.more().await? {
            if reader.buf.len() > MAX_BODY {
                return Err(format!("Response body too large (max {MAX_BODY} bytes)"));
            }
        }
        std::mem::take(&mut reader.buf)
    };
    Ok(Response {
        status: head.status,
        body,
    })
}

/// Reads and parses one response head.
async fn read_head(reader: &mut Reader<'_>) -> Result<Head, String> {
    loop {
        let mut headers = [httparse::EMPTY_HEADER; 100];
        let mut response = httparse::Response::new(&mut headers);
        match response.parse(&reader.buf) {
            Ok(httparse::Status::Complete(len)) => {
                let status = response.code.ok_or("response without a status")?;
                let head = framing(status, response.headers)?;
                reader.buf.drain(..len);
                return Ok(head);
            }
            Ok(httparse::Status::Partial) => {}
            Err(e) => return Err(format!("malformed response: {e}")),
        }
        if reader.buf.len() > MAX_HEAD {
            return Err(format!("response head larger than {MAX_HEAD} bytes"));
        }
        if !reader.more().await? {
            return Err(if reader.buf.is_empty() {
                "connection closed before a response".into()
            } else {
                "connection closed inside the response head".into()
            });
        }
    }
}

/// The framing `headers` declare.
fn framing(status: u16, headers: &[httparse::Header<'_>]) -> Result<Head, String> {
    let mut head = Head {
        status,
        chunked: false,
        length: None,
    };
    for h in headers {
        let value = std::str::from_utf8(h.value).map_err(|_| "non-UTF-8 framing header")?;
        if h.name.eq_ignore_ascii_case("transfer-encoding") {
            head.chunked |= value
                .split(',')
                .any(|t| t.trim().eq_ignore_ascii_case("chunked"));
        } else if h.name.eq_ignore_ascii_case("content-length") {
            for part in value.split(',') {
                let part = part.trim();
                let n = part
                    .parse::<usize>()
                    .ok()
                    .filter(|_| part.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| format!("invalid Content-Length: {part:?}"))?;
                match head.length {
                    Some(m) if m != n => {
                        return Err(format!(
                            "smuggling guard: conflicting Content-Length values ({m} vs {n})"
                        ))
                    }
                    _ => head.length = Some(n),
                }
            }
        }
    }
    if head.chunked && head.length.is_some() {
        return Err(
            "smuggling guard: response declares both Transfer-Encoding: chunked and Content-Length"
                .into(),
        );
    }
    Ok(head)
}

/// Reads a chunked body and its trailers (which are dropped).
async fn read_chunked(reader: &mut Reader<'_>) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        let line = reader.line().await?;
        let text = String::from_utf8_lossy(&line);
        let size = text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size, 16)
            .ok()
            .filter(|_| !size.is_empty() && size.len() <= 16)
            .ok_or_else(|| format!("invalid chunk size: {size:?}"))?;
        if size == 0 {
            while !reader.line().await?.is_empty() {}
            return Ok(body);
        }
        if body.len() + size > MAX_BODY {
            return Err(format!("Response body too large (max {MAX_BODY} bytes)"));
        }
        body.extend(reader.take(size).await?);
        if !reader.line().await?.is_empty() {
            return Err("chunk not followed by CRLF".into());
        }
    }
}
