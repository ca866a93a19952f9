//! The collections benchmark: each step in `seq!` next to the same step by hand on `Vec`.
//! `cargo bench --bench collections`; the ratio seq!/hand is the point.

use criterion::{criterion_group, criterion_main, Criterion};
use seq::runtime::List;
use seq_suite::{collections as seq_list, hand_collections as hand};
use std::hint::black_box;

const N: i64 = 100_000;

fn steps(c: &mut Criterion) {
    let list: List<i64> = seq_list::build(N);
    let vec: Vec<i64> = hand::build(N);
    let mut group = c.benchmark_group("collections 100k");
    group.sample_size(30);
    group.bench_function("build/seq", |b| b.iter(|| seq_list::build(black_box(N))));
    group.bench_function("build/hand", |b| b.iter(|| hand::build(black_box(N))));
    group.bench_function("map/seq", |b| {
        b.iter(|| seq_list::doubled(black_box(list.clone())))
    });
    group.bench_function("map/hand", |b| b.iter(|| hand::doubled(black_box(&vec))));
    group.bench_function("filter/seq", |b| {
        b.iter(|| seq_list::evens(black_box(list.clone())))
    });
    group.bench_function("filter/hand", |b| b.iter(|| hand::evens(black_box(&vec))));
    group.bench_function("fold/seq", |b| {
        b.iter(|| seq_list::sum(black_box(list.clone())))
    });
    group.bench_function("fold/hand", |b| b.iter(|| hand::sum(black_box(&vec))));
    group.bench_function("add/seq-inline", |b| {
        b.iter(|| seq_list::add_inline(black_box(list.clone()), black_box(7)))
    });
    group.bench_function("add/seq-closure", |b| {
        b.iter(|| seq_list::add_closure(black_box(list.clone()), black_box(7)))
    });
    group.bench_function("add/hand", |b| {
        b.iter(|| hand::add(black_box(&vec), black_box(7)))
    });
    group.bench_function("chain/seq", |b| b.iter(|| seq_list::chain(black_box(N))));
    group.bench_function("chain/hand", |b| b.iter(|| hand::chain(black_box(N))));
    group.finish();
}

criterion_group!(benches, steps);
criterion_main!(benches);
