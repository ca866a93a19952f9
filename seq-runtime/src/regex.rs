//! `regex.*`: regular expressions, by the `regex` crate (linear-time matching: no
//! catastrophic backtracking, and no look-around or back-references).
//!
//! Present only with the `regex` feature of `seq-runtime` (and of `seq`, which forwards
//! it; on by default). Without it this module does not exist, and code generated for a
//! `regex.*` word fails to compile, naming `seq::runtime::regex`.
//!
//! Every word takes the text first and the pattern above it (`text pattern regex.find`),
//! as upstream Seq's. A pattern that does not compile is never a panic: `regex.match?`
//! gives `false`, `find` `("", false)`, `find-all` and `captures` an empty list and
//! `false`, `replace` and `replace-all` the text unchanged and `false`, `split` a list of
//! the whole text and `false`. On a valid pattern the flag is `true` except where there
//! is nothing to give: `find` and `captures` without a match.
//!
//! Matching is on the String's characters, so a raw byte (see [`crate::bytes`]) is one
//! character that only `.`, a negated class or its own code point matches; every result
//! is made of whole characters of the text, and raw bytes in it stay raw bytes.
//! Replacements expand `$1`, `${name}` and `$$` as the `regex` crate does.
//!
//! Compiled patterns are kept in a small process-wide cache (the last
//! [`CACHE_CAPACITY`] patterns used, invalid ones included), so a word in a loop compiles
//! its pattern once.

use crate::List;
use ::regex::Regex;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex, MutexGuard, PoisonError};

/// How many compiled patterns the cache keeps.
pub const CACHE_CAPACITY: usize = 64;

/// Compiled patterns (`None`: the pattern does not compile), each with when it was last
/// used; the least recently used is evicted when the cache is full.
#[derive(Default)]
struct Cache {
    patterns: HashMap<String, (Option<Regex>, u64)>,
    clock: u64,
}

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(Mutex::default);

/// The cache, locked (a panic elsewhere while it was held leaves it consistent: every
/// update is one insertion or removal).
fn cache() -> MutexGuard<'static, Cache> {
    CACHE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The compiled pattern, from the cache or compiled now; `None` if it does not compile.
fn compiled(pattern: &str) -> Option<Regex> {
    {
        let mut cache = cache();
        cache.clock += 1;
        let now = cache.clock;
        if let Some((regex, used)) = cache.patterns.get_mut(pattern) {
            *used = now;
            return regex.clone();
        }
    }
    // Compiled without the lock: other strands' lookups do not wait for it.
    let regex = Regex::new(pattern).ok();
    let mut cache = cache();
    if cache.patterns.len() >= CACHE_CAPACITY && !cache.patterns.contains_key(pattern) {
        let oldest = cache
            .patterns
            .iter()
            .min_by_key(|(_, (_, used))| *used)
            .map(|(key, _)| key.clone());
        if let Some(oldest) = oldest {
            cache.patterns.remove(&oldest);
        }
    }
    let now = cache.clock;
    cache
        .patterns
        .insert(pattern.to_string(), (regex.clone(), now));
    regex
}

/// `regex.match? ( text pattern -- Bool )`: whether the pattern matches anywhere in the
/// text; `false` for an invalid pattern.
pub fn is_match(text: &str, pattern: &str) -> bool {
    compiled(pattern).is_some_and(|re| re.is_match(text))
}

/// `regex.find ( text pattern -- String Bool )`: the leftmost match and `true`; `("",
/// false)` without a match or for an invalid pattern.
pub fn find(text: &str, pattern: &str) -> (String, bool) {
    match compiled(pattern).and_then(|re| re.find(text).map(|m| m.as_str().to_string())) {
        Some(found) => (found, true),
        None => (String::new(), false),
    }
}

/// `regex.find-all ( text pattern -- List<String> Bool )`: every non-overlapping match,
/// left to right, and `true` (an empty list when nothing matches); an empty list and
/// `false` for an invalid pattern.
pub fn find_all(text: &str, pattern: &str) -> (List<String>, bool) {
    match compiled(pattern) {
        Some(re) => (
            re.find_iter(text).map(|m| m.as_str().to_string()).collect(),
            true,
        ),
        None => (List::new(), false),
    }
}

/// `regex.replace ( text pattern replacement -- String Bool )`: the text with its leftmost
/// match replaced, and `true`; the text unchanged and `false` for an invalid pattern.
pub fn replace(text: String, pattern: &str, replacement: &str) -> (String, bool) {
    replaced(text, pattern, |re, text| {
        re.replace(text, replacement).into_owned()
    })
}

/// `regex.replace-all ( text pattern replacement -- String Bool )`: the text with every
/// non-overlapping match replaced, and `true`; the text unchanged and `false` for an
/// invalid pattern.
pub fn replace_all(text: String, pattern: &str, replacement: &str) -> (String, bool) {
    replaced(text, pattern, |re, text| {
        re.replace_all(text, replacement).into_owned()
    })
}

/// A replacement's result: `edit` of the text by the compiled pattern, or the text
/// unchanged and `false`.
fn replaced(text: String, pattern: &str, edit: impl Fn(&Regex, &str) -> String) -> (String, bool) {
    match compiled(pattern) {
        Some(re) => (edit(&re, &text), true),
        None => (text, false),
    }
}

/// `regex.captures ( text pattern -- List<String> Bool )`: the capture groups of the
/// leftmost match (group 1 on; a group that took no part is `""`) and `true`; an empty
/// list and `false` without a match or for an invalid pattern.
pub fn captures(text: &str, pattern: &str) -> (List<String>, bool) {
    let groups = compiled(pattern).and_then(|re| {
        re.captures(text).map(|caps| {
            caps.iter()
                .skip(1)
                .map(|group| group.map_or_else(String::new, |m| m.as_str().to_string()))
                .collect()
        })
    });
    match groups {
        Some(groups) => (groups, true),
        None => (List::new(), false),
    }
}

/// `regex.split ( text pattern -- List<String> Bool )`: the pieces of the text between
/// matches (an empty piece where a match starts or ends the text, or two matches touch)
/// and `true`; a list of the whole text and `false` for an invalid pattern.
pub fn split(text: &str, pattern: &str) -> (List<String>, bool) {
    match compiled(pattern) {
        Some(re) => (re.split(text).map(String::from).collect(), true),
        None => (List::from(vec![text.to_string()]), false),
    }
}

/// `regex.valid? ( pattern -- Bool )`: whether the pattern compiles.
pub fn is_valid(pattern: &str) -> bool {
    compiled(pattern).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytes::{from_slice, to_bytes};
    use proptest::prelude::*;

    fn strings(list: &List<String>) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }

    #[test]
    fn matching_and_finding() {
        assert!(is_match("hello world", "wo.ld"));
        assert!(!is_match("hello world", "xyz"));
        assert!(is_match("", ".*"));
        assert!(is_match("hello[world]", r"\[world\]"));
        assert_eq!(find("a1 b2 c3", "[a-z][0-9]"), ("a1".to_string(), true));
        assert_eq!(find("hello", "[0-9]+"), (String::new(), false));
        // An empty match is a match.
        assert_eq!(find("abc", "x*"), (String::new(), true));
        let (all, ok) = find_all("a1 b2 c3", "[a-z][0-9]");
        assert!(ok);
        assert_eq!(strings(&all), ["a1", "b2", "c3"]);
        let (none, ok) = find_all("hello", "[0-9]");
        assert!(ok && none.is_empty());
    }

    #[test]
    fn replacing() {
        assert_eq!(
            replace("hello world".into(), "o", "0"),
            ("hell0 world".to_string(), true)
        );
        assert_eq!(
            replace_all("a1 b2 c3".into(), "[0-9]", "X"),
            ("aX bX cX".to_string(), true)
        );
        assert_eq!(
            replace_all("2024-01-15".into(), r"(\d+)-(\d+)-(\d+)", "$3/$2/$1"),
            ("15/01/2024".to_string(), true)
        );
        assert_eq!(
            replace_all("a.b".into(), r"\.", "$$"),
            ("a$b".to_string(), true)
        );
        assert_eq!(
            replace("hello".into(), "xyz", "abc"),
            ("hello".to_string(), true)
        );
    }

    #[test]
    fn captures_and_splitting() {
        let (groups, ok) = captures("2024-01-15", r"(\d+)-(\d+)-(\d+)");
        assert!(ok);
        assert_eq!(strings(&groups), ["2024", "01", "15"]);
        let (groups, ok) = captures("ac", "(a)(b)?(c)");
        assert!(ok);
        assert_eq!(strings(&groups), ["a", "", "c"], "an unused group is empty");
        let (groups, ok) = captures("hello", r"(\d+)");
        assert!(!ok && groups.is_empty());
        let (groups, ok) = captures("abc", "b");
        assert!(ok && groups.is_empty(), "a match without groups");
        let (parts, ok) = split("a1b2c3", "[0-9]");
        assert!(ok);
        assert_eq!(strings(&parts), ["a", "b", "c", ""]);
        let (parts, _) = split("hello world  foo", r"\s+");
        assert_eq!(strings(&parts), ["hello", "world", "foo"]);
        let (parts, _) = split("", ",");
        assert_eq!(strings(&parts), [""]);
    }

    #[test]
    fn invalid_patterns_never_panic() {
        for bad in [
            "[invalid",
            "(",
            "a{2,1}",
            r"\",
            "(?P<x>a)(?P<x>b)",
            "(?=look)",
        ] {
            assert!(!is_valid(bad), "{bad}");
            assert!(!is_match("anything", bad));
            assert_eq!(find("test", bad), (String::new(), false));
            let (list, ok) = find_all("test", bad);
            assert!(!ok && list.is_empty());
            assert_eq!(
                replace("test".into(), bad, "x"),
                ("test".to_string(), false)
            );
            assert_eq!(
                replace_all("test".into(), bad, "x"),
                ("test".to_string(), false)
            );
            let (list, ok) = captures("test", bad);
            assert!(!ok && list.is_empty());
            let (list, ok) = split("a test", bad);
            assert!(!ok);
            assert_eq!(strings(&list), ["a test"]);
        }
        assert!(is_valid("[a-z]+"));
        assert!(is_valid(""));
        // Past the size limit: a pattern that would compile too large fails cleanly.
        assert!(!is_valid(r"\w{1000}{1000}"));
    }

    #[test]
    fn raw_bytes_are_characters_and_stay_raw() {
        let text = from_slice(&[b'a', 0xFF, b'b', 0xFE, b'c']);
        let (parts, ok) = split(&text, "[a-c]");
        assert!(ok);
        let parts: Vec<Vec<u8>> = parts.iter().map(|p| to_bytes(p).into_owned()).collect();
        assert_eq!(parts, [vec![], vec![0xFF], vec![0xFE], vec![]]);
        let (found, ok) = find(&text, "b.");
        assert!(ok);
        assert_eq!(to_bytes(&found).as_ref(), [b'b', 0xFE]);
        assert!(is_match("é", "^.$"), "a character, not its bytes");
    }

    #[test]
    fn the_cache_is_bounded_and_still_correct() {
        for i in 0..(CACHE_CAPACITY * 3) {
            let pattern = format!("^x{i}$");
            assert!(is_match(&format!("x{i}"), &pattern));
            assert!(!is_match("x", &pattern));
        }
        assert!(cache().patterns.len() <= CACHE_CAPACITY);
    }

    proptest! {
        #[test]
        fn a_literal_pattern_finds_itself(prefix in "[a-z ]{0,8}", word in "[a-z]{1,8}", suffix in "[a-z ]{0,8}") {
            let text = format!("{prefix}{word}{suffix}");
            let (found, ok) = find(&text, &::regex::escape(&word));
            prop_assert!(ok);
            prop_assert_eq!(found, word.clone());
            let (parts, ok) = split(&text, &::regex::escape(&word));
            prop_assert!(ok);
            let joined: Vec<&str> = parts.iter().map(String::as_str).collect();
            prop_assert_eq!(joined.join(&word), text);
        }

        #[test]
        fn any_pattern_is_handled(pattern in "\\PC{0,12}", text in "\\PC{0,12}") {
            let valid = is_valid(&pattern);
            prop_assert_eq!(find_all(&text, &pattern).1, valid);
            prop_assert_eq!(split(&text, &pattern).1, valid);
        }
    }
}
