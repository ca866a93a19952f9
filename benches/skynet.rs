//! Strands and channels: skynet, pingpong and fanout written in Seq (`seq!`, see
//! `src/strands.rs`), the same programs by hand on seq-runtime (`src/hand_strands.rs`),
//! and by hand on bare May (`src/bare_may.rs`), at a size bare May survives (10k; bare
//! May cannot run skynet much past 30k live coroutines under the default
//! `vm.max_map_count`).
//!
//! The seq runtime is started first, so all three run on the May scheduler it
//! configures (its workers, its stack size).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use seq_suite::{bare_may, hand_strands, strands};

const SIZE: i64 = 10_000;

fn benches(c: &mut Criterion) {
    // Start the seq runtime (and with it May's scheduler, configured by seq) first.
    assert_eq!(hand_strands::skynet_sum(10), 45);
    let sum = SIZE * (SIZE - 1) / 2;
    let mut g = c.benchmark_group("skynet-10k");
    g.sample_size(20);
    g.bench_function("seq!", |b| {
        b.iter(|| assert_eq!(strands::skynet_sum(black_box(SIZE)), sum))
    });
    g.bench_function("seq-runtime", |b| {
        b.iter(|| assert_eq!(hand_strands::skynet_sum(black_box(SIZE)), sum))
    });
    g.bench_function("bare-may", |b| {
        b.iter(|| assert_eq!(bare_may::skynet_sum(black_box(SIZE)), sum))
    });
    g.finish();
    let mut g = c.benchmark_group("pingpong-10k");
    g.sample_size(20);
    g.bench_function("seq!", |b| {
        b.iter(|| assert_eq!(strands::pingpong(black_box(SIZE)), sum))
    });
    g.bench_function("seq-runtime", |b| {
        b.iter(|| assert_eq!(hand_strands::pingpong(black_box(SIZE)), sum))
    });
    g.bench_function("bare-may", |b| {
        b.iter(|| assert_eq!(bare_may::pingpong(black_box(SIZE)), sum))
    });
    g.finish();
    let mut g = c.benchmark_group("fanout-10k");
    g.sample_size(20);
    g.bench_function("seq!", |b| {
        b.iter(|| assert_eq!(strands::fanout(black_box(SIZE)), sum))
    });
    g.bench_function("seq-runtime", |b| {
        b.iter(|| assert_eq!(hand_strands::fanout(black_box(SIZE)), sum))
    });
    g.bench_function("bare-may", |b| {
        b.iter(|| assert_eq!(bare_may::fanout(black_box(SIZE)), sum))
    });
    g.finish();
}

criterion_group!(strand_benches, benches);
criterion_main!(strand_benches);
