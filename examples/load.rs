//! Load generator for TCP echo servers (the Seq echo server `examples/echo_server.rs` and
//! its Go peer `benches/peers/echo.go`; `benches/compare.sh echo` runs both under it).
//!
//! ```text
//! cargo run --release --example load -- --addr 127.0.0.1:PORT --conns C --rounds R \
//!     --size B [--duration-s S] [--drop K] [--threads T] [--batch N] [--timeout-s S]
//! ```
//!
//! 1. Ramp-up: opens `C` connections in batches of `--batch` (default 100) at a time, so
//!    that no more than one batch waits in the server's accept queue. Each connection
//!    proves it is served with one greeting round trip (not measured, not counted in `ok`).
//! 2. Measured phase: every connection does `R` sequential round trips of `B` bytes
//!    (or as many as fit in `--duration-s S`; with `--duration-s` alone, no round limit):
//!    it writes a payload unique to (connection, round), reads until exactly `B` bytes came
//!    back, however TCP splits them, and compares them byte for byte. A wrong echo is a
//!    mismatch ("mixed up" when it is another connection's or round's payload).
//! 3. With `--drop K`, K extra connections run alongside the measured phase, one per
//!    millisecond: a third send half a request and reset the connection (RST), a third
//!    send half a request and close it, a third connect and close at once. The server must
//!    keep serving everyone else; a last probe connection checks that it is still alive.
//!
//! Output: a summary, then one line
//! `LOAD:conns=C:rounds=R:size=B:drop=K:opened=O:ok=N:errors=E:mismatches=M:lost=L:ms=T:`
//! `rps=X:p50us=..:p99us=..:p999us=..:maxus=..:ramp_ms=..` (one line, no break; `rounds=0`
//! when only `--duration-s` limits the rounds) where
//! `ok` counts verified round trips, `errors` failed connects and round trips (I/O error,
//! timeout, early close), `lost` connections the server closed or reset before their
//! rounds were done, `ms` the measured phase and `rps` = ok / ms. Exit code 0 only if
//! nothing failed (and, without `--duration-s`, ok = C * R); 1 otherwise; 2 on bad usage.
//!
//! File descriptors: one per connection. The soft `RLIMIT_NOFILE` is raised to the hard
//! limit inside this process; if even the hard limit is too low, the program says so and
//! stops: raise it for the shell (`ulimit -Hn` can only be raised by root:
//! `/etc/security/limits.conf`, systemd `LimitNOFILE=`, `docker run --ulimit nofile=N:N`).
//! The server needs as many, plus the loopback ephemeral port range
//! (`/proc/sys/net/ipv4/ip_local_port_range`, 28,232 ports by default) bounds C.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio::time::timeout;

/// The command line.
struct Config {
    /// The server (`--addr`).
    addr: SocketAddr,
    /// Measured connections (`--conns`, default 100).
    conns: usize,
    /// Round trips per connection (`--rounds`, default 100; `u64::MAX`: no limit).
    rounds: u64,
    /// Bytes per request (`--size`, default 64).
    size: usize,
    /// Time limit of the measured phase (`--duration-s`).
    duration: Option<Duration>,
    /// Misbehaving extra connections (`--drop`, default 0).
    drop: usize,
    /// Runtime threads (`--threads`, default 1: a current-thread runtime).
    threads: usize,
    /// Connections opened at once during ramp-up, and drop connections in flight at most
    /// (`--batch`, default 100).
    batch: usize,
    /// Limit on each connect and each round trip (`--timeout-s`, default 30).
    timeout: Duration,
}

/// The synopsis printed on bad usage.
const USAGE: &str = "usage: load --addr HOST:PORT --conns C --rounds R --size B \
[--duration-s S] [--drop K] [--threads T] [--batch N] [--timeout-s S]";

/// Parses `--key value` / `--key=value` arguments.
fn parse_args() -> Result<Config, String> {
    let mut cfg = Config {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        conns: 100,
        rounds: 100,
        size: 64,
        duration: None,
        drop: 0,
        threads: 1,
        batch: 100,
        timeout: Duration::from_secs(30),
    };
    let (mut have_addr, mut have_rounds) = (false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (key, value) = match arg.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => {
                let v = args.next().ok_or(format!("{arg} needs a value"))?;
                (arg, v)
            }
        };
        let num = |v: &str| -> Result<u64, String> {
            v.replace('_', "")
                .parse::<u64>()
                .map_err(|_| format!("{key}: not a number: {v}"))
        };
        match key.as_str() {
            "--addr" => {
                cfg.addr = value
                    .parse()
                    .map_err(|_| format!("--addr: not HOST:PORT: {value}"))?;
                have_addr = true;
            }
            "--conns" => cfg.conns = num(&value)? as usize,
            "--rounds" => {
                cfg.rounds = num(&value)?;
                have_rounds = true;
            }
            "--size" => cfg.size = num(&value)? as usize,
            "--duration-s" => cfg.duration = Some(Duration::from_secs(num(&value)?)),
            "--drop" => cfg.drop = num(&value)? as usize,
            "--threads" => cfg.threads = num(&value)? as usize,
            "--batch" => cfg.batch = num(&value)? as usize,
            "--timeout-s" => cfg.timeout = Duration::from_secs(num(&value)?),
            _ => return Err(format!("unknown argument {key}")),
        }
    }
    if !have_addr {
        return Err("--addr is required".into());
    }
    if cfg.duration.is_some() && !have_rounds {
        cfg.rounds = u64::MAX;
    }
    if cfg.conns == 0 || cfg.size == 0 || cfg.threads == 0 || cfg.batch == 0 {
        return Err("--conns, --size, --threads and --batch must be at least 1".into());
    }
    Ok(cfg)
}

/// Raises the soft open-file limit to the hard one if `needed` descriptors do not fit.
fn raise_fd_limit(needed: u64) -> Result<(), String> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read or write the struct we pass.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return Err(format!("getrlimit: {}", io::Error::last_os_error()));
    }
    if lim.rlim_cur >= needed {
        return Ok(());
    }
    if lim.rlim_max < needed {
        return Err(format!(
            "needs about {needed} file descriptors but the hard limit (ulimit -Hn) is {}: \
             raise it (as root: /etc/security/limits.conf `nofile`, systemd LimitNOFILE=, \
             docker --ulimit nofile=N:N), then `ulimit -n N` in the shell",
            lim.rlim_max
        ));
    }
    lim.rlim_cur = lim.rlim_max;
    // SAFETY: as above.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) } != 0 {
        return Err(format!("setrlimit: {}", io::Error::last_os_error()));
    }
    Ok(())
}

/// The request of connection `conn` in round `round` (0 = greeting): `C<conn>R<round>|`
/// then filler bytes drawn from a generator seeded by both, cut to `size` bytes.
fn payload(conn: usize, round: u64, size: usize, out: &mut Vec<u8>) {
    out.clear();
    // Writing into a Vec cannot fail.
    let _ = write!(out, "C{conn}R{round}|");
    let mut state = (conn as u64) << 40 ^ round ^ 0x9e37_79b9_7f4a_7c15;
    while out.len() < size {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out.extend_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    out.truncate(size);
}

/// How many mismatches have been described on stderr (at most [`MAX_REPORTED`]).
static REPORTED: AtomicUsize = AtomicUsize::new(0);
/// Mismatches beyond this many are only counted.
const MAX_REPORTED: usize = 5;

/// Describes a wrong echo on stderr: whose payload it was, or where it went wrong.
fn report_mismatch(conn: usize, round: u64, want: &[u8], got: &[u8]) {
    if REPORTED.fetch_add(1, Ordering::Relaxed) >= MAX_REPORTED {
        return;
    }
    let head = |b: &[u8]| -> String {
        let end = b.iter().position(|&c| c == b'|').unwrap_or(b.len().min(24));
        String::from_utf8_lossy(&b[..end]).into_owned()
    };
    let at = want.iter().zip(got).position(|(a, b)| a != b).unwrap_or(0);
    let whose = if head(got) != head(want) && got.first() == Some(&b'C') {
        format!("mixed up: got the payload of {}", head(got))
    } else {
        format!("corrupted from byte {at}")
    };
    eprintln!("load: mismatch on connection {conn} round {round}: {whose}");
}

/// What went wrong with a round trip.
enum Failure {
    /// The server closed or reset the connection.
    Lost,
    /// Any other I/O error or a timeout.
    Error,
}

/// One round trip of `req` on `stream`, reading the echo into `buf`.
async fn round_trip(
    stream: &mut TcpStream,
    req: &[u8],
    buf: &mut [u8],
    limit: Duration,
) -> Result<(), Failure> {
    let classify = |e: io::Error| match e.kind() {
        io::ErrorKind::UnexpectedEof
        | io::ErrorKind::ConnectionReset
        | io::ErrorKind::ConnectionAborted
        | io::ErrorKind::BrokenPipe => Failure::Lost,
        _ => Failure::Error,
    };
    let io = async {
        stream.write_all(req).await?;
        stream.read_exact(buf).await.map(|_| ())
    };
    match timeout(limit, io).await {
        Ok(r) => r.map_err(classify),
        Err(_) => Err(Failure::Error),
    }
}

/// Connects (within `limit`) with Nagle's algorithm off.
async fn connect(addr: SocketAddr, limit: Duration) -> io::Result<TcpStream> {
    let stream = timeout(limit, TcpStream::connect(addr))
        .await
        .map_err(|_| io::Error::new(io::ErrorKind::TimedOut, "connect timed out"))??;
    stream.set_nodelay(true)?;
    Ok(stream)
}

/// Opens connection `conn` and does its greeting round trip.
async fn open(conn: usize, cfg: &Config) -> io::Result<TcpStream> {
    let mut stream = connect(cfg.addr, cfg.timeout).await?;
    let mut req = Vec::with_capacity(cfg.size);
    payload(conn, 0, cfg.size, &mut req);
    let mut buf = vec![0; cfg.size];
    match round_trip(&mut stream, &req, &mut buf, cfg.timeout).await {
        Ok(()) if buf == req => Ok(stream),
        Ok(()) => {
            report_mismatch(conn, 0, &req, &buf);
            Err(io::Error::other("greeting echoed wrong"))
        }
        Err(_) => Err(io::Error::other("greeting failed")),
    }
}

/// What one measured connection did.
#[derive(Default)]
struct ConnResult {
    ok: u64,
    errors: u64,
    mismatches: u64,
    lost: bool,
    latencies_us: Vec<u32>,
}

/// The measured rounds of connection `conn`, until `rounds` or `deadline`.
async fn measured(
    conn: usize,
    mut stream: TcpStream,
    cfg: &Config,
    deadline: Option<Instant>,
) -> ConnResult {
    let mut res = ConnResult {
        latencies_us: Vec::with_capacity(cfg.rounds.min(100_000) as usize),
        ..ConnResult::default()
    };
    let (mut req, mut buf) = (Vec::with_capacity(cfg.size), vec![0; cfg.size]);
    let mut round = 1;
    while round <= cfg.rounds && deadline.is_none_or(|d| Instant::now() < d) {
        payload(conn, round, cfg.size, &mut req);
        let t0 = Instant::now();
        match round_trip(&mut stream, &req, &mut buf, cfg.timeout).await {
            Ok(()) if buf == req => {
                res.ok += 1;
                res.latencies_us
                    .push(t0.elapsed().as_micros().min(u32::MAX.into()) as u32);
            }
            Ok(()) => {
                res.mismatches += 1;
                report_mismatch(conn, round, &req, &buf);
            }
            Err(f) => {
                res.errors += 1;
                res.lost = matches!(f, Failure::Lost);
                return res;
            }
        }
        round += 1;
    }
    res
}

/// Drop connection `i`: misbehaves as described in the module doc. Returns whether it
/// could connect at all.
async fn drop_one(i: usize, cfg: &Config) -> bool {
    let Ok(mut stream) = connect(cfg.addr, cfg.timeout).await else {
        return false;
    };
    let mut req = Vec::new();
    payload(usize::MAX - i, 1, cfg.size, &mut req);
    let half = &req[..req.len().div_ceil(2)];
    match i % 3 {
        0 => {
            let _ = stream.write_all(half).await;
            // Dropping with a zero linger sends RST instead of FIN.
            let _ = stream.set_zero_linger();
        }
        1 => {
            let _ = stream.write_all(half).await;
            let _ = stream.shutdown().await;
        }
        _ => {}
    }
    true
}

/// Runs `cfg.drop` drop connections, one started per millisecond, at most `cfg.batch` at
/// once. Returns how many of them failed to connect.
async fn drop_all(cfg: &'static Config) -> usize {
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    let (mut set, mut failed) = (JoinSet::new(), 0);
    for i in 0..cfg.drop {
        tick.tick().await;
        while set.len() >= cfg.batch {
            failed += usize::from(!matches!(set.join_next().await, Some(Ok(true))));
        }
        set.spawn(drop_one(i, cfg));
    }
    while let Some(r) = set.join_next().await {
        failed += usize::from(!matches!(r, Ok(true)));
    }
    failed
}

/// Everything the run measured.
#[derive(Default)]
struct Totals {
    opened: usize,
    ok: u64,
    errors: u64,
    mismatches: u64,
    lost: u64,
    ramp: Duration,
    elapsed: Duration,
    drop_failed: usize,
    probe_ok: bool,
    latencies_us: Vec<u32>,
}

/// The whole run: ramp-up, measured phase with drops, final probe.
async fn run(cfg: &'static Config) -> Totals {
    let mut t = Totals::default();
    let ramp_start = Instant::now();
    let mut streams = Vec::with_capacity(cfg.conns);
    let mut first_error = None;
    for start in (0..cfg.conns).step_by(cfg.batch) {
        let mut set = JoinSet::new();
        for conn in start..(start + cfg.batch).min(cfg.conns) {
            set.spawn(async move { (conn, open(conn, cfg).await) });
        }
        while let Some(joined) = set.join_next().await {
            match joined {
                Ok((conn, Ok(stream))) => streams.push((conn, stream)),
                Ok((_, Err(e))) => {
                    t.errors += 1;
                    first_error.get_or_insert(e.to_string());
                }
                Err(e) => {
                    t.errors += 1;
                    first_error.get_or_insert(e.to_string());
                }
            }
        }
    }
    t.opened = streams.len();
    t.ramp = ramp_start.elapsed();
    if let Some(e) = first_error {
        eprintln!("load: {} connections failed to open, first: {e}", t.errors);
    }

    let start = Instant::now();
    let deadline = cfg.duration.map(|d| start + d);
    let dropper = tokio::spawn(drop_all(cfg));
    let mut set = JoinSet::new();
    for (conn, stream) in streams {
        set.spawn(measured(conn, stream, cfg, deadline));
    }
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(r) => {
                t.ok += r.ok;
                t.errors += r.errors;
                t.mismatches += r.mismatches;
                t.lost += u64::from(r.lost);
                t.latencies_us.extend_from_slice(&r.latencies_us);
            }
            Err(_) => t.errors += 1,
        }
    }
    t.elapsed = start.elapsed();
    t.drop_failed = dropper.await.unwrap_or(cfg.drop);
    t.probe_ok = open(usize::MAX, cfg).await.is_ok();
    if !t.probe_ok {
        t.errors += 1;
    }
    t
}

/// The `q` quantile (0..=1) of sorted latencies, 0 if there are none.
fn quantile(sorted: &[u32], q: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn main() {
    let cfg: &'static Config = match parse_args() {
        Ok(c) => Box::leak(Box::new(c)),
        Err(e) => {
            eprintln!("load: {e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    // Measured connections, drop connections in flight, the probe, the runtime and stdio.
    let needed = (cfg.conns + cfg.batch.min(cfg.drop) + 64) as u64;
    if let Err(e) = raise_fd_limit(needed) {
        eprintln!("load: {e}");
        std::process::exit(2);
    }
    let rt = if cfg.threads == 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cfg.threads)
            .enable_all()
            .build()
    };
    let mut t = match rt {
        Ok(rt) => rt.block_on(run(cfg)),
        Err(e) => {
            eprintln!("load: cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    t.latencies_us.sort_unstable();
    let lat = &t.latencies_us;
    let ms = t.elapsed.as_secs_f64() * 1000.0;
    let rps = if ms > 0.0 {
        t.ok as f64 * 1000.0 / ms
    } else {
        0.0
    };
    let rounds = if cfg.rounds == u64::MAX {
        0
    } else {
        cfg.rounds
    };
    let complete = cfg.duration.is_some() || t.ok == cfg.conns as u64 * cfg.rounds;
    let passed = complete && t.errors == 0 && t.mismatches == 0 && t.lost == 0;
    println!(
        "load: {} of {} connections opened in {} ms ({} at a time); {} drop connections \
         ({} could not connect); server alive after: {}",
        t.opened,
        cfg.conns,
        t.ramp.as_millis(),
        cfg.batch,
        cfg.drop,
        t.drop_failed,
        if t.probe_ok { "yes" } else { "NO" }
    );
    println!(
        "load: {} round trips of {} bytes in {ms:.0} ms = {rps:.0}/s; errors {}, mismatches {}, \
         lost connections {}; latency p50 {} us, p99 {} us, p99.9 {} us, max {} us: {}",
        t.ok,
        cfg.size,
        t.errors,
        t.mismatches,
        t.lost,
        quantile(lat, 0.5),
        quantile(lat, 0.99),
        quantile(lat, 0.999),
        lat.last().copied().unwrap_or(0),
        if passed { "PASS" } else { "FAIL" }
    );
    println!(
        "LOAD:conns={}:rounds={rounds}:size={}:drop={}:opened={}:ok={}:errors={}:mismatches={}:\
         lost={}:ms={ms:.0}:rps={rps:.0}:p50us={}:p99us={}:p999us={}:maxus={}:ramp_ms={}",
        cfg.conns,
        cfg.size,
        cfg.drop,
        t.opened,
        t.ok,
        t.errors,
        t.mismatches,
        t.lost,
        quantile(lat, 0.5),
        quantile(lat, 0.99),
        quantile(lat, 0.999),
        lat.last().copied().unwrap_or(0),
        t.ramp.as_millis()
    );
    std::process::exit(if passed { 0 } else { 1 });
}
