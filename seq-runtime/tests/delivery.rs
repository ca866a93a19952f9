//! Nothing lost: under multi-producer multi-consumer contention, with strands and plain
//! threads on both sides and a `close` in the middle, every value whose `send` returned
//! true is received exactly once and no other value is; `close` wakes every waiting
//! receiver with `false`; values never received are dropped with the channel.
//!
//! Helper threads get an `ExternalWaker` before they are handed channels (the deadlock
//! rule in `seq_runtime::strand`).

use std::collections::HashMap;
use std::sync::Arc;

use seq_runtime::strand::{self, ExternalWaker};
use seq_runtime::{spawn, yield_now, Channel};

/// Runs `f` in a strand or on a helper thread.
fn start(on_thread: bool, f: impl FnOnce() + Send + 'static) {
    if on_thread {
        let waker = ExternalWaker::new();
        std::thread::spawn(move || {
            f();
            drop(waker);
        });
    } else {
        spawn(f);
    }
}

/// Waits (without a time limit: the condition is certain to come) until `n` receivers
/// are blocked on `ch`.
fn until_waiting<T: Send + 'static>(ch: &Channel<T>, n: usize) {
    while ch.receivers_waiting() < n {
        std::thread::yield_now();
    }
}

#[test]
fn every_value_sent_is_received_once_across_close() {
    for round in 0..12u64 {
        let (senders, receivers) = (2 + round % 4, 1 + round % 5);
        let (work, sent, got, first) = (
            Channel::<(u64, u64)>::new(),
            Channel::new(),
            Channel::new(),
            Channel::new(),
        );
        for r in 0..receivers {
            let (work, got, first) = (work.clone(), got.clone(), first.clone());
            start(r % 2 == 1, move || {
                let mut mine = Vec::new();
                while let ((s, i), true) = work.receive() {
                    if mine.is_empty() {
                        first.send(());
                    }
                    mine.push((s, i));
                }
                got.send(mine);
            });
        }
        for s in 0..senders {
            let (work, sent) = (work.clone(), sent.clone());
            // Senders run until the channel is closed under them.
            start(s % 3 == 2, move || {
                let mut accepted = 0;
                while work.send((s, accepted)) {
                    accepted += 1;
                    if accepted % 64 == 0 {
                        yield_now();
                    }
                }
                sent.send((s, accepted));
            });
        }
        // Close once some value got through, with senders and receivers still busy.
        first.receive();
        work.close();
        let accepted: HashMap<u64, u64> = (0..senders).map(|_| sent.receive().0).collect();
        let mut seen: HashMap<u64, Vec<u64>> = HashMap::new();
        for _ in 0..receivers {
            for (s, i) in got.receive().0 {
                seen.entry(s).or_default().push(i);
            }
        }
        for s in 0..senders {
            let mut values = seen.remove(&s).unwrap_or_default();
            values.sort_unstable();
            let want: Vec<u64> = (0..accepted[&s]).collect();
            assert_eq!(values, want, "round {round}, sender {s}");
        }
        assert!(work.is_empty());
    }
}

#[test]
fn close_wakes_every_waiting_receiver_with_false() {
    const STRANDS: usize = 40;
    const THREADS: usize = 4;
    let (ch, out) = (Channel::<i64>::new(), Channel::new());
    for i in 0..STRANDS + THREADS {
        let (ch, out) = (ch.clone(), out.clone());
        start(i >= STRANDS, move || {
            out.send(ch.receive());
        });
    }
    until_waiting(&ch, STRANDS + THREADS);
    assert!(strand::stats().blocked >= STRANDS);
    ch.close();
    assert_eq!(ch.receivers_waiting(), 0);
    for _ in 0..STRANDS + THREADS {
        assert_eq!(out.receive(), ((0, false), true));
    }
    // A receive after close does not block either.
    assert_eq!(ch.receive(), (0, false));
}

#[test]
fn a_value_handed_to_a_waiting_receiver_is_not_lost_to_a_racing_close() {
    for _ in 0..200 {
        let (ch, out) = (Channel::<i64>::new(), Channel::new());
        let (rx, tx) = (ch.clone(), out.clone());
        spawn(move || {
            tx.send(rx.receive());
        });
        until_waiting(&ch, 1);
        let (closer, sender) = (ch.clone(), ch.clone());
        let close = std::thread::spawn(move || closer.close());
        let accepted = sender.send(7);
        close.join().unwrap();
        // Either the send came first and the receiver has 7, or the close came first
        // and the send was refused.
        let want = if accepted { (7, true) } else { (0, false) };
        assert_eq!(out.receive(), (want, true));
    }
}

#[test]
fn values_never_received_are_dropped_with_the_channel() {
    let value = Arc::new(());
    let ch = Channel::new();
    for _ in 0..10 {
        assert!(ch.send(value.clone()));
    }
    ch.close();
    assert!(!ch.send(value.clone()));
    let (first, ok) = ch.receive();
    assert!(ok);
    drop(first);
    assert_eq!(Arc::strong_count(&value), 10);
    drop(ch);
    assert_eq!(Arc::strong_count(&value), 1);
}
