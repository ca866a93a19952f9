//! `net.http.*` refuses loopback, private and link-local addresses unless allowed (the
//! allow switch is never turned on in this binary, and `SEQ_HTTP_ALLOW_PRIVATE` must not
//! be set when it runs), before any connection is made.

mod support;

use std::time::Duration;

use seq::runtime::net::http;
use seq::runtime::Value;

fn refused(url: &str) {
    let r = http::get(url);
    assert_eq!(r.get(&"status".to_string()), (Value::Int(0), true), "{url}");
    assert_eq!(
        r.get(&"ok".to_string()),
        (Value::Bool(false), true),
        "{url}"
    );
    match r.get(&"error".to_string()) {
        (Value::String(e), true) => {
            assert!(e.starts_with("Blocked"), "{url}: {e}");
            assert!(e.contains("SEQ_HTTP_ALLOW_PRIVATE"), "{url}: {e}");
        }
        other => panic!("{url}: {other:?}"),
    }
}

#[test]
fn internal_addresses_are_refused() {
    assert!(std::env::var("SEQ_HTTP_ALLOW_PRIVATE").is_err());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    for url in [
        format!("http://127.0.0.1:{port}/"),
        format!("http://localhost:{port}/"),
        format!("https://sub.localhost:{port}/"),
        format!("http://[::1]:{port}/"),
        format!("http://[::ffff:127.0.0.1]:{port}/"),
        format!("http://0.0.0.0:{port}/"),
        "http://10.0.0.1/".to_string(),
        "http://192.168.1.1/".to_string(),
        "http://172.16.5.4/".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
    ] {
        refused(&url);
    }
    let r = http::post(&format!("http://127.0.0.1:{port}/"), "x", "text/plain");
    assert!(
        matches!(r.get(&"error".to_string()), (Value::String(e), true) if e.starts_with("Blocked"))
    );
    // No connection reached the listener.
    listener.set_nonblocking(true).unwrap();
    std::thread::sleep(Duration::from_millis(50));
    assert!(listener.accept().is_err());
}

seq::seq! {
    : refused-error ( -- String Int Bool )
      "http://127.0.0.1:9/x" net.http.get
      dup "error" map.get drop
      over "status" map.get drop
      rot "ok" map.get drop ;
}

#[test]
fn refused_from_seq() {
    let (error, status, ok) = refused_error();
    assert!(error.starts_with("Blocked"), "{error}");
    assert_eq!(status, 0);
    assert!(!ok);
}
