//! Shared by the benchmark examples: the size argument and the result line.

/// The first program argument as a size, or `default`.
pub fn size_arg(default: i64) -> i64 {
    std::env::args()
        .nth(1)
        .map(|a| {
            a.replace('_', "")
                .parse()
                .expect("the argument is a size, e.g. 1000000")
        })
        .unwrap_or(default)
}

/// `1000000` -> `1m`, `100000` -> `100k`, other sizes as they are.
pub fn size_word(n: i64) -> String {
    if n >= 1_000_000 && n % 1_000_000 == 0 {
        format!("{}m", n / 1_000_000)
    } else if n >= 1_000 && n % 1_000 == 0 {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

/// Prints the one result line: `BENCH:<bench>:<what>-<size>:<check>:<ms>`.
pub fn report(bench: &str, what: &str, size: i64, check: i64, start: std::time::Instant) {
    let ms = start.elapsed().as_millis();
    println!("BENCH:{bench}:{what}-{}:{check}:{ms}", size_word(size));
}
