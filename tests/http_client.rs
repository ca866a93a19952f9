//! `net.http.*` against local HTTP and HTTPS servers (private addresses allowed for the
//! whole binary; `tests/http_private.rs` checks they are refused by default).

mod support;

use seq::runtime::net::http::{self, Response};
use seq::runtime::{bytes, Value};

fn setup() -> u16 {
    http::allow_private(true);
    http::set_timeout_ms(3000);
    support::http(support::routes).port
}

fn int(r: &Response, key: &str) -> i64 {
    match r.get(&key.to_string()) {
        (Value::Int(n), true) => n,
        other => panic!("{key}: {other:?}"),
    }
}

fn text(r: &Response, key: &str) -> String {
    match r.get(&key.to_string()) {
        (Value::String(s), true) => s,
        other => panic!("{key}: {other:?}"),
    }
}

fn ok(r: &Response) -> bool {
    match r.get(&"ok".to_string()) {
        (Value::Bool(b), true) => b,
        other => panic!("ok: {other:?}"),
    }
}

fn failed(r: &Response, needle: &str) {
    assert_eq!(int(r, "status"), 0, "{r:?}");
    assert!(!ok(r));
    assert_eq!(text(r, "body"), "");
    let error = text(r, "error");
    assert!(error.contains(needle), "{error:?} lacks {needle:?}");
}

fn answered(r: &Response, status: i64, body: &str) {
    assert_eq!(int(r, "status"), status, "{r:?}");
    assert_eq!(text(r, "body"), body);
    assert_eq!(ok(r), (200..300).contains(&status));
    assert!(!r.has(&"error".to_string()));
}

#[test]
fn get() {
    let port = setup();
    answered(
        &http::get(&format!("http://127.0.0.1:{port}/hello")),
        200,
        "hello",
    );
}

#[test]
fn not_found_is_a_response() {
    let port = setup();
    answered(
        &http::get(&format!("http://127.0.0.1:{port}/missing")),
        404,
        "nope",
    );
}

#[test]
fn post_put_delete() {
    let port = setup();
    let url = format!("http://127.0.0.1:{port}/echo");
    let host = format!("127.0.0.1:{port}");
    answered(
        &http::post(&url, "{\"k\":1}", "application/json"),
        200,
        &format!("POST|application/json|close|{host}|{{\"k\":1}}"),
    );
    answered(
        &http::put(&url, "new", "text/plain"),
        201,
        &format!("PUT|text/plain|close|{host}|new"),
    );
    answered(&http::get(&url), 200, &format!("GET|-|close|{host}|"));
    answered(
        &http::delete(&format!("http://127.0.0.1:{port}/item")),
        200,
        "deleted",
    );
}

#[test]
fn body_framings() {
    let port = setup();
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
    answered(&http::get(&url("/chunked")), 200, "Hello, chunked world");
    answered(&http::get(&url("/eof")), 200, "until the end");
    answered(&http::get(&url("/continue")), 200, "after continue");
    answered(&http::get(&url("/empty")), 204, "");
    // Redirects are not followed.
    answered(&http::get(&url("/redirect")), 302, "moved");
}

#[test]
fn binary_bodies_round_trip() {
    let port = setup();
    let all: Vec<u8> = (0..=255u8).collect();
    let r = http::get(&format!("http://127.0.0.1:{port}/binary"));
    assert_eq!(bytes::to_bytes(&text(&r, "body")).as_ref(), &all[..]);
    let r = http::post(
        &format!("http://127.0.0.1:{port}/echo"),
        &bytes::from_slice(&all),
        "application/octet-stream",
    );
    let body = text(&r, "body");
    let body = bytes::to_bytes(&body);
    assert!(body.ends_with(&all), "{body:?}");
}

#[test]
fn malformed_responses_are_errors() {
    let port = setup();
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
    failed(&http::get(&url("/both")), "smuggling guard");
    failed(&http::get(&url("/truncated")), "before the end of the body");
    failed(&http::get(&url("/garbage")), "malformed response");
}

#[test]
fn timeout() {
    let port = setup();
    failed(
        &http::get(&format!("http://127.0.0.1:{port}/silent")),
        "Timed out",
    );
}

#[test]
fn refused_connection() {
    setup();
    let port = support::refused_port();
    failed(
        &http::get(&format!("http://127.0.0.1:{port}/")),
        "Connection error",
    );
}

#[test]
fn bad_urls() {
    setup();
    for (url, why) in [
        ("", "Invalid URL"),
        ("not a url", "Invalid URL"),
        ("example.com/x", "Invalid URL"),
        ("ftp://example.com/", "Blocked scheme"),
        ("http://127.0.0.1:99999/", "Invalid URL"),
        ("http:///path", "Invalid URL"),
        ("http://127.0.0.1/a\r\nInjected: yes", "Invalid URL"),
        ("http://no-such-host.invalid/", "DNS resolution failed"),
    ] {
        failed(&http::get(url), why);
    }
    let port = setup();
    failed(
        &http::post(&format!("http://127.0.0.1:{port}/echo"), "x", "a\r\nX: y"),
        "Content-Type",
    );
}

#[test]
fn https() {
    setup();
    let server = support::https(&["localhost"], support::routes);
    assert!(seq::runtime::net::add_trust_root(
        server.cert.as_deref().unwrap()
    ));
    let url = |path: &str| format!("https://localhost:{}{path}", server.port);
    answered(&http::get(&url("/hello")), 200, "hello");
    answered(&http::get(&url("/chunked")), 200, "Hello, chunked world");
    answered(
        &http::put(&url("/echo"), "tls body", "text/plain"),
        201,
        &format!("PUT|text/plain|close|localhost:{}|tls body", server.port),
    );
}

#[test]
fn https_untrusted_or_wrong_name() {
    setup();
    let untrusted = support::https(&["localhost"], support::routes);
    failed(
        &http::get(&format!("https://localhost:{}/hello", untrusted.port)),
        "TLS handshake failed",
    );
    let trusted = support::https(&["localhost"], support::routes);
    assert!(seq::runtime::net::add_trust_root(
        trusted.cert.as_deref().unwrap()
    ));
    failed(
        &http::get(&format!("https://127.0.0.1:{}/hello", trusted.port)),
        "TLS handshake failed",
    );
    // A server that speaks no TLS behind an https URL.
    let port = support::closing();
    failed(
        &http::get(&format!("https://127.0.0.1:{port}/hello")),
        "TLS handshake failed",
    );
}

#[test]
fn waits_in_async_code() {
    let port = setup();
    let url = format!("http://127.0.0.1:{port}/hello");
    let r = seq::runtime::block_on(async move { http::get_async(&url).await });
    answered(&r, 200, "hello");
}
