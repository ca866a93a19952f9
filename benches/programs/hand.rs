//! Hand-written Rust baselines for the compute benchmarks: the same algorithms as the
//! `seq!` versions, written the way a Rust programmer would.

/// Naive doubly recursive Fibonacci.
pub fn fib(n: i64) -> i64 {
    if n < 2 {
        n
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

/// Whether `n` is prime, by trial division with odd divisors up to its square root.
pub fn is_prime(n: i64) -> bool {
    if n < 2 {
        return false;
    }
    if n % 2 == 0 {
        return n == 2;
    }
    let mut d = 3;
    while d * d <= n {
        if n % d == 0 {
            return false;
        }
        d += 2;
    }
    true
}

/// How many primes are below `limit`.
pub fn count_primes(limit: i64) -> i64 {
    (2..limit).filter(|&n| is_prime(n)).count() as i64
}
