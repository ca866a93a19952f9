//! Strands that wait without a stack: strands spawned from futures that await channels,
//! sleeps and yields hold no carrier while they wait, however many wait at once; and the
//! waits themselves (bounded channels, dropped futures) keep every value exactly once.

use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;
use std::time::{Duration, Instant};

use seq_runtime::strand;
use seq_runtime::{block_on, sleep_ms_async, spawn, spawn_async, yield_now_async, Channel};

// How many carriers the runtime needs while strands wait is checked alone, in
// `tests/stackless.rs`: here other tests block carriers at the same time.

/// Waits (on this plain thread) until `done` holds, failing after 20 s.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(2));
    }
}

#[test]
fn yielding_strands_take_turns() {
    // Two strands on one channel of turns: each yields between steps, and both finish.
    let log = Channel::new();
    for who in 0..2i64 {
        let log = log.clone();
        spawn_async(async move {
            for step in 0..50 {
                log.send_async(who * 100 + step).await;
                yield_now_async().await;
            }
        });
    }
    let mut seen: Vec<i64> = (0..100).map(|_| log.receive().0).collect();
    seen.sort_unstable();
    let want: Vec<i64> = (0..50).chain(100..150).collect();
    assert_eq!(seen, want);
}

#[test]
fn waiting_inside_non_tail_recursion() {
    // A tree of futures: each node awaits its children's sums, recursing through a boxed
    // future, as the `_async` words of recursive Seq words do.
    fn node(
        depth: u32,
        first: i64,
        out: Channel<i64>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
        Box::pin(async move {
            if depth == 0 {
                out.send_async(first).await;
                return;
            }
            let children = Channel::new();
            let width = 3i64.pow(depth - 1);
            for i in 0..3 {
                let children = children.clone();
                spawn_async(node(depth - 1, first + i * width, children));
            }
            let mut sum = 0;
            for _ in 0..3 {
                sum += children.receive_async().await.0;
            }
            out.send_async(sum).await;
        })
    }
    let out = Channel::new();
    spawn_async(node(7, 0, out.clone()));
    let leaves = 3i64.pow(7);
    assert_eq!(out.receive().0, leaves * (leaves - 1) / 2);
}

#[test]
fn a_full_bounded_channel_makes_senders_wait() {
    let ch = Channel::bounded(2);
    assert_eq!(ch.capacity(), Some(2));
    assert!(ch.send(1) && ch.send(2));
    let sent = Arc::new(AtomicUsize::new(0));
    for v in [3, 4] {
        let (ch, sent) = (ch.clone(), sent.clone());
        if v == 3 {
            spawn(move || {
                assert!(ch.send(v)); // blocks its carrier
                sent.fetch_add(1, SeqCst);
            });
        } else {
            spawn_async(async move {
                assert!(ch.send_async(v).await); // waits without one
                sent.fetch_add(1, SeqCst);
            });
        }
    }
    eventually("two waiting senders", || ch.senders_waiting() == 2);
    assert_eq!(ch.len(), 2, "a waiting sender's value is not queued");
    assert_eq!(sent.load(SeqCst), 0);
    // Each receive makes room for one waiting sender; the order stays FIFO.
    let first = ch.receive().0;
    eventually("one sender done", || sent.load(SeqCst) == 1);
    let mut rest: Vec<i64> = (0..3).map(|_| ch.receive().0).collect();
    eventually("both senders done", || sent.load(SeqCst) == 2);
    assert_eq!(first, 1);
    assert_eq!(rest.remove(0), 2);
    rest.sort_unstable();
    assert_eq!(rest, vec![3, 4]);
    assert!(ch.is_empty());
}

#[test]
fn a_rendezvous_channel_hands_each_value_to_a_receiver() {
    let ch = Channel::bounded(0);
    assert_eq!(Channel::<i64>::bounded(-5).capacity(), Some(0));
    let tx = ch.clone();
    spawn_async(async move {
        for v in 0..100 {
            assert!(tx.send_async(v).await);
        }
        tx.close();
    });
    let mut got = Vec::new();
    while let (v, true) = ch.receive() {
        assert_eq!(ch.len(), 0, "a rendezvous channel queues nothing");
        got.push(v);
    }
    assert_eq!(got, (0..100).collect::<Vec<_>>());
}

#[test]
fn close_wakes_waiting_senders_and_receivers() {
    let full = Channel::bounded(1);
    assert!(full.send(0));
    let empty = Channel::<i64>::new();
    let results = Channel::new();
    for kind in 0..4 {
        let (full, empty, results) = (full.clone(), empty.clone(), results.clone());
        spawn_async(async move {
            let r = match kind {
                0 => full.send_async(1).await,
                1 => empty.receive_async().await.1,
                2 => full.send(2),
                _ => empty.receive().1,
            };
            results.send_async((kind, r)).await;
        });
    }
    eventually("everyone waiting", || {
        full.senders_waiting() == 2 && empty.receivers_waiting() == 2
    });
    full.close();
    empty.close();
    let mut got: Vec<(i64, bool)> = (0..4).map(|_| results.receive().0).collect();
    got.sort_unstable();
    assert_eq!(got, vec![(0, false), (1, false), (2, false), (3, false)]);
    // What was queued before the close is still received.
    assert_eq!(full.receive(), (0, true));
    assert_eq!(full.receive(), (0, false));
    eventually("no strand left blocked", || strand::stats().blocked == 0);
}

#[test]
fn nothing_is_lost_or_duplicated_on_a_bounded_channel_under_contention() {
    for capacity in [0, 1, 3] {
        let (work, results) = (Channel::bounded(capacity), Channel::new());
        const PRODUCERS: i64 = 6;
        const PER: i64 = 500;
        for c in 0..4 {
            let (work, results) = (work.clone(), results.clone());
            let consume = async move {
                let mut seen = Vec::new();
                loop {
                    let (v, ok) = match c % 2 {
                        0 => work.receive_async().await,
                        _ => work.receive(),
                    };
                    if !ok {
                        break;
                    }
                    seen.push(v);
                }
                results.send_async(seen).await;
            };
            spawn_async(consume);
        }
        let producers = Channel::new();
        for p in 0..PRODUCERS {
            let (work, producers) = (work.clone(), producers.clone());
            spawn_async(async move {
                for i in 0..PER {
                    let v = p * PER + i;
                    let sent = match (p + i) % 3 {
                        0 => work.send_async(v).await,
                        1 => work.send(v),
                        _ => {
                            yield_now_async().await;
                            work.send_async(v).await
                        }
                    };
                    assert!(sent);
                }
                producers.send_async(()).await;
            });
        }
        for _ in 0..PRODUCERS {
            producers.receive();
        }
        work.close();
        let mut all: Vec<i64> = (0..4).flat_map(|_| results.receive().0).collect();
        all.sort_unstable();
        assert_eq!(
            all,
            (0..PRODUCERS * PER).collect::<Vec<_>>(),
            "capacity {capacity}"
        );
    }
}

#[test]
fn a_dropped_receive_gives_its_value_back_and_a_dropped_send_sends_nothing() {
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    let ch = Channel::<i64>::new();
    let mut cx = Context::from_waker(Waker::noop());
    {
        let mut receive = pin!(ch.receive_async());
        assert!(receive.as_mut().poll(&mut cx).is_pending());
        assert_eq!(ch.receivers_waiting(), 1);
        assert!(ch.send(7)); // handed to the pending receive ...
        assert_eq!(ch.len(), 0);
    } // ... which is dropped before it took it
    assert_eq!(ch.receivers_waiting(), 0);
    assert_eq!(
        ch.receive(),
        (7, true),
        "the value went back to the channel"
    );

    let bounded = Channel::bounded(0);
    {
        let mut send = pin!(bounded.send_async(9));
        assert!(send.as_mut().poll(&mut cx).is_pending());
        assert_eq!(bounded.senders_waiting(), 1);
    }
    assert_eq!(bounded.senders_waiting(), 0);
    bounded.close();
    assert_eq!(
        bounded.receive(),
        (0, false),
        "the dropped send sent nothing"
    );

    // Polled again after completion, a receive answers at once.
    let mut receive = pin!(ch.receive_async());
    assert!(receive.as_mut().poll(&mut cx).is_pending());
    ch.send(8);
    assert_eq!(receive.as_mut().poll(&mut cx), Poll::Ready((8, true)));
}

#[test]
fn block_on_runs_a_future_on_a_thread_and_in_a_strand() {
    let ch = Channel::new();
    let tx = ch.clone();
    spawn(move || {
        // In a strand: blocks the carrier while the future waits.
        block_on(async {
            sleep_ms_async(5).await;
            tx.send_async(1).await;
        });
    });
    assert_eq!(block_on(ch.receive_async()), (1, true));
}
