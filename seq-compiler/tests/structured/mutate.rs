//! Mutations of a well-formed program: tokens deleted, duplicated, swapped, replaced or
//! inserted, runs of tokens copied elsewhere or cut, the text truncated, and single
//! characters inserted (quotes, backslashes, comment marks, brackets, non-ASCII).

use super::rng::Rng;

/// Tokens worth inserting: syntax, words that need special care, odd literals.
const VOCABULARY: &[&str] = &[
    ":",
    ";",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "--",
    "..a",
    "..b",
    "..A",
    "|",
    "Yield",
    "if",
    "else",
    "then",
    "when",
    "unless",
    "match",
    "end",
    "->",
    "union",
    "include",
    "extern",
    "T",
    "U",
    "Int",
    "Intt",
    "List<",
    "List<Int>",
    "Map<Int>",
    "Map<Int,",
    "Channel<[",
    "Closure[",
    "Symbol",
    "0",
    "-1",
    "3",
    "64",
    "0x",
    "1e999",
    "-0",
    "pick",
    "roll",
    ">aux",
    "aux>",
    "call",
    "dip",
    "keep",
    "bi",
    "times",
    "each-integer",
    "integer-fold",
    "cond",
    "strand.spawn",
    "chan.make",
    "list.make",
    "map.make",
    "list.map",
    "drop",
    "dup",
    "swap",
    "+",
    "/",
    "=",
    ":sym",
    "\"",
    "\"\\q\"",
    "\"\\x4\"",
    "#",
    "\n",
    "f64::hypot",
    "1 +",
    "main",
    "true",
];

/// One to four mutations of `source`.
pub fn mutate(source: &str, rng: &mut Rng) -> String {
    let mut tokens: Vec<String> = source.split(' ').map(String::from).collect();
    for _ in 0..rng.range(1, 4) {
        if tokens.is_empty() {
            tokens.push(rng.pick(VOCABULARY).to_string());
            continue;
        }
        let n = tokens.len();
        let i = rng.below(n);
        match rng.below(10) {
            0 | 1 => {
                tokens.remove(i);
            }
            2 => {
                let t = tokens[i].clone();
                tokens.insert(i, t);
            }
            3 => {
                let j = rng.below(n);
                tokens.swap(i, j);
            }
            4 => tokens[i] = rng.pick(VOCABULARY).to_string(),
            5 => tokens.insert(i, rng.pick(VOCABULARY).to_string()),
            6 => {
                let end = (i + rng.range(1, 8)).min(n);
                let run: Vec<String> = tokens[i..end].to_vec();
                let at = rng.below(n + 1);
                tokens.splice(at..at, run);
            }
            7 => {
                let end = (i + rng.range(1, 8)).min(n);
                tokens.drain(i..end);
            }
            8 => tokens.truncate(i),
            _ => {
                let c = *rng.pick(&['"', '\\', '#', '[', ']', '(', ':', ';', 'é', '\n', '\t']);
                let t = &mut tokens[i];
                let at = rng.below(t.chars().count() + 1);
                let byte = t.char_indices().nth(at).map_or(t.len(), |(b, _)| b);
                t.insert(byte, c);
            }
        }
    }
    tokens.join(" ")
}
