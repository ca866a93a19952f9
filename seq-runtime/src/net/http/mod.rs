//! `net.http.get`, `net.http.post`, `net.http.put`, `net.http.delete`: an HTTP/1.1
//! client (`http://` over TCP, `https://` over `net.tls.client`'s TLS), as upstream's.
//!
//! Every word gives a response map, never a panic:
//!
//! - `"status"` (Int): the HTTP status, or 0 when no response arrived;
//! - `"body"` (String): the response body as bytes (see [`crate::bytes`]: binary bodies
//!   round-trip), empty on failure;
//! - `"ok"` (Bool): whether the status is 2xx;
//! - `"error"` (String): what went wrong, present only when no response arrived.
//!
//! Its type is `Map<String, Variant>`: `map.get` and `map.has?` on it read each field at
//! the type its use needs. (A word that names the map by a type variable, like upstream's
//! `( M String -- Bool Bool )` helpers, is inferred to take a map of one value type, and
//! converting the response to that fails at run time on the fields of other types.)
//!
//! Requests to hosts that resolve to loopback, private or link-local addresses are
//! refused (server-side request forgery protection, as upstream's) unless
//! [`allow_private`] or the environment variable `SEQ_HTTP_ALLOW_PRIVATE=1` allows them.
//! A request has a deadline for all of it (connect, TLS, request, response), 30 s unless
//! [`set_timeout_ms`] or `SEQ_HTTP_REQUEST_TIMEOUT_MS` says otherwise; a connection
//! attempt also gives up on one address after 10 s. Redirects are returned as they are.

mod target;
mod wire;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};

use crate::block_on;
use crate::bytes;
use crate::map::Map;
use crate::value::Value;
use target::Scheme;

/// The response map's type: keys to dynamically typed values.
pub type Response = Map<String, Value>;

/// The deadline of a request unless set otherwise.
const DEFAULT_TIMEOUT_MS: u64 = 30_000;

/// 0: as the environment says; 1: allowed; 2: refused.
static ALLOW_PRIVATE: AtomicU8 = AtomicU8::new(0);
/// 0: as the environment says; otherwise the deadline in milliseconds.
static TIMEOUT_MS: AtomicU64 = AtomicU64::new(0);

/// Allows (or, with `false`, refuses) requests to loopback, private and link-local
/// addresses, for the whole process, whatever `SEQ_HTTP_ALLOW_PRIVATE` says.
pub fn allow_private(allow: bool) {
    ALLOW_PRIVATE.store(if allow { 1 } else { 2 }, Ordering::Relaxed);
}

/// Sets the deadline of every later request of the process, in milliseconds (0: back to
/// `SEQ_HTTP_REQUEST_TIMEOUT_MS`, or 30 s).
pub fn set_timeout_ms(ms: u64) {
    TIMEOUT_MS.store(ms, Ordering::Relaxed);
}

fn private_allowed() -> bool {
    match ALLOW_PRIVATE.load(Ordering::Relaxed) {
        1 => true,
        2 => false,
        _ => std::env::var("SEQ_HTTP_ALLOW_PRIVATE").is_ok_and(|v| v == "1" || v == "true"),
    }
}

fn timeout_ms() -> u64 {
    match TIMEOUT_MS.load(Ordering::Relaxed) {
        0 => std::env::var("SEQ_HTTP_REQUEST_TIMEOUT_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|&ms| ms > 0)
            .unwrap_or(DEFAULT_TIMEOUT_MS),
        ms => ms,
    }
}

fn response(status: i64, body: Vec<u8>, error: Option<String>) -> Response {
    let map = Map::new()
        .set("status".to_string(), Value::Int(status))
        .set("body".to_string(), Value::String(bytes::from_bytes(body)))
        .set("ok".to_string(), Value::Bool((200..300).contains(&status)));
    match error {
        Some(e) => map.set("error".to_string(), Value::String(e)),
        None => map,
    }
}

/// Performs `method url` with an optional `(content type, body)`: the response map.
async fn request(method: &str, url: &str, body: Option<(&str, &str)>) -> Response {
    let body = body.map(|(ct, data)| (ct, bytes::to_bytes(data)));
    let body = body.as_ref().map(|(ct, data)| (*ct, &data[..]));
    let work = exchange(method, url, body);
    let ms = timeout_ms();
    let deadline = crate::sleep_ms_async(i64::try_from(ms).unwrap_or(i64::MAX));
    match super::first(work, deadline).await {
        Some(Ok(r)) => response(i64::from(r.status), r.body, None),
        Some(Err(e)) => response(0, Vec::new(), Some(e)),
        None => response(
            0,
            Vec::new(),
            Some(format!("Timed out: no complete response within {ms} ms")),
        ),
    }
}

/// Parses, checks, connects, sends, receives.
async fn exchange(
    method: &str,
    url: &str,
    body: Option<(&str, &[u8])>,
) -> Result<wire::Response, String> {
    let url = target::parse(url)?;
    let target = target::resolve(url, private_allowed()).await?;
    let url = &target.url;
    let mut socket = None;
    let mut last = String::new();
    for ip in &target.addrs {
        match super::tcp::connect_addr(SocketAddr::new(*ip, url.port)).await {
            Ok(s) => {
                socket = Some(s);
                break;
            }
            Err(e) => last = format!("{ip}: {e}"),
        }
    }
    let Some(mut socket) = socket else {
        return Err(format!(
            "Connection error: could not connect to {}:{} ({last})",
            url.host, url.port
        ));
    };
    if url.scheme == Scheme::Https {
        let tcp = socket;
        socket = super::tls::upgrade(&tcp, &url.host)
            .await
            .map_err(|e| format!("TLS handshake failed with {}: {e}", url.host))?;
    }
    let outcome = async {
        wire::write_request(&socket, method, url, body).await?;
        wire::read_response(&socket).await
    }
    .await;
    socket.close();
    outcome.map_err(|e| format!("Connection error: {e}"))
}

/// `net.http.get ( url -- response )`, waiting for the response.
pub async fn get_async(url: &str) -> Response {
    request("GET", url, None).await
}

/// `net.http.get`, blocking.
pub fn get(url: &str) -> Response {
    block_on(get_async(url))
}

/// `net.http.post ( url body content-type -- response )`, waiting for the response.
pub async fn post_async(url: &str, body: &str, content_type: &str) -> Response {
    request("POST", url, Some((content_type, body))).await
}

/// `net.http.post`, blocking.
pub fn post(url: &str, body: &str, content_type: &str) -> Response {
    block_on(post_async(url, body, content_type))
}

/// `net.http.put ( url body content-type -- response )`, waiting for the response.
pub async fn put_async(url: &str, body: &str, content_type: &str) -> Response {
    request("PUT", url, Some((content_type, body))).await
}

/// `net.http.put`, blocking.
pub fn put(url: &str, body: &str, content_type: &str) -> Response {
    block_on(put_async(url, body, content_type))
}

/// `net.http.delete ( url -- response )`, waiting for the response.
pub async fn delete_async(url: &str) -> Response {
    request("DELETE", url, None).await
}

/// `net.http.delete`, blocking.
pub fn delete(url: &str) -> Response {
    block_on(delete_async(url))
}
