//! The programs the model runs, and the tests that run them.

use super::{Op, Scenario};

/// The scenarios, each small enough to enumerate in well under a second.
fn scenarios(workers: i8) -> Vec<(&'static str, Scenario)> {
    use Op::*;
    let sc = |threads: Vec<Vec<Op>>, programs: Vec<Vec<Op>>, deadlock| Scenario {
        workers,
        threads,
        programs,
        deadlock,
        done_before_count: false,
    };
    vec![
        (
            // Spawns inside and outside, a parent blocking on its children.
            "tree",
            sc(
                vec![vec![Spawn(0), Recv(0)]],
                vec![
                    vec![Spawn(1), Spawn(1), Recv(1), Recv(1), Send(0)],
                    vec![Send(1)],
                ],
                false,
            ),
        ),
        (
            // Two strands passing values, one napping in between.
            "pingpong",
            sc(
                vec![vec![Spawn(0), Spawn(1), Recv(2)]],
                vec![vec![Send(0), Recv(1), Send(2)], vec![Recv(0), Nap, Send(1)]],
                false,
            ),
        ),
        (
            // Close wakes every blocked receiver.
            "close",
            sc(
                vec![vec![Spawn(0), Spawn(0), Close(0), Recv(1), Recv(1)]],
                vec![vec![Recv(0), Send(1)]],
                false,
            ),
        ),
        (
            // A second thread feeds a strand, then exits.
            "threads",
            sc(
                vec![vec![Spawn(0), Recv(1)], vec![Send(0)]],
                vec![vec![Recv(0), Send(1)]],
                false,
            ),
        ),
        (
            // Two strands each waiting for the other: a deadlock.
            "cycle",
            sc(
                vec![vec![Spawn(0), Spawn(1), Recv(2)]],
                vec![
                    vec![Recv(0), Send(1), Send(2)],
                    vec![Recv(1), Send(0), Send(2)],
                ],
                true,
            ),
        ),
        (
            // The only other thread exits without sending: a deadlock found at its exit
            // or at the last block.
            "orphan",
            sc(
                vec![vec![Spawn(0), Recv(1)], vec![]],
                vec![vec![Recv(0), Send(1)]],
                true,
            ),
        ),
    ]
}

#[test]
fn every_interleaving_keeps_the_protocol_invariants() {
    let start = std::time::Instant::now();
    let (mut states, mut interleavings) = (0, 0u128);
    for workers in [1, 2] {
        for (name, scenario) in scenarios(workers) {
            let found = scenario
                .explore()
                .unwrap_or_else(|e| panic!("scenario {name}, {workers} workers: {e}"));
            eprintln!(
                "model: {name}, {workers} workers: {} states, {} transitions, {} interleavings",
                found.states, found.transitions, found.interleavings
            );
            states += found.states;
            interleavings += found.interleavings;
        }
    }
    eprintln!(
        "model: {states} states, {interleavings} interleavings in {:?}",
        start.elapsed()
    );
}

/// The model can fail: publishing a wake-up before counting the woken agent lets the
/// count read zero while the woken agent is about to run, and the model finds the
/// interleaving where that is taken for a deadlock.
#[test]
fn the_model_catches_a_wake_published_before_it_is_counted() {
    let (_, mut scenario) = scenarios(2).swap_remove(1);
    scenario.done_before_count = true;
    let err = scenario
        .explore()
        .expect_err("the wrong order must be caught");
    eprintln!("model with the wrong order: {err}");
}
