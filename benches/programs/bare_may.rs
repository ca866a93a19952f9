//! The concurrency benchmarks by hand on bare May: one May coroutine (and stack, two
//! memory maps) per task, `may::sync::mpsc` channels. Under the default
//! `vm.max_map_count` (65,530) this fails near 32k live coroutines, which is why seq's
//! strands take no stack until they run. Run only at sizes bare May survives.

use may::sync::mpsc;

use crate::hand_strands::FANOUT_WORKERS;

fn skynet(out: mpsc::Sender<i64>, num: i64, size: i64) {
    if size == 1 {
        out.send(num).unwrap();
        return;
    }
    let (tx, rx) = mpsc::channel();
    for i in 0..10 {
        let (tx, sub) = (tx.clone(), size / 10);
        // SAFETY: no thread-locals are used in the coroutine.
        unsafe { may::coroutine::spawn(move || skynet(tx, num + i * sub, sub)) };
    }
    let sum = (0..10).map(|_| rx.recv().unwrap()).sum();
    out.send(sum).unwrap();
}

/// The sum of 0 .. size-1, by a tree of `size` leaf coroutines.
pub fn skynet_sum(size: i64) -> i64 {
    let (tx, rx) = mpsc::channel();
    // SAFETY: as above.
    unsafe { may::coroutine::spawn(move || skynet(tx, 0, size)) };
    rx.recv().unwrap()
}

/// `n` round trips between two coroutines.
pub fn pingpong(n: i64) -> i64 {
    let (ping_tx, ping_rx) = mpsc::channel::<i64>();
    let (pong_tx, pong_rx) = mpsc::channel::<i64>();
    // SAFETY: as above.
    let echo = unsafe {
        may::coroutine::spawn(move || {
            for _ in 0..n {
                pong_tx.send(ping_rx.recv().unwrap()).unwrap();
            }
        })
    };
    let sum = unsafe {
        may::coroutine::spawn(move || {
            (0..n)
                .map(|i| {
                    ping_tx.send(i).unwrap();
                    pong_rx.recv().unwrap()
                })
                .sum::<i64>()
        })
    };
    echo.join().unwrap();
    sum.join().unwrap()
}

/// `n` messages from one producer to the fan-out workers.
pub fn fanout(n: i64) -> i64 {
    // May's mpsc has one receiver: the workers share it behind May's mutex.
    let (tx, rx) = mpsc::channel::<i64>();
    let rx = std::sync::Arc::new(may::sync::Mutex::new(rx));
    let (res_tx, res_rx) = mpsc::channel::<i64>();
    for _ in 0..FANOUT_WORKERS {
        let (rx, res_tx) = (rx.clone(), res_tx.clone());
        // SAFETY: as above.
        unsafe {
            may::coroutine::spawn(move || {
                let mut sum = 0;
                while let Ok(v) = { rx.lock().unwrap().recv() } {
                    sum += v;
                }
                res_tx.send(sum).unwrap();
            })
        };
    }
    // SAFETY: as above.
    unsafe {
        may::coroutine::spawn(move || {
            (0..n).for_each(|i| tx.send(i).unwrap());
        })
    };
    (0..FANOUT_WORKERS).map(|_| res_rx.recv().unwrap()).sum()
}
