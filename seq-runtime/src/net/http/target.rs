//! Where a request goes: parsing an `http://` / `https://` URL, resolving its host, and
//! refusing hosts that resolve to loopback, private, link-local or otherwise internal
//! addresses (protection against server-side request forgery, as upstream's client),
//! unless private addresses are allowed (see [`super::allow_private`]).
//!
//! Invariants: a [`Target`] has a scheme of `http` or `https`, a non-empty host (an IPv6
//! literal without its brackets), a port, a request target starting with `/` free of
//! whitespace and control characters, and the addresses to connect to, every one of
//! which passed the check; the addresses checked are the ones connected to, so a name
//! cannot resolve differently between the check and the connection.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A URL's scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scheme {
    Http,
    Https,
}

/// A parsed URL, before resolution.
#[derive(Debug, PartialEq)]
pub(crate) struct Url {
    pub(crate) scheme: Scheme,
    pub(crate) host: String,
    pub(crate) port: u16,
    /// Path and query, from the `/`.
    pub(crate) path: String,
}

/// A checked destination.
pub(crate) struct Target {
    pub(crate) url: Url,
    pub(crate) addrs: Vec<IpAddr>,
}

impl Url {
    /// The `Host` header: the port only when it is not the scheme's own.
    pub(crate) fn host_header(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match (self.scheme, self.port) {
            (Scheme::Http, 80) | (Scheme::Https, 443) => host,
            _ => format!("{host}:{}", self.port),
        }
    }
}

/// Parses `scheme://[user@]host[:port][/path][?query][#fragment]`.
pub(crate) fn parse(url: &str) -> Result<Url, String> {
    let bad = |why: &str| format!("Invalid URL {url:?}: {why}");
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("whitespace or control characters"));
    }
    let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("no scheme"))?;
    let scheme = match scheme.to_ascii_lowercase().as_str() {
        "http" => Scheme::Http,
        "https" => Scheme::Https,
        other => return Err(format!("Blocked scheme '{other}': only http/https allowed")),
    };
    let rest = rest.split('#').next().unwrap_or("");
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(split);
    let path = match path {
        "" => "/".to_string(),
        p if p.starts_with('?') => format!("/{p}"),
        p => p.to_string(),
    };
    let authority = authority.rsplit('@').next().unwrap_or("");
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (host, after) = inner.split_once(']').ok_or_else(|| bad("unclosed `[`"))?;
        host.parse::<Ipv6Addr>()
            .map_err(|_| bad("bad IPv6 address"))?;
        match after {
            "" => (host, None),
            p => (
                host,
                Some(p.strip_prefix(':').ok_or_else(|| bad("bad port"))?),
            ),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(bad("no host"));
    }
    let port = match port {
        None | Some("") => match scheme {
            Scheme::Http => 80,
            Scheme::Https => 443,
        },
        Some(p) => match p.parse::<u16>() {
            Ok(n) if n != 0 && p.bytes().all(|b| b.is_ascii_digit()) => n,
            _ => return Err(bad("bad port")),
        },
    };
    Ok(Url {
        scheme,
        host: host.to_ascii_lowercase(),
        port,
        path,
    })
}

/// Resolves `url`'s host and checks the addresses (unless `allow_private`).
pub(crate) async fn resolve(url: Url, allow_private: bool) -> Result<Target, String> {
    let host = url.host.as_str();
    if !allow_private
        && (host == "localhost" || host == "localhost.localdomain" || host.ends_with(".localhost"))
    {
        return Err(format!(
            "Blocked: localhost access not allowed ({host}; set SEQ_HTTP_ALLOW_PRIVATE=1 to allow)"
        ));
    }
    let addrs = super::super::resolve(host)
        .await
        .map_err(|e| format!("DNS resolution failed for {host}: {e}"))?;
    if addrs.is_empty() {
        return Err(format!("DNS resolution failed for {host}"));
    }
    if !allow_private {
        if let Some(ip) = addrs.iter().find(|ip| is_internal(**ip)) {
            return Err(format!(
                "Blocked: {host} resolves to private/internal IP {ip} (set SEQ_HTTP_ALLOW_PRIVATE=1 to allow)"
            ));
        }
    }
    Ok(Target { url, addrs })
}

/// Loopback, unspecified, RFC 1918 private, link-local (cloud metadata), broadcast.
pub(crate) fn is_internal_v4(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || o[0] == 0
}

/// Loopback, unspecified, link-local `fe80::/10`, unique local `fc00::/7`, and IPv4
/// addresses mapped or compatible that are internal.
pub(crate) fn is_internal_v6(ip: Ipv6Addr) -> bool {
    let s = ip.segments();
    if ip.is_loopback() || ip.is_unspecified() {
        return true;
    }
    if (s[0] & 0xffc0) == 0xfe80 || (s[0] & 0xfe00) == 0xfc00 {
        return true;
    }
    match ip.to_ipv4_mapped() {
        Some(v4) => is_internal_v4(v4),
        None => false,
    }
}

/// Whether `ip` is an address a request must not reach unless private addresses are
/// allowed.
pub(crate) fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_internal_v4(v4),
        IpAddr::V6(v6) => is_internal_v6(v6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls() {
        let u = parse("https://Example.com").unwrap();
        assert_eq!(
            u,
            Url {
                scheme: Scheme::Https,
                host: "example.com".into(),
                port: 443,
                path: "/".into()
            }
        );
        let u = parse("http://user@h:8080/a/b?x=1#frag").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("h", 8080, "/a/b?x=1")
        );
        let u = parse("http://[::1]:81?q").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("::1", 81, "/?q")
        );
        assert_eq!(u.host_header(), "[::1]:81");
    }

    #[test]
    fn rejects_bad_urls() {
        for bad in [
            "",
            "example.com",
            "ftp://example.com/",
            "http://",
            "http://:80/",
            "http://h:0/",
            "http://h:99999/",
            "http://h:8x/",
            "http://h/a b",
            "http://h/\r\nX: y",
            "http://[::1/",
            "http://[zz]/",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn internal_addresses() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(is_internal(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "192.0.2.1", "172.32.0.1", "2606:4700::1111"] {
            assert!(!is_internal(ip.parse().unwrap()), "{ip}");
        }
    }
}
