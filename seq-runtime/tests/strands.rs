//! Spawning strands from threads and from strands, yielding, sleeping, and the
//! per-worker state reached across blocking calls.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use seq_runtime::{sleep_ms, spawn, yield_now, Channel};

#[test]
fn spawn_from_a_plain_thread() {
    let out = Channel::new();
    let tx = out.clone();
    let id = spawn(move || {
        tx.send(7);
    });
    assert!(id > 0);
    assert_eq!(out.receive(), (7, true));
}

#[test]
fn spawn_from_other_threads_at_once() {
    let out = Channel::new();
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let out = out.clone();
            std::thread::spawn(move || {
                for i in 0..250 {
                    let out = out.clone();
                    spawn(move || {
                        out.send(t * 1000 + i);
                    });
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let got: HashSet<i64> = (0..1000).map(|_| out.receive().0).collect();
    assert_eq!(got.len(), 1000);
}

#[test]
fn spawn_from_a_strand_and_ids_are_unique() {
    let ids = Channel::new();
    let tx = ids.clone();
    spawn(move || {
        for _ in 0..100 {
            let tx2 = tx.clone();
            let id = spawn(move || {
                tx2.send(0);
            });
            tx.send(id);
        }
    });
    let mut seen = HashSet::new();
    let mut children = 0;
    while seen.len() < 100 || children < 100 {
        match ids.receive().0 {
            0 => children += 1,
            id => assert!(id > 0 && seen.insert(id), "id {id} repeated"),
        }
    }
}

#[test]
fn yield_lets_a_pending_strand_run() {
    // The waiting strand polls a flag only the strand spawned after it can set; it must
    // not starve that strand, whatever the number of workers.
    let flag = Arc::new(AtomicUsize::new(0));
    let done = Channel::new();
    let (f, d) = (flag.clone(), done.clone());
    spawn(move || {
        let f2 = f.clone();
        spawn(move || {
            f2.store(1, Ordering::SeqCst);
        });
        let mut turns = 0;
        while f.load(Ordering::SeqCst) == 0 {
            yield_now();
            turns += 1;
        }
        d.send(turns);
    });
    let (turns, ok) = done.receive();
    assert!(ok && turns >= 1);
    yield_now(); // on a plain thread: just the thread yielding
}

#[test]
fn sleep_blocks_the_strand_not_the_worker() {
    let out = Channel::new();
    let start = Instant::now();
    for i in 0..50 {
        let out = out.clone();
        spawn(move || {
            sleep_ms(50);
            out.send(i);
        });
    }
    let sum: i64 = (0..50).map(|_| out.receive().0).sum();
    assert_eq!(sum, 49 * 50 / 2);
    // 50 sleeps of 50 ms overlap: far less than 2.5 s even on one worker.
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "{:?}",
        start.elapsed()
    );
    sleep_ms(1);
    sleep_ms(0);
}

/// Per-worker state (the deque, the in-carrier flag) is reached through non-inlined
/// accessors; a cached thread-local address used after a strand moved to another worker
/// would make two workers share one deque, which loses or duplicates strands. Here every
/// strand spawns, blocks on a channel that the test thread feeds (a wake-up from a plain
/// thread is queued on the workers in turn, so strands do move), and spawns again; every
/// child must run exactly once, and with two or more workers some strands must move.
#[test]
fn per_worker_state_survives_blocking_calls() {
    const STRANDS: usize = 200;
    const ROUNDS: usize = 20;
    let results = Channel::new();
    let moved = Arc::new(AtomicUsize::new(0));
    let ready = Channel::new();
    let gates: Vec<Channel<i64>> = (0..STRANDS).map(|_| Channel::new()).collect();
    for (s, gate) in gates.iter().enumerate() {
        let (gate, ready) = (gate.clone(), ready.clone());
        let (results, moved) = (results.clone(), moved.clone());
        spawn(move || {
            let replies = Channel::new();
            for r in 0..ROUNDS {
                let before = thread_id();
                ready.send(());
                let (v, ok) = gate.receive();
                assert!(ok && v == r as i64);
                if thread_id() != before {
                    moved.fetch_add(1, Ordering::Relaxed);
                }
                // Spawn after the wake-up: onto the deque of the worker we are on now.
                let tx = replies.clone();
                spawn(move || {
                    if r % 3 == 0 {
                        yield_now();
                    }
                    tx.send((s * ROUNDS + r) as i64);
                });
                assert_eq!(replies.receive(), ((s * ROUNDS + r) as i64, true));
            }
            results.send(s as i64);
        });
    }
    for r in 0..ROUNDS {
        for _ in 0..STRANDS {
            ready.receive();
        }
        // Let them block, so that the sends below wake them from this thread.
        std::thread::sleep(Duration::from_millis(2));
        for gate in &gates {
            gate.send(r as i64);
        }
    }
    let got: HashSet<i64> = (0..STRANDS).map(|_| results.receive().0).collect();
    assert_eq!(got.len(), STRANDS);
    let moved = moved.load(Ordering::Relaxed);
    eprintln!(
        "{moved} of {} wake-ups continued on another worker",
        STRANDS * ROUNDS
    );
    if seq_runtime::config::current().get_workers() >= 2 {
        assert!(
            moved > 0,
            "no strand changed workers: the test proves nothing"
        );
    }
}

/// The current thread's id, computed afresh on every call: a test that compares thread
/// ids across a blocking call is itself subject to the thread-local caching it checks.
#[inline(never)]
fn thread_id() -> std::thread::ThreadId {
    std::thread::current().id()
}
