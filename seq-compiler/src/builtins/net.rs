//! The table's entries for networking (`net.tcp.*`, `net.udp.*`, `net.dns.resolve`,
//! `socket->fd`, `fd->socket`, as upstream's): each calls `seq::runtime::net`, where every
//! failure is a false flag and the word's zero values. A word that waits for the network
//! (accept, connect, read, write, send, receive, resolve) has its blocking form in `emit`
//! and its future in `waits`, so a strand waiting on a socket in asynchronous code holds
//! no stack. Sockets are borrowed: the words take a handle, never the socket's ownership
//! (closing is `net.tcp.close` / `net.udp.close`, or dropping the last copy).

use super::{b, Builtin, Emit};
use quote::quote;

/// Networking.
pub static NET: &[Builtin] = &[
    b(
        "net.tcp.listen",
        "( Int -- Socket Bool )",
        code!(|port| ::seq::runtime::net::tcp_listen(#port)),
    ),
    b(
        "net.tcp.accept",
        "( Socket -- Socket Bool )",
        code!(|s| ::seq::runtime::net::tcp_accept(&#s)),
    )
    .by_ref(&[0])
    .waits(code!(|s| ::seq::runtime::net::tcp_accept_async(&#s).await)),
    b(
        "net.tcp.connect",
        "( String Int -- Socket Bool )",
        code!(|host, port| ::seq::runtime::net::tcp_connect(&#host, #port)),
    )
    .by_ref(&[0])
    .waits(code!(|host, port| ::seq::runtime::net::tcp_connect_async(&#host, #port).await)),
    b(
        "net.tcp.local-port",
        "( Socket -- Int Bool )",
        code!(|s| ::seq::runtime::net::tcp_local_port(&#s)),
    )
    .by_ref(&[0]),
    b(
        "net.tcp.read",
        "( Socket -- String Bool )",
        code!(|s| ::seq::runtime::net::tcp_read(&#s)),
    )
    .by_ref(&[0])
    .waits(code!(|s| ::seq::runtime::net::tcp_read_async(&#s).await)),
    b(
        "net.tcp.write",
        "( String Socket -- Bool )",
        code!(|data, s| ::seq::runtime::net::tcp_write(&#data, &#s)),
    )
    .by_ref(&[0, 1])
    .waits(code!(|data, s| ::seq::runtime::net::tcp_write_async(&#data, &#s).await)),
    b(
        "net.tcp.close",
        "( Socket -- Bool )",
        code!(|s| ::seq::runtime::net::tcp_close(&#s)),
    )
    .by_ref(&[0]),
    b(
        "socket->fd",
        "( Socket -- Int )",
        code!(|s| ::seq::runtime::net::socket_to_fd(&#s)),
    )
    .by_ref(&[0]),
    b(
        "fd->socket",
        "( Int -- Socket )",
        code!(|fd| ::seq::runtime::net::fd_to_socket(#fd)),
    ),
    b(
        "net.udp.bind",
        "( Int -- Socket Int Bool )",
        code!(|port| ::seq::runtime::net::udp_bind(#port)),
    ),
    b(
        "net.udp.send-to",
        "( String String Int Socket -- Bool )",
        code!(|data, host, port, s| ::seq::runtime::net::udp_send_to(&#data, &#host, #port, &#s)),
    )
    .by_ref(&[0, 1, 3])
    .waits(code!(|data, host, port, s| {
        ::seq::runtime::net::udp_send_to_async(&#data, &#host, #port, &#s).await
    })),
    b(
        "net.udp.receive-from",
        "( Socket -- String String Int Bool )",
        code!(|s| ::seq::runtime::net::udp_receive_from(&#s)),
    )
    .by_ref(&[0])
    .waits(code!(|s| ::seq::runtime::net::udp_receive_from_async(&#s).await)),
    b(
        "net.udp.close",
        "( Socket -- Bool )",
        code!(|s| ::seq::runtime::net::udp_close(&#s)),
    )
    .by_ref(&[0]),
    b(
        "net.dns.resolve",
        "( String -- List<String> Bool )",
        code!(|host| ::seq::runtime::net::dns_resolve(&#host)),
    )
    .by_ref(&[0])
    .waits(code!(|host| ::seq::runtime::net::dns_resolve_async(&#host).await)),
];
