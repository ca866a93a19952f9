//! The concurrency benchmarks written by hand in Rust on seq-runtime (`spawn` and
//! `Channel`): the same programs as [`crate::strands`], the baseline the `seq!` versions
//! are measured against. Each returns the same check number as its Seq twin.

use seq::runtime::{spawn, spawn_async, Channel};

/// Workers in [`fanout`].
pub const FANOUT_WORKERS: usize = 100;

fn skynet(out: Channel<i64>, num: i64, size: i64) {
    if size == 1 {
        out.send(num);
        return;
    }
    let children = Channel::new();
    for i in 0..10 {
        let (children, sub) = (children.clone(), size / 10);
        spawn(move || skynet(children, num + i * sub, sub));
    }
    let sum = (0..10).map(|_| children.receive().0).sum();
    out.send(sum);
}

/// The sum of 0 .. size-1, computed by a tree of `size` leaf strands.
pub fn skynet_sum(size: i64) -> i64 {
    let out = Channel::new();
    let root = out.clone();
    spawn(move || skynet(root, 0, size));
    out.receive().0
}

/// `n` round trips between two strands; the sum of 0 .. n-1 checks them.
pub fn pingpong(n: i64) -> i64 {
    let (ping, pong, done) = (Channel::<i64>::new(), Channel::<i64>::new(), Channel::new());
    let (p2, q2) = (ping.clone(), pong.clone());
    spawn(move || {
        for _ in 0..n {
            q2.send(p2.receive().0);
        }
    });
    let d2 = done.clone();
    spawn(move || {
        let sum = (0..n).map(|i| {
            ping.send(i);
            pong.receive().0
        });
        d2.send(sum.sum());
    });
    done.receive().0
}

/// `n` messages from one producer to [`FANOUT_WORKERS`] workers; the total checks them.
pub fn fanout(n: i64) -> i64 {
    let (work, results) = (Channel::<i64>::new(), Channel::<i64>::new());
    for _ in 0..FANOUT_WORKERS {
        let (work, results) = (work.clone(), results.clone());
        spawn(move || {
            let mut sum = 0;
            while let (v, true) = work.receive() {
                sum += v;
            }
            results.send(sum);
        });
    }
    spawn(move || {
        (0..n).for_each(|i| {
            work.send(i);
        });
        work.close();
    });
    (0..FANOUT_WORKERS).map(|_| results.receive().0).sum()
}

/// `n` strands waiting at once, each on a channel of its own: each makes its gate, hands
/// it to the root on `ready` and waits on it; once the root holds every gate (all of
/// them wait), it sends `i` on gate `i` and sums what comes back on `done`. The strands
/// are futures: waiting, they hold no stack.
pub fn blocked(n: i64) -> i64 {
    let (ready, done) = (Channel::<Channel<i64>>::new(), Channel::<i64>::new());
    for _ in 0..n {
        let (ready, done) = (ready.clone(), done.clone());
        spawn_async(async move {
            let gate = Channel::new();
            ready.send_async(gate.clone()).await;
            let (v, _) = gate.receive_async().await;
            done.send_async(v).await;
        });
    }
    let gates: Vec<Channel<i64>> = (0..n).map(|_| ready.receive().0).collect();
    for (i, gate) in gates.iter().enumerate() {
        gate.send(i as i64);
    }
    (0..n).map(|_| done.receive().0).sum()
}
