//! Skynet by hand on bare May (one May coroutine per strand, `may::sync::mpsc`), for
//! comparison with `skynet`. One coroutine (and stack, two memory maps) per live strand:
//! under the default `vm.max_map_count` (65,530) it fails near 32k live coroutines, so
//! the default size is 10,000. Prints `BENCH:skynet-may:spawn-<size>:<sum>:<ms>`.

use may::sync::mpsc;

mod common;

fn skynet(out: mpsc::Sender<i64>, num: i64, size: i64) {
    if size == 1 {
        out.send(num).unwrap();
        return;
    }
    let (tx, rx) = mpsc::channel();
    let sub = size / 10;
    for i in 0..10 {
        let tx = tx.clone();
        // SAFETY: the coroutine uses no thread-locals.
        unsafe { may::coroutine::spawn(move || skynet(tx, num + i * sub, sub)) };
    }
    let sum: i64 = (0..10).map(|_| rx.recv().unwrap()).sum();
    out.send(sum).unwrap();
}

fn main() {
    let size = common::size_arg(10_000);
    if let Ok(w) = std::env::var("SEQ_WORKERS") {
        may::config().set_workers(w.parse().expect("SEQ_WORKERS is a number"));
    }
    may::config().set_stack_size(0x2000);
    let start = std::time::Instant::now();
    let (tx, rx) = mpsc::channel();
    // SAFETY: as above.
    unsafe { may::coroutine::spawn(move || skynet(tx, 0, size)) };
    let sum = rx.recv().unwrap();
    common::report("skynet-may", "spawn", size, sum, start);
}
