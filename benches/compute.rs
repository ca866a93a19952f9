//! Compute benchmarks: each program written with `seq!` next to the same algorithm written
//! by hand in Rust. `cargo bench --bench compute`; the ratio seq!/hand is the point.

use criterion::{criterion_group, criterion_main, Criterion};
use seq_suite::{compute, hand};
use std::hint::black_box;

fn fib(c: &mut Criterion) {
    let mut group = c.benchmark_group("fib(30)");
    group.sample_size(20);
    group.bench_function("seq", |b| b.iter(|| compute::fib(black_box(30))));
    group.bench_function("hand", |b| b.iter(|| hand::fib(black_box(30))));
    group.finish();
}

fn primes(c: &mut Criterion) {
    let mut group = c.benchmark_group("primes(100k)");
    group.sample_size(20);
    group.bench_function("seq", |b| {
        b.iter(|| compute::count_primes(black_box(100_000)))
    });
    group.bench_function("hand", |b| {
        b.iter(|| hand::count_primes(black_box(100_000)))
    });
    group.finish();
}

criterion_group!(benches, fib, primes);
criterion_main!(benches);
