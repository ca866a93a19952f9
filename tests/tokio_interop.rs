//! Seq words as futures of async Rust: tokio tasks await the `_async` forms of words
//! that wait on channels, on a current-thread runtime, without blocking the thread (a
//! tokio timer on it fires on time while ten thousand of them wait); strands and tokio
//! tasks talk over the same channels both ways; the futures are `Send`, so
//! `tokio::spawn` takes them.
#![deny(warnings)]

use std::time::{Duration, Instant};

use seq::runtime::{spawn, Channel};
use seq::seq;

seq! {
    // ( in out -- ): takes a number from in and sends it, plus one, to out.
    : relay-one ( Channel<Int> Channel<Int> -- )
        swap chan.receive drop 1 i.+ swap chan.send drop ;

    // ( ch n -- sum ): the sum of n numbers received from ch.
    : sum-of ( Channel<Int> Int -- Int )
        0 swap [ over chan.receive drop i.+ ] times nip ;
}

const TASKS: usize = 10_000;

fn current_thread_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime")
}

#[test]
fn tokio_tasks_await_seq_words_while_a_timer_on_their_thread_fires_on_time() {
    let runtime = current_thread_runtime();
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(60), async {
            let inputs: Vec<Channel<i64>> = (0..TASKS).map(|_| Channel::new()).collect();
            let out = Channel::new();
            let tasks: Vec<_> = inputs
                .iter()
                .map(|input| tokio::spawn(relay_one_async(input.clone(), out.clone())))
                .collect();
            // Every task starts and waits on its channel.
            while inputs.iter().any(|i| i.receivers_waiting() == 0) {
                tokio::task::yield_now().await;
            }
            // The thread is free: a timer on it fires on time.
            let start = Instant::now();
            tokio::time::sleep(Duration::from_millis(50)).await;
            let late = start.elapsed();
            assert!(
                late < Duration::from_millis(50 + 250),
                "the 50 ms timer fired after {late:?}"
            );
            assert!(inputs.iter().all(|i| i.receivers_waiting() == 1));
            // A strand feeds them all; the tasks answer on `out`, which this task reads.
            let feed = inputs.clone();
            spawn(move || {
                for (i, input) in feed.iter().enumerate() {
                    input.send(i as i64);
                }
            });
            let mut sum = 0;
            for _ in 0..TASKS {
                let (v, ok) = out.receive_async().await;
                assert!(ok);
                sum += v;
            }
            let n = TASKS as i64;
            assert_eq!(sum, n * (n - 1) / 2 + n);
            for task in tasks {
                task.await.expect("a relay task");
            }
        })
        .await
        .expect("the tasks finish");
    });
}

#[test]
fn a_tokio_task_feeds_a_seq_word_running_as_a_strand() {
    let runtime = current_thread_runtime();
    let ch = Channel::new();
    let done = Channel::new();
    let (rx, tx) = (ch.clone(), done.clone());
    // The word runs as a strand, waiting on `ch` without a stack.
    seq::runtime::spawn_async(async move {
        let total = sum_of_async(rx, 100).await;
        tx.send_async(total).await;
    });
    let total = runtime.block_on(async move {
        for i in 1..=100 {
            assert!(ch.send_async(i).await);
            if i % 10 == 0 {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
        }
        done.receive_async().await
    });
    assert_eq!(total, (5050, true));
}

#[test]
fn awaitable_words_are_send_futures() {
    fn assert_send<F: std::future::Future + Send + 'static>(_: &F) {}
    let (a, b) = (Channel::new(), Channel::new());
    let future = relay_one_async(a, b);
    assert_send(&future);
    drop(future);
}
