//! The benchmark examples' command line: a size argument and one result line in the
//! format `benches/compare.sh` reads, `BENCH:<bench>:<what>-<size>:<check>:<ms>`.

use std::time::Instant;

/// The first program argument as a size (underscores allowed), or `default`.
pub fn size_arg(default: i64) -> i64 {
    match std::env::args().nth(1) {
        Some(arg) => match arg.replace('_', "").parse() {
            Ok(n) if n > 0 => n,
            _ => {
                eprintln!("the argument is a size, e.g. 1000000 (got {arg:?})");
                std::process::exit(2)
            }
        },
        None => default,
    }
}

/// `1000000` → `1m`, `100000` → `100k`, other sizes as they are.
pub fn size_word(n: i64) -> String {
    if n >= 1_000_000 && n % 1_000_000 == 0 {
        format!("{}m", n / 1_000_000)
    } else if n >= 1_000 && n % 1_000 == 0 {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

/// Prints the one result line.
pub fn report(bench: &str, what: &str, size: i64, check: i64, start: Instant) {
    let ms = start.elapsed().as_millis();
    println!("BENCH:{bench}:{what}-{}:{check}:{ms}", size_word(size));
}

/// Writes on standard error how many carriers (strand stacks) the runtime needed at
/// most, and the process's memory maps now.
pub fn report_carriers() {
    let stats = seq::runtime::strand::stats();
    let maps = std::fs::read_to_string("/proc/self/maps").map_or(0, |m| m.lines().count());
    eprintln!(
        "carriers: {} at most ({} created); memory maps now: {maps}",
        stats.peak_carriers, stats.created_carriers
    );
}

#[cfg(test)]
mod tests {
    use super::size_word;

    #[test]
    fn size_words() {
        assert_eq!(size_word(1_000_000), "1m");
        assert_eq!(size_word(100_000), "100k");
        assert_eq!(size_word(1_500), "1500");
        assert_eq!(size_word(7), "7");
    }
}
