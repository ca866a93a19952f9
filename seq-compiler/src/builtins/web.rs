//! The table's entries for TLS and HTTP (`net.tls.client`, `net.http.get`,
//! `net.http.post`, `net.http.put`, `net.http.delete`, as upstream's): each calls
//! `seq::runtime::net`, whose `tls` and `http` features provide them (without a feature,
//! code naming its words does not compile). Every word waits for the network, so each
//! has its blocking form in `emit` and its future in `waits`; arguments are borrowed.
//!
//! `net.tls.client` answers a TLS socket and `true`, or a closed socket and `false`. An
//! HTTP word answers a response map (`Map<String, Variant>`: "status", "body", "ok", and
//! "error" when no response arrived), never a failure flag.

use super::{b, Builtin, Emit};
use quote::quote;

/// TLS and HTTP.
pub static WEB: &[Builtin] = &[
    b(
        "net.tls.client",
        "( Socket String -- Socket Bool )",
        code!(|s, host| ::seq::runtime::net::tls_client(&#s, &#host)),
    )
    .by_ref(&[0, 1])
    .waits(code!(|s, host| ::seq::runtime::net::tls_client_async(&#s, &#host).await))
    .doc(
        "`socket host`: a TLS connection over the TCP socket, checked against the host, and \
             true; a closed socket and false on failure.",
    ),
    b(
        "net.http.get",
        "( String -- Map<String, Variant> )",
        code!(|url| ::seq::runtime::net::http::get(&#url)),
    )
    .by_ref(&[0])
    .waits(code!(|url| ::seq::runtime::net::http::get_async(&#url).await))
    .doc("GETs the URL; the response map."),
    b(
        "net.http.post",
        "( String String String -- Map<String, Variant> )",
        code!(|url, body, ct| ::seq::runtime::net::http::post(&#url, &#body, &#ct)),
    )
    .by_ref(&[0, 1, 2])
    .waits(code!(|url, body, ct| {
        ::seq::runtime::net::http::post_async(&#url, &#body, &#ct).await
    }))
    .doc("`url body content-type`: POSTs the body; the response map."),
    b(
        "net.http.put",
        "( String String String -- Map<String, Variant> )",
        code!(|url, body, ct| ::seq::runtime::net::http::put(&#url, &#body, &#ct)),
    )
    .by_ref(&[0, 1, 2])
    .waits(code!(|url, body, ct| {
        ::seq::runtime::net::http::put_async(&#url, &#body, &#ct).await
    }))
    .doc("`url body content-type`: PUTs the body; the response map."),
    b(
        "net.http.delete",
        "( String -- Map<String, Variant> )",
        code!(|url| ::seq::runtime::net::http::delete(&#url)),
    )
    .by_ref(&[0])
    .waits(code!(|url| ::seq::runtime::net::http::delete_async(&#url).await))
    .doc("DELETEs the URL; the response map."),
];
