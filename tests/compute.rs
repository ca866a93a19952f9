//! The benchmark programs compute the same results as their hand-written twins.

use seq_suite::{compute, hand};

#[test]
fn fib_matches() {
    for n in 0..=25 {
        assert_eq!(compute::fib(n), hand::fib(n), "fib({n})");
    }
}

#[test]
fn primes_match() {
    for n in [0, 1, 2, 3, 10, 100, 7919, 10_000] {
        assert_eq!(
            compute::count_primes(n),
            hand::count_primes(n),
            "primes below {n}"
        );
    }
    assert_eq!(compute::count_primes(100_000), 9592);
    for n in -3..200 {
        assert_eq!(compute::prime_p(n), hand::is_prime(n), "{n}");
    }
}
