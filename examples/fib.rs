//! Naive Fibonacci in Seq, called from Rust: `cargo run --release --example fib -- 35`.

use seq::seq;

seq! {
    // Doubly recursive on purpose: the benchmark of call overhead.
    : fib ( Int -- Int )
        dup 2 i.< if
        else
            dup 1 i.- fib
            swap 2 i.- fib
            i.+
        then ;
}

fn main() {
    let n: i64 = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("the argument is a number"))
        .unwrap_or(30);
    let start = std::time::Instant::now();
    let result = fib(n);
    println!(
        "fib({n}) = {result} in {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
}
