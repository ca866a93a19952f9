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
        forget_notified: false,
        no_delivery_lock: false,
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
        (
            // "tree" with the parent waiting for its children as a task.
            "task tree",
            sc(
                vec![vec![Spawn(0), Recv(0)]],
                vec![
                    vec![Spawn(1), Spawn(1), RecvAsync(1), RecvAsync(1), Send(0)],
                    vec![Send(1)],
                ],
                false,
            ),
        ),
        (
            // Both waits as tasks, one asleep in between (the timer wakes it).
            "task pingpong",
            sc(
                vec![vec![Spawn(0), Spawn(1), Recv(2)]],
                vec![
                    vec![Send(0), RecvAsync(1), Send(2)],
                    vec![RecvAsync(0), NapAsync, Send(1)],
                ],
                false,
            ),
        ),
        (
            // One strand waits as a task, the other blocks its carrier and naps with it.
            "mixed",
            sc(
                vec![vec![Spawn(0), Spawn(1), Recv(2)]],
                vec![
                    vec![Send(0), Recv(1), Send(2)],
                    vec![RecvAsync(0), Nap, Send(1)],
                ],
                false,
            ),
        ),
        (
            // A plain thread wakes a task (rule S from outside follows the push).
            "task woken by a thread",
            sc(
                vec![vec![Spawn(0), Recv(1)], vec![Send(0)]],
                vec![vec![RecvAsync(0), Send(1)]],
                false,
            ),
        ),
        (
            // Close wakes a task waiting in a receive.
            "task close",
            sc(
                vec![vec![Spawn(0), Close(0), Recv(1)]],
                vec![vec![RecvAsync(0), Send(1)]],
                false,
            ),
        ),
        (
            // "cycle" with one task and one blocked carrier.
            "task cycle",
            sc(
                vec![vec![Spawn(0), Spawn(1), Recv(2)]],
                vec![
                    vec![RecvAsync(0), Send(1), Send(2)],
                    vec![Recv(1), Send(0), Send(2)],
                ],
                true,
            ),
        ),
        (
            // A task waits for what the runtime cannot see (another runtime's I/O): no
            // deadlock while the root waits for it.
            "foreign wait",
            sc(
                vec![vec![Spawn(0), Recv(0)]],
                vec![vec![AwaitForeign, Send(0)]],
                false,
            ),
        ),
        (
            // "orphan" with the strand waiting as a task.
            "task orphan",
            sc(
                vec![vec![Spawn(0), Recv(1)], vec![]],
                vec![vec![RecvAsync(0), Send(1)]],
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
            interleavings = interleavings.saturating_add(found.interleavings);
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

/// The model can fail: without the delivery lock, a deadlock check that found nothing
/// pending can read `A + O` as zero after the timer queued a sleeper and took it out of
/// `O` while the only carrier was between leaving the active count and its last look.
#[test]
fn the_model_catches_a_check_racing_a_delivery() {
    let mut scenario = scenarios(1)
        .into_iter()
        .find(|(name, _)| *name == "task pingpong")
        .expect("the scenario exists")
        .1;
    scenario.no_delivery_lock = true;
    let err = scenario.explore().expect_err("the race must be caught");
    eprintln!("model without the delivery lock: {err}");
}

/// The model can fail: a poll that ends without looking for a wake-up that came while it
/// ran (ignoring `Notified`) loses that wake-up, and the model finds the interleaving.
#[test]
fn the_model_catches_a_wake_up_lost_at_the_end_of_a_poll() {
    let mut scenario = scenarios(2)
        .into_iter()
        .find(|(name, _)| *name == "task woken by a thread")
        .expect("the scenario exists")
        .1;
    scenario.forget_notified = true;
    let err = scenario
        .explore()
        .expect_err("the lost wake-up must be caught");
    eprintln!("model ignoring Notified: {err}");
}
