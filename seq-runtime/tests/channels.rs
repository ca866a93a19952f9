//! Channel operations between strands and threads, closed-channel cases, and
//! multi-producer multi-consumer delivery.

use std::collections::HashSet;

use seq_runtime::{sleep_ms, spawn, Channel};

#[test]
fn a_strand_blocks_until_a_value_arrives() {
    let (ch, out) = (Channel::<i64>::new(), Channel::new());
    let (rx, tx) = (ch.clone(), out.clone());
    spawn(move || {
        tx.send(rx.receive().0 * 2);
    });
    sleep_ms(20);
    assert!(ch.send(21));
    assert_eq!(out.receive(), (42, true));
}

#[test]
fn a_thread_blocks_until_a_strand_sends() {
    let ch = Channel::new();
    let tx = ch.clone();
    spawn(move || {
        sleep_ms(20);
        tx.send("hello".to_string());
    });
    assert_eq!(ch.receive(), ("hello".to_string(), true));
}

#[test]
fn close_wakes_every_blocked_strand() {
    let (ch, out) = (Channel::<i64>::new(), Channel::new());
    for _ in 0..100 {
        let (rx, tx) = (ch.clone(), out.clone());
        spawn(move || {
            let (v, ok) = rx.receive();
            tx.send((v, ok));
        });
    }
    sleep_ms(50);
    ch.close();
    ch.close();
    for _ in 0..100 {
        assert_eq!(out.receive(), ((0, false), true));
    }
}

#[test]
fn closed_channel_drains_then_returns_default_in_strands() {
    let (ch, out) = (Channel::<String>::new(), Channel::new());
    ch.send("a".into());
    ch.send("b".into());
    ch.close();
    let (rx, tx) = (ch.clone(), out.clone());
    spawn(move || {
        let sent_after_close = rx.send("c".into());
        let got: Vec<(String, bool)> = (0..4).map(|_| rx.receive()).collect();
        tx.send((sent_after_close, got));
    });
    let ((sent, got), _) = out.receive();
    assert!(!sent);
    assert_eq!(
        got,
        vec![
            ("a".to_string(), true),
            ("b".to_string(), true),
            (String::new(), false),
            (String::new(), false)
        ]
    );
}

#[test]
fn mpmc_delivers_every_message_exactly_once() {
    const RECEIVERS: i64 = 100;
    const SENDERS: i64 = 10;
    const PER_SENDER: i64 = 2_000;
    let (work, results) = (Channel::<i64>::new(), Channel::new());
    for _ in 0..RECEIVERS {
        let (work, results) = (work.clone(), results.clone());
        spawn(move || {
            let mut got = Vec::new();
            while let (v, true) = work.receive() {
                got.push(v);
            }
            results.send(got);
        });
    }
    let senders_done = Channel::new();
    for s in 0..SENDERS {
        let (work, done) = (work.clone(), senders_done.clone());
        spawn(move || {
            for i in 0..PER_SENDER {
                assert!(work.send(s * PER_SENDER + i));
            }
            done.send(());
        });
    }
    // A plain thread sends too.
    for i in 0..PER_SENDER {
        work.send(SENDERS * PER_SENDER + i);
    }
    for _ in 0..SENDERS {
        senders_done.receive();
    }
    work.close();
    let mut all = Vec::new();
    for _ in 0..RECEIVERS {
        all.extend(results.receive().0);
    }
    let total = ((SENDERS + 1) * PER_SENDER) as usize;
    assert_eq!(all.len(), total);
    let unique: HashSet<i64> = all.into_iter().collect();
    assert_eq!(unique.len(), total);
}

#[test]
fn sending_after_close_reports_false_from_many_strands() {
    let ch = Channel::<i64>::new();
    ch.close();
    let out = Channel::new();
    for _ in 0..50 {
        let (ch, out) = (ch.clone(), out.clone());
        spawn(move || {
            out.send(ch.send(1));
        });
    }
    for _ in 0..50 {
        assert_eq!(out.receive(), (false, true));
    }
}

#[test]
fn racing_close_and_receive_loses_nothing() {
    for round in 0..50 {
        let (ch, out) = (Channel::<i64>::new(), Channel::new());
        for _ in 0..8 {
            let (rx, tx) = (ch.clone(), out.clone());
            spawn(move || {
                let mut n = 0;
                while rx.receive().1 {
                    n += 1;
                }
                tx.send(n);
            });
        }
        let tx = ch.clone();
        spawn(move || {
            for i in 0..100 {
                tx.send(i);
            }
            tx.close();
        });
        let total: i64 = (0..8).map(|_| out.receive().0).sum();
        assert_eq!(total, 100, "round {round}");
    }
}
