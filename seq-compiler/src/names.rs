//! Seq word names → Rust identifiers.
//!
//! The rule (also in the README): a trailing `?` becomes `_p`, `->` becomes `_to_`, and `-`
//! and `.` become `_`; what is left must be a Rust identifier. Rust keywords become raw
//! identifiers (`loop` → `r#loop`). Names Rust cannot take (`2dup`, `>aux`, `a+b`, `self`)
//! and names the generated code uses for its locals (`v0`, `v1`, ...) are errors, and so is
//! a clash of two words on one Rust name (the checker reports those).

/// The Rust name of a word whose name Rust cannot take (`2drop`, `a+b`): `__seq_` and the
/// name with `-` and `.` as `_` and any other character as `x` and its hex code point, so
/// distinct names stay distinct. Such a function is hidden from the crate's docs; Seq code
/// calls it by its Seq name.
pub fn hidden_name(word: &str) -> String {
    let mut out = String::from("__seq_");
    for c in word.chars() {
        match c {
            '-' | '.' => out.push('_'),
            c if c.is_ascii_alphanumeric() || c == '_' => out.push(c),
            c => out.push_str(&format!("x{:x}", c as u32)),
        }
    }
    out
}

/// Keywords that may be raw identifiers.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static",
    "struct", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn",
    "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized",
    "virtual", "yield", "try", "gen",
];

/// Keywords that cannot be identifiers even raw.
const UNUSABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A Rust identifier for a word (as written in source: `r#` included for keywords), or why
/// there is none.
pub fn rust_name(word: &str) -> Result<String, String> {
    let (stem, predicate) = match word.strip_suffix('?') {
        Some(stem) => (stem, true),
        None => (word, false),
    };
    if stem.is_empty() {
        return Err("there is nothing left of it in Rust".into());
    }
    let mut name = stem.replace("->", "_to_").replace(['-', '.'], "_");
    if predicate {
        name.push_str("_p");
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_alphanumeric() || *c == '_')) {
        return Err(format!("`{bad}` has no place in a Rust name"));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err("a Rust name cannot start with a digit".into());
    }
    if UNUSABLE.contains(&name.as_str()) {
        return Err(format!("`{name}` is reserved in Rust"));
    }
    if name.len() > 1 && name.starts_with('v') && name[1..].chars().all(|c| c.is_ascii_digit()) {
        return Err(format!(
            "`{name}` is the name of a local in the generated code"
        ));
    }
    if syn::parse_str::<syn::Ident>(&name).is_err() && !KEYWORDS.contains(&name.as_str()) {
        return Err(format!("`{name}` is not a Rust identifier"));
    }
    if KEYWORDS.contains(&name.as_str()) {
        return Ok(format!("r#{name}"));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mapping_rule() {
        assert_eq!(rust_name("fib-naive").unwrap(), "fib_naive");
        assert_eq!(rust_name("int->string").unwrap(), "int_to_string");
        assert_eq!(rust_name("string.empty?").unwrap(), "string_empty_p");
        assert_eq!(rust_name("empty?").unwrap(), "empty_p");
        assert_eq!(rust_name("loop").unwrap(), "r#loop");
        assert_eq!(rust_name("main").unwrap(), "main");
        assert_eq!(rust_name("größe").unwrap(), "größe");
    }

    #[test]
    fn names_rust_cannot_take() {
        for bad in [
            "2dup", ">aux", "aux>", "a+b", "self", "-", "?", "v12", "a?b", "x!",
        ] {
            assert!(rust_name(bad).is_err(), "{bad}");
        }
        assert!(rust_name("v").is_ok());
        assert!(rust_name("vx1").is_ok());
    }
}
