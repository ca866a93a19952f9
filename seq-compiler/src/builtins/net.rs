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
    )
    .doc(
        "A listener on the port (every IPv4 address; 0 lets the system choose) and true; a \
             closed socket and false on failure.",
    ),
    b(
        "net.tcp.accept",
        "( Socket -- Socket Bool )",
        code!(|s| ::seq::runtime::net::tcp_accept(&#s)),
    )
    .by_ref(&[0])
    .waits(code!(|s| ::seq::runtime::net::tcp_accept_async(&#s).await))
    .doc("The next connection and true, waiting for one; a closed socket and false on failure."),
    b(
        "net.tcp.connect",
        "( String Int -- Socket Bool )",
        code!(|host, port| ::seq::runtime::net::tcp_connect(&#host, #port)),
    )
    .by_ref(&[0])
    .waits(code!(|host, port| ::seq::runtime::net::tcp_connect_async(&#host, #port).await))
    .doc(
        "`host port`: a connection and true (each address tried for up to 10 s); a closed \
             socket and false on failure.",
    ),
    b(
        "net.tcp.local-port",
        "( Socket -- Int Bool )",
        code!(|s| ::seq::runtime::net::tcp_local_port(&#s)),
    )
    .by_ref(&[0])
    .doc("The socket's local port and true; 0 and false on failure."),
    b(
        "net.tcp.read",
        "( Socket -- String Bool )",
        code!(|s| ::seq::runtime::net::tcp_read(&#s)),
    )
    .by_ref(&[0])
    .waits(code!(|s| ::seq::runtime::net::tcp_read_async(&#s).await))
    .doc(
        "The next batch of bytes that arrived and true, waiting for some (\"\" and true at \
             end of stream); \"\" and false on an error.",
    ),
    b(
        "net.tcp.write",
        "( String Socket -- Bool )",
        code!(|data, s| ::seq::runtime::net::tcp_write(&#data, &#s)),
    )
    .by_ref(&[0, 1])
    .waits(code!(|data, s| ::seq::runtime::net::tcp_write_async(&#data, &#s).await))
    .doc("`bytes socket`: writes all the bytes; whether that worked."),
    b(
        "net.tcp.close",
        "( Socket -- Bool )",
        code!(|s| ::seq::runtime::net::tcp_close(&#s)),
    )
    .by_ref(&[0])
    .doc(
        "Closes the listener or connection (every copy); false if it was not an open TCP \
             socket.",
    ),
    b(
        "socket->fd",
        "( Socket -- Int )",
        code!(|s| ::seq::runtime::net::socket_to_fd(&#s)),
    )
    .by_ref(&[0])
    .doc("The socket's file descriptor number; 0 for a closed socket."),
    b(
        "fd->socket",
        "( Int -- Socket )",
        code!(|fd| ::seq::runtime::net::fd_to_socket(#fd)),
    )
    .doc("The open Seq socket with this descriptor; a closed socket if there is none."),
    b(
        "net.udp.bind",
        "( Int -- Socket Int Bool )",
        code!(|port| ::seq::runtime::net::udp_bind(#port)),
    )
    .doc(
        "A UDP socket on the port (0: the system chooses), the bound port and true; a closed \
             socket, 0 and false on failure.",
    ),
    b(
        "net.udp.send-to",
        "( String String Int Socket -- Bool )",
        code!(|data, host, port, s| ::seq::runtime::net::udp_send_to(&#data, &#host, #port, &#s)),
    )
    .by_ref(&[0, 1, 3])
    .waits(code!(|data, host, port, s| {
        ::seq::runtime::net::udp_send_to_async(&#data, &#host, #port, &#s).await
    }))
    .doc("`bytes host port socket`: sends one datagram; whether that worked."),
    b(
        "net.udp.receive-from",
        "( Socket -- String String Int Bool )",
        code!(|s| ::seq::runtime::net::udp_receive_from(&#s)),
    )
    .by_ref(&[0])
    .waits(code!(|s| ::seq::runtime::net::udp_receive_from_async(&#s).await))
    .doc(
        "The next datagram, the sender's host and port, and true, waiting for one; \"\", \
             \"\", 0 and false on failure.",
    ),
    b(
        "net.udp.close",
        "( Socket -- Bool )",
        code!(|s| ::seq::runtime::net::udp_close(&#s)),
    )
    .by_ref(&[0])
    .doc("Closes the socket; false if it was not an open UDP socket."),
    b(
        "net.dns.resolve",
        "( String -- List<String> Bool )",
        code!(|host| ::seq::runtime::net::dns_resolve(&#host)),
    )
    .by_ref(&[0])
    .waits(code!(|host| ::seq::runtime::net::dns_resolve_async(&#host).await))
    .doc("The host's addresses as text and true; an empty list and false if it has none."),
];
