//! Stack overflow in a strand: a message that names `SEQ_STACK_SIZE` instead of a bare
//! crash or a hang.
//!
//! Every carrier stack has a guard page below it (see [`crate::config`]); deep
//! non-tail recursion in a strand runs into it and the kernel raises `SIGSEGV`. May's
//! stack library handles that signal itself: it writes "coroutine has overflowed its
//! stack" and ends the coroutine, which leaves the carrier's strand, and whoever waits
//! for it, hanging. So the first carrier installs a handler on top of May's (May installs
//! its own when its first coroutine starts, and a signal handler installed later wins):
//!
//! * it runs on the thread's alternate signal stack (`SA_ONSTACK`; Rust's standard
//!   library gives every thread it starts, May's workers included, one);
//! * it claims the fault only if a carrier runs on this thread (the carrier mark of
//!   [`super::queues`] is set), the fault is an access to a protected page
//!   (`SEGV_ACCERR`, which a guard page gives), and the address is within
//!   [`NEAR`] bytes of the stack pointer. It then writes the message with `write(2)`
//!   (nothing that allocates or locks) and aborts;
//! * anything else goes to the handler installed before it (May's, which passes what
//!   it does not claim on to Rust's and the default action).
//!
//! Linux on x86-64 and AArch64 only; elsewhere nothing is installed and May's behaviour
//! stays.

/// How far from the stack pointer a fault may be to count as an overflow: frames are
/// touched page by page (stack probes), so an overflow faults within a page or two of it.
pub(crate) const NEAR: usize = 64 << 10;

/// Installs the handler once, on top of whatever is installed now.
pub(crate) fn install() {
    #[cfg(all(
        target_os = "linux",
        any(target_arch = "x86_64", target_arch = "aarch64")
    ))]
    imp::install();
}

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "aarch64")
))]
mod imp {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    use std::sync::{Once, OnceLock};

    use super::super::queues;

    /// `si_code` of an access to a mapped page that forbids it (Linux's value; the
    /// `libc` crate does not export it).
    const SEGV_ACCERR: libc::c_int = 2;

    /// The handler that was installed before ours (set before ours is installed).
    static PREVIOUS: OnceLock<libc::sigaction> = OnceLock::new();
    /// The configured stack size, for the message.
    static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);

    pub(super) fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            STACK_SIZE.store(crate::config::current().get_stack_size(), Relaxed);
            // SAFETY: plain sigaction calls on zeroed, then filled, structs.
            unsafe {
                let mut previous: libc::sigaction = std::mem::zeroed();
                if libc::sigaction(libc::SIGSEGV, std::ptr::null(), &mut previous) != 0 {
                    return;
                }
                let _ = PREVIOUS.set(previous);
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
                action.sa_sigaction = handler as *const () as libc::sighandler_t;
                libc::sigemptyset(&mut action.sa_mask);
                libc::sigaction(libc::SIGSEGV, &action, std::ptr::null_mut());
            }
        });
    }

    unsafe extern "C" fn handler(
        signum: libc::c_int,
        info: *mut libc::siginfo_t,
        ctx: *mut libc::c_void,
    ) {
        // SAFETY: the kernel passes a valid siginfo and ucontext to an SA_SIGINFO handler.
        let (addr, code, sp) = unsafe {
            (
                (*info).si_addr() as usize,
                (*info).si_code,
                stack_pointer(ctx as *const libc::ucontext_t),
            )
        };
        let mark = queues::current_mark();
        if mark != 0 && code == SEGV_ACCERR && addr.abs_diff(sp) < super::NEAR {
            report(mark);
            // SAFETY: abort is async-signal-safe.
            unsafe { libc::abort() };
        }
        // Not ours: hand it to the previous handler.
        let Some(previous) = PREVIOUS.get() else {
            // Cannot happen (set before this handler was installed); the default
            // action then ends the process when the fault repeats.
            // SAFETY: resetting a signal's disposition is async-signal-safe.
            unsafe { libc::signal(signum, libc::SIG_DFL) };
            return;
        };
        // SAFETY: calls the handler the system had installed, as the kernel would have.
        unsafe {
            if previous.sa_flags & libc::SA_SIGINFO != 0 && previous.sa_sigaction > 1 {
                let f: unsafe extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                    std::mem::transmute(previous.sa_sigaction);
                f(signum, info, ctx);
            } else if previous.sa_sigaction > 1 {
                let f: unsafe extern "C" fn(libc::c_int) =
                    std::mem::transmute(previous.sa_sigaction);
                f(signum);
            } else {
                // SIG_DFL or SIG_IGN: restore it; returning re-raises the fault.
                libc::sigaction(signum, previous, std::ptr::null_mut());
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    unsafe fn stack_pointer(ctx: *const libc::ucontext_t) -> usize {
        // SAFETY: `ctx` is the handler's valid ucontext.
        unsafe { (*ctx).uc_mcontext.gregs[libc::REG_RSP as usize] as usize }
    }

    #[cfg(target_arch = "aarch64")]
    unsafe fn stack_pointer(ctx: *const libc::ucontext_t) -> usize {
        // SAFETY: `ctx` is the handler's valid ucontext.
        unsafe { (*ctx).uc_mcontext.sp as usize }
    }

    /// Writes "seq: strand N overflowed its stack ..." without allocating.
    fn report(mark: i64) {
        let mut buf = [0u8; 320];
        let mut len = 0;
        let mut put = |bytes: &[u8]| {
            let n = bytes.len().min(buf.len() - len);
            buf[len..len + n].copy_from_slice(&bytes[..n]);
            len += n;
        };
        if mark > 0 {
            put(b"seq: strand ");
            put(digits(mark as u64, &mut [0; 20]));
        } else {
            put(b"seq: a carrier");
        }
        put(b" overflowed its stack (SEQ_STACK_SIZE is ");
        put(digits(STACK_SIZE.load(Relaxed) as u64, &mut [0; 20]));
        // Suggest four times the size, in the unit that writes it whole.
        let bigger = (STACK_SIZE.load(Relaxed) as u64).saturating_mul(4);
        let (amount, unit): (u64, &[u8]) = if bigger >= 1 << 20 && bigger.is_multiple_of(1 << 20) {
            (bigger >> 20, b"M")
        } else {
            (bigger.div_ceil(1 << 10), b"K")
        };
        put(
            b" bytes): deep non-tail recursion needs a bigger SEQ_STACK_SIZE, e.g. SEQ_STACK_SIZE=",
        );
        put(digits(amount, &mut [0; 20]));
        put(unit);
        put(b"\n");
        // SAFETY: write(2) is async-signal-safe; the buffer is valid for `len` bytes.
        unsafe { libc::write(libc::STDERR_FILENO, buf.as_ptr().cast(), len) };
    }

    /// The decimal digits of `n`, written into the end of `buf`.
    fn digits(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                return &buf[i..];
            }
        }
    }
}
