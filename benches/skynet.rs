//! Strands and channels: skynet, pingpong and fanout written in Seq (`seq!`, see
//! `benches/programs/strands.rs`), the same programs by hand on seq-runtime (`benches/programs/hand_strands.rs`),
//! and by hand on bare May (`benches/programs/bare_may.rs`), at a size bare May survives (10k; bare
//! May cannot run skynet much past 30k live coroutines under the default
//! `vm.max_map_count`).
//!
//! The seq runtime is started first, so all three run on the May scheduler it
//! configures (its workers, its stack size).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use seq_suite::{bare_may, hand_strands, strands};

const SIZE: i64 = 10_000;

/// A way to run a program: its name and its entry.
type Way = (&'static str, fn(i64) -> i64);

/// One program three ways, each checked against the expected result.
fn compare(c: &mut Criterion, name: &str, ways: [Way; 3]) {
    let expected = SIZE * (SIZE - 1) / 2;
    let mut group = c.benchmark_group(name);
    group.sample_size(20);
    for (way, run) in ways {
        group.bench_function(way, |b| {
            b.iter(|| assert_eq!(run(black_box(SIZE)), expected))
        });
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    // Start the seq runtime (and with it May's scheduler, configured by seq) first.
    assert_eq!(hand_strands::skynet_sum(10), 45);
    compare(
        c,
        "skynet-10k",
        [
            ("seq!", strands::skynet_sum),
            ("seq-runtime", hand_strands::skynet_sum),
            ("bare-may", bare_may::skynet_sum),
        ],
    );
    compare(
        c,
        "pingpong-10k",
        [
            ("seq!", strands::pingpong),
            ("seq-runtime", hand_strands::pingpong),
            ("bare-may", bare_may::pingpong),
        ],
    );
    compare(
        c,
        "fanout-10k",
        [
            ("seq!", strands::fanout),
            ("seq-runtime", hand_strands::fanout),
            ("bare-may", bare_may::fanout),
        ],
    );
}

criterion_group!(strand_benches, benches);
criterion_main!(strand_benches);
