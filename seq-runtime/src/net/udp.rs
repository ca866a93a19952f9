//! `net.udp.*`: binding, sending and receiving datagrams, closing.
//!
//! A socket binds every IPv4 address. `send-to` resolves a host name like
//! `net.tcp.connect` and tries its addresses in order (an IPv6 address fails on the IPv4
//! socket and the next one is tried); `receive-from` waits for one datagram of up to
//! 64 KiB and gives its bytes and the sender's address and port.

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use mio::net::UdpSocket;

use super::reactor::Dir;
use super::socket::{unusable, Io, Socket};
use crate::{block_on, bytes};

/// The largest datagram `net.udp.receive-from` returns whole.
const MAX_DATAGRAM: usize = 65_536;

/// `net.udp.bind ( port -- socket bound-port ok )`: port 0 lets the system choose;
/// failure leaves a closed socket, 0 and false.
pub fn udp_bind(port: i64) -> (Socket, i64, bool) {
    let bound = u16::try_from(port)
        .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
        .and_then(|port| UdpSocket::bind(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port)))
        .and_then(|udp| {
            let port = udp.local_addr()?.port();
            Ok((Socket::open(Io::Udp(udp))?, port))
        });
    match bound {
        Ok((socket, port)) => (socket, i64::from(port), true),
        Err(_) => (Socket::default(), 0, false),
    }
}

/// `net.udp.send-to ( bytes host port socket -- ok )`: sends one datagram.
pub async fn udp_send_to_async(data: &str, host: &str, port: i64, socket: &Socket) -> bool {
    let Ok(port) = u16::try_from(port) else {
        return false;
    };
    if port == 0 || socket.handle().is_none() {
        return false;
    }
    let Ok(addrs) = super::resolve(host).await else {
        return false;
    };
    let data = bytes::to_bytes(data);
    for ip in addrs {
        let target = SocketAddr::new(ip, port);
        let sent = socket
            .io(Dir::Write, |io| match io {
                Io::Udp(u) => u.send_to(&data, target),
                _ => Err(unusable()),
            })
            .await;
        if sent.is_ok_and(|n| n == data.len()) {
            return true;
        }
    }
    false
}

/// `net.udp.send-to`, blocking.
pub fn udp_send_to(data: &str, host: &str, port: i64, socket: &Socket) -> bool {
    block_on(udp_send_to_async(data, host, port, socket))
}

/// `net.udp.receive-from ( socket -- bytes host port ok )`: waits for one datagram;
/// failure gives "", "", 0 and false.
pub async fn udp_receive_from_async(socket: &Socket) -> (String, String, i64, bool) {
    let received = socket
        .io(Dir::Read, |io| {
            super::with_scratch(|buf| {
                let (n, from) = match io {
                    Io::Udp(u) => u.recv_from(&mut buf[..MAX_DATAGRAM])?,
                    _ => return Err(unusable()),
                };
                Ok((bytes::from_slice(&buf[..n]), from))
            })
        })
        .await;
    match received {
        Ok((data, from)) => (data, from.ip().to_string(), i64::from(from.port()), true),
        Err(_) => (String::new(), String::new(), 0, false),
    }
}

/// `net.udp.receive-from`, blocking.
pub fn udp_receive_from(socket: &Socket) -> (String, String, i64, bool) {
    block_on(udp_receive_from_async(socket))
}

/// `net.udp.close ( socket -- ok )`: false if it was not an open UDP socket.
pub fn udp_close(socket: &Socket) -> bool {
    let udp = socket
        .with(|io| Ok(matches!(io, Io::Udp(_))))
        .unwrap_or(false);
    udp && socket.close()
}
