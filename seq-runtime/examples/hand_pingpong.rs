//! Ping-pong on seq-runtime: two strands pass a number back and forth `n` times over two
//! channels. Prints `BENCH:pingpong:roundtrips-<n>:<sum of the returned numbers>:<ms>`
//! (n: first argument, default 1m).

use seq_runtime::{spawn, Channel};

mod common;

fn main() {
    let n = common::size_arg(1_000_000);
    let start = std::time::Instant::now();
    let (ping, pong, done) = (Channel::<i64>::new(), Channel::<i64>::new(), Channel::new());
    {
        let (ping, pong) = (ping.clone(), pong.clone());
        spawn(move || {
            for _ in 0..n {
                let (v, _) = ping.receive();
                pong.send(v);
            }
        });
    }
    {
        let done = done.clone();
        spawn(move || {
            let mut sum = 0;
            for i in 0..n {
                ping.send(i);
                sum += pong.receive().0;
            }
            done.send(sum);
        });
    }
    let (sum, _) = done.receive();
    common::report("pingpong", "roundtrips", n, sum, start);
}
