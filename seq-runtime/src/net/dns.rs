//! `net.dns.resolve`: host names to IP addresses through the system's resolver
//! (`getaddrinfo`: `/etc/hosts`, DNS, whatever the system is configured with).
//!
//! `getaddrinfo` blocks, so lookups run on a small pool of resolver threads
//! (`SEQ_DNS_WORKERS`, default 4, started on first use); the strand that asked waits
//! for the answer without its carrier, counted awake. An IP literal is answered at once,
//! and an empty name fails at once.

use std::io;
use std::net::{IpAddr, ToSocketAddrs};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::task::{Poll, Waker};

use crate::{block_on, List};

/// `net.dns.resolve ( host -- addresses ok )`: the host's addresses as strings, in the
/// resolver's order, each once; an empty list and false if it has none.
pub async fn dns_resolve_async(host: &str) -> (List<String>, bool) {
    match resolve(host).await {
        Ok(addrs) if !addrs.is_empty() => {
            let list = addrs.iter().map(IpAddr::to_string).collect();
            (list, true)
        }
        _ => (List::new(), false),
    }
}

/// `net.dns.resolve`, blocking.
pub fn dns_resolve(host: &str) -> (List<String>, bool) {
    block_on(dns_resolve_async(host))
}

/// Resolves `host` (a name or an IP literal) to its addresses, in the resolver's order
/// without repeats. An error if the name is empty or does not resolve.
pub async fn resolve(host: &str) -> io::Result<Vec<IpAddr>> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "empty host name",
        ));
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return Ok(vec![ip]);
    }
    let answer = Arc::new(Mutex::new(Answer::default()));
    let job = Job {
        host: host.to_string(),
        answer: answer.clone(),
    };
    if pool()
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .send(job)
        .is_err()
    {
        return Err(io::Error::other("the resolver threads are gone"));
    }
    std::future::poll_fn(|cx| {
        let mut answer = answer.lock().unwrap_or_else(PoisonError::into_inner);
        match answer.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                answer.waiter = Some(cx.waker().clone());
                crate::strand::trace::note_wait(crate::strand::trace::Wait::Dns);
                Poll::Pending
            }
        }
    })
    .await
}

#[derive(Default)]
struct Answer {
    result: Option<io::Result<Vec<IpAddr>>>,
    waiter: Option<Waker>,
}

struct Job {
    host: String,
    answer: Arc<Mutex<Answer>>,
}

/// The queue of the resolver threads, started on first use.
fn pool() -> &'static Mutex<Sender<Job>> {
    static POOL: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let workers = std::env::var("SEQ_DNS_WORKERS")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(4);
        for i in 0..workers {
            let rx = rx.clone();
            // A thread that fails to start leaves the others to serve the queue.
            let _ = std::thread::Builder::new()
                .name(format!("seq-dns-{i}"))
                .spawn(move || serve(&rx));
        }
        Mutex::new(tx)
    })
}

fn serve(jobs: &Mutex<Receiver<Job>>) {
    loop {
        let job = match jobs.lock().unwrap_or_else(PoisonError::into_inner).recv() {
            Ok(job) => job,
            Err(_) => return,
        };
        let result = lookup(&job.host);
        let waiter = {
            let mut answer = job.answer.lock().unwrap_or_else(PoisonError::into_inner);
            answer.result = Some(result);
            answer.waiter.take()
        };
        if let Some(waker) = waiter {
            waker.wake();
        }
    }
}

fn lookup(host: &str) -> io::Result<Vec<IpAddr>> {
    let mut addrs: Vec<IpAddr> = Vec::new();
    for addr in (host, 0).to_socket_addrs()? {
        if !addrs.contains(&addr.ip()) {
            addrs.push(addr.ip());
        }
    }
    Ok(addrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_resolve_to_themselves_and_empty_names_fail() {
        assert_eq!(
            block_on(resolve("127.0.0.1")).unwrap(),
            vec!["127.0.0.1".parse::<IpAddr>().unwrap()]
        );
        assert_eq!(
            block_on(resolve("[::1]")).unwrap(),
            vec!["::1".parse::<IpAddr>().unwrap()]
        );
        assert!(block_on(resolve("")).is_err());
    }

    #[test]
    fn localhost_resolves_through_the_pool_and_invalid_names_do_not() {
        let addrs = block_on(resolve("localhost")).unwrap();
        assert!(addrs.iter().all(|ip| ip.is_loopback()), "{addrs:?}");
        let (list, ok) = dns_resolve("no-such-host.invalid");
        assert!(!ok && list.is_empty());
    }
}
