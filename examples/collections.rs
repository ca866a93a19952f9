//! The collections benchmark: build a list of n Ints with `list.push`, double it twice
//! with `list.map`, keep the evens with `list.filter`, sum with `list.fold`, and the whole
//! chain; each step in `seq!` (`benches/programs/collections.rs`) and by hand on `Vec`, side by side.
//! `cargo run --release --example collections -- 100000`

use seq_suite::{collections as seq_list, hand_collections as hand};
use std::hint::black_box;
use std::time::Instant;

/// The best of `runs` timings of `f`, in milliseconds, and its last result. Each result
/// goes through `black_box`, so the optimizer cannot skip building it.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = f();
    for _ in 0..runs {
        let start = Instant::now();
        result = black_box(f());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    (best, result)
}

fn main() {
    let n: i64 = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("the argument is a number"))
        .unwrap_or(100_000);
    let runs = 20;
    let list = seq_list::build(n);
    let vec = hand::build(n);
    println!(
        "{:<8} {:>10} {:>10} {:>7}",
        "step", "seq! ms", "hand ms", "ratio"
    );
    let row = |name: &str, seq: (f64, i64), hand: (f64, i64)| {
        assert_eq!(seq.1, hand.1, "{name}: seq! and hand disagree");
        println!(
            "{name:<8} {:>10.3} {:>10.3} {:>7.2}",
            seq.0,
            hand.0,
            seq.0 / hand.0
        );
    };
    row(
        "build",
        best(runs, || black_box(seq_list::build(n)).len() as i64),
        best(runs, || black_box(hand::build(n)).len() as i64),
    );
    row(
        "map",
        best(runs, || {
            black_box(seq_list::doubled(list.clone())).len() as i64
        }),
        best(runs, || black_box(hand::doubled(&vec)).len() as i64),
    );
    row(
        "filter",
        best(runs, || {
            black_box(seq_list::evens(list.clone())).len() as i64
        }),
        best(runs, || black_box(hand::evens(&vec)).len() as i64),
    );
    row(
        "fold",
        best(runs, || seq_list::sum(list.clone())),
        best(runs, || hand::sum(&vec)),
    );
    row(
        "add",
        best(runs, || {
            black_box(seq_list::add_inline(list.clone(), black_box(7))).len() as i64
        }),
        best(runs, || {
            black_box(hand::add(&vec, black_box(7))).len() as i64
        }),
    );
    row(
        "add-clo",
        best(runs, || {
            black_box(seq_list::add_closure(list.clone(), black_box(7))).len() as i64
        }),
        best(runs, || {
            black_box(hand::add(&vec, black_box(7))).len() as i64
        }),
    );
    let (seq_ms, total) = best(runs, || seq_list::chain(black_box(n)));
    let (hand_ms, expected) = best(runs, || hand::chain(black_box(n)));
    row("chain", (seq_ms, total), (hand_ms, expected));
    println!("chain({n}) = {total}");
}
