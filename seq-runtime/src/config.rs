//! Runtime configuration: how many worker threads run strands, and how big a carrier's
//! stack is.
//!
//! The runtime starts lazily on the first `spawn` (or the first blocking call made from a
//! strand) with [`Config::from_env`]. A program that wants other settings calls
//! [`Config::init`] before that; a second `init`, or an `init` after the runtime started,
//! is refused with [`InitError`] and changes nothing: the settings in force never change
//! once a strand exists.
//!
//! | setting | builder | environment | default |
//! |---|---|---|---|
//! | worker threads | [`Config::workers`] | `SEQ_WORKERS` | every core (`available_parallelism`) |
//! | carrier stack | [`Config::stack_size`] | `SEQ_STACK_SIZE` (bytes, `K`/`M`/`G` suffix allowed) | 1 MiB |
//! | carrier limit | [`Config::max_carriers`] | `SEQ_MAX_CARRIERS` | from `vm.max_map_count`, see below |
//! | strand panics | [`Config::on_strand_panic`] | | end the process (exit status 101) |
//!
//! **Stack size.** Every carrier (the May coroutine that runs strands, see
//! [`crate::strand`]) has one stack of this size. It is reserved address space; only the
//! pages a strand actually touches become resident, so a big stack costs nothing until
//! deep recursion uses it. 1 MiB holds roughly 10,000 frames of ordinary recursion.
//! Sizes are rounded up to whole 4 KiB pages; the minimum is 16 KiB.
//!
//! **Carrier limit.** A strand that blocks keeps its carrier (and so one stack) until it
//! wakes. Each May stack is two kernel memory maps (the stack and its guard page), and
//! Linux allows `vm.max_map_count` maps per process (65,530 by default), so the default
//! limit is `(vm.max_map_count - 4096) / 2` carriers (30,717 on a default system): 4,096
//! maps stay free for the rest of the program. When that many strands are blocked at
//! once, new carriers are not started: pending strands wait until a blocked strand wakes,
//! and the runtime says so once on standard error.
//!
//! **Strand panics.** By default a strand that panics ends the process, as in Go. A
//! program that must survive one (a service, say) installs a handler with
//! [`Config::on_strand_panic`]: the panicking strand then ends alone and the handler gets
//! a [`StrandPanic`] (see "Failures" in [`crate::strand`]).
//!
//! Invalid environment values are reported on standard error and replaced by the default.

use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::strand::StrandPanic;

/// A strand panic handler, as installed by [`Config::on_strand_panic`].
pub(crate) type PanicHandler = Arc<dyn Fn(StrandPanic) + Send + Sync>;

/// Default carrier stack size in bytes.
pub const DEFAULT_STACK_SIZE: usize = 1 << 20;
/// Smallest accepted carrier stack size in bytes.
pub const MIN_STACK_SIZE: usize = 16 << 10;
/// Memory maps left for the rest of the program when the carrier limit is derived from
/// `vm.max_map_count`.
const RESERVED_MAPS: usize = 4096;
const PAGE: usize = 4096;

/// Runtime settings, built with chained setters and installed with [`Config::init`].
///
/// ```
/// use seq_runtime::config::Config;
/// let config = Config::from_env().workers(2).stack_size(256 * 1024);
/// assert_eq!(config.get_workers(), 2);
/// assert_eq!(config.get_stack_size(), 256 * 1024);
/// ```
///
/// Two configurations are equal when their settings are and they hold the same panic
/// handler (the same `Arc`), or none.
#[derive(Clone)]
pub struct Config {
    workers: usize,
    stack_size: usize,
    max_carriers: usize,
    on_strand_panic: Option<PanicHandler>,
}

impl PartialEq for Config {
    fn eq(&self, other: &Config) -> bool {
        let same_handler = match (&self.on_strand_panic, &other.on_strand_panic) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        self.workers == other.workers
            && self.stack_size == other.stack_size
            && self.max_carriers == other.max_carriers
            && same_handler
    }
}

impl Eq for Config {}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("workers", &self.workers)
            .field("stack_size", &self.stack_size)
            .field("max_carriers", &self.max_carriers)
            .field(
                "on_strand_panic",
                &self.on_strand_panic.as_ref().map(|_| "a handler"),
            )
            .finish()
    }
}

/// Why [`Config::init`] refused a configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InitError {
    /// The runtime was already configured (by an earlier `init` or by its first use);
    /// holds the configuration in force.
    AlreadyInitialized(Config),
}

impl fmt::Display for InitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InitError::AlreadyInitialized(c) => write!(
                f,
                "the seq runtime is already configured ({} workers, {} byte stacks)",
                c.workers, c.stack_size
            ),
        }
    }
}

impl std::error::Error for InitError {}

static CONFIG: OnceLock<Config> = OnceLock::new();

impl Default for Config {
    /// The built-in defaults, ignoring the environment.
    fn default() -> Self {
        Config {
            workers: default_workers(),
            stack_size: DEFAULT_STACK_SIZE,
            max_carriers: default_max_carriers(),
            on_strand_panic: None,
        }
    }
}

impl Config {
    /// The defaults, overridden by `SEQ_WORKERS`, `SEQ_STACK_SIZE` and
    /// `SEQ_MAX_CARRIERS` where those are set and valid.
    pub fn from_env() -> Self {
        let mut c = Config::default();
        if let Some(n) = env_value("SEQ_WORKERS", parse_count) {
            c = c.workers(n);
        }
        if let Some(n) = env_value("SEQ_STACK_SIZE", parse_size) {
            c = c.stack_size(n);
        }
        if let Some(n) = env_value("SEQ_MAX_CARRIERS", parse_count) {
            c = c.max_carriers(n);
        }
        c
    }

    /// Sets the number of worker threads (at least 1).
    pub fn workers(mut self, workers: usize) -> Self {
        self.workers = workers.max(1);
        self
    }

    /// Sets the carrier stack size in bytes (rounded up to 4 KiB pages, at least 16 KiB).
    pub fn stack_size(mut self, bytes: usize) -> Self {
        self.stack_size = bytes.max(MIN_STACK_SIZE).div_ceil(PAGE) * PAGE;
        self
    }

    /// Sets how many carriers (stacks) may exist at once, which is how many strands may
    /// be blocked at once (at least 1 per worker).
    pub fn max_carriers(mut self, carriers: usize) -> Self {
        self.max_carriers = carriers.max(1);
        self
    }

    /// Makes a strand that panics end alone, reported to `handler`, instead of ending the
    /// process (the default, as in Go). The panicking strand's future is dropped, with
    /// everything it held (channel handles included), and its carrier goes on with other
    /// strands. Strands and threads waiting for what it would have sent are left to the
    /// deadlock detector (see "Failures" in [`crate::strand`]). A strand joined through a
    /// [`crate::strand::JoinHandle`] reports its panic to the joiner instead.
    ///
    /// The handler runs on the carrier that ran the strand, as the strand's last act,
    /// after the panic hook printed the panic (see [`std::panic::set_hook`] to silence
    /// that): it may send on a channel, but should not wait long. If the handler itself
    /// panics, the process ends as without one.
    ///
    /// ```
    /// use seq_runtime::config::Config;
    /// let config = Config::from_env().on_strand_panic(|p| {
    ///     eprintln!("strand {} failed: {}", p.id(), p.message());
    /// });
    /// assert!(config.has_panic_handler());
    /// ```
    pub fn on_strand_panic(
        mut self,
        handler: impl Fn(StrandPanic) + Send + Sync + 'static,
    ) -> Self {
        self.on_strand_panic = Some(Arc::new(handler));
        self
    }

    /// True if a strand panic handler is set ([`Config::on_strand_panic`]).
    pub fn has_panic_handler(&self) -> bool {
        self.on_strand_panic.is_some()
    }

    /// The strand panic handler, if one is set.
    pub(crate) fn panic_handler(&self) -> Option<&PanicHandler> {
        self.on_strand_panic.as_ref()
    }

    /// The number of worker threads.
    pub fn get_workers(&self) -> usize {
        self.workers
    }

    /// The carrier stack size in bytes.
    pub fn get_stack_size(&self) -> usize {
        self.stack_size
    }

    /// The most carriers that may exist at once (at least one per worker, at most
    /// [`crate::strand::MAX_CARRIERS`], the most the scheduler's counters hold).
    pub fn get_max_carriers(&self) -> usize {
        self.max_carriers
            .max(self.workers)
            .min(crate::strand::MAX_CARRIERS)
    }

    /// Installs this configuration. Must come before the first strand is spawned;
    /// otherwise (or on a second call) nothing changes and the settings in force are
    /// returned in the error.
    pub fn init(self) -> Result<(), InitError> {
        let mut installed = false;
        let in_force = CONFIG.get_or_init(|| {
            installed = true;
            self
        });
        if installed {
            Ok(())
        } else {
            Err(InitError::AlreadyInitialized(in_force.clone()))
        }
    }
}

/// The configuration in force; installs [`Config::from_env`] if none was installed yet.
pub fn current() -> &'static Config {
    CONFIG.get_or_init(Config::from_env)
}

fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn default_max_carriers() -> usize {
    let maps = std::fs::read_to_string("/proc/sys/vm/max_map_count")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(65_530);
    (maps.saturating_sub(RESERVED_MAPS) / 2).max(64)
}

fn env_value(name: &str, parse: fn(&str) -> Option<usize>) -> Option<usize> {
    let raw = std::env::var(name).ok()?;
    let value = parse(raw.trim());
    if value.is_none() {
        eprintln!("seq: ignoring {name}={raw:?}: not a positive number; using the default");
    }
    value
}

/// A positive decimal count.
fn parse_count(s: &str) -> Option<usize> {
    s.parse::<usize>().ok().filter(|&n| n > 0)
}

/// A positive byte size: decimal digits with an optional `K`, `M` or `G` suffix
/// (powers of 1024, either case, optionally followed by `B` or `iB`).
fn parse_size(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let trimmed = lower
        .strip_suffix("ib")
        .or_else(|| lower.strip_suffix('b'))
        .unwrap_or(&lower);
    let (digits, shift) = match trimmed.chars().last()? {
        'k' => (&trimmed[..trimmed.len() - 1], 10),
        'm' => (&trimmed[..trimmed.len() - 1], 20),
        'g' => (&trimmed[..trimmed.len() - 1], 30),
        _ => (trimmed, 0),
    };
    let n = digits.trim().parse::<usize>().ok().filter(|&n| n > 0)?;
    n.checked_mul(1 << shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("65536"), Some(65536));
        assert_eq!(parse_size("256K"), Some(256 << 10));
        assert_eq!(parse_size("256kb"), Some(256 << 10));
        assert_eq!(parse_size("2MiB"), Some(2 << 20));
        assert_eq!(parse_size("1g"), Some(1 << 30));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("-4"), None);
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_size(""), None);
    }

    #[test]
    fn counts_parse() {
        assert_eq!(parse_count("2"), Some(2));
        assert_eq!(parse_count("0"), None);
        assert_eq!(parse_count("two"), None);
    }

    #[test]
    fn builder_rounds_and_clamps() {
        let c = Config::default().workers(0).stack_size(1).max_carriers(0);
        assert_eq!(c.get_workers(), 1);
        assert_eq!(c.get_stack_size(), MIN_STACK_SIZE);
        assert_eq!(c.get_max_carriers(), 1);
        assert_eq!(
            Config::default().stack_size(70_000).get_stack_size(),
            73_728
        );
    }

    #[test]
    fn default_carrier_limit_follows_the_map_limit() {
        // Two maps per stack, 4096 maps kept for the rest of the program.
        assert!(Config::default().get_max_carriers() >= 64);
    }
}
