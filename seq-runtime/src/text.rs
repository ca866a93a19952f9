//! String words whose semantics need more than one expression: indexes count characters,
//! and out-of-range arguments give empty or -1 results rather than panics.

/// `string.substring ( String Int Int -- String )`: `len` characters from character
/// `start`; a start outside the string gives "", a length past the end is clamped.
pub fn substring(s: &str, start: i64, len: i64) -> String {
    match (usize::try_from(start), usize::try_from(len)) {
        (Ok(start), Ok(len)) => s.chars().skip(start).take(len).collect(),
        _ => String::new(),
    }
}

/// `string.find ( String String -- Int )`: the character index of the first occurrence of
/// `needle`, or -1.
pub fn find(haystack: &str, needle: &str) -> i64 {
    match haystack.find(needle) {
        Some(byte) => haystack[..byte].chars().count() as i64,
        None => -1,
    }
}

/// `string.split ( String String -- List )`: the parts of `s` between separators; an
/// empty separator splits into characters (and "" into no parts).
pub fn split(s: &str, separator: &str) -> crate::List<String> {
    if separator.is_empty() {
        s.chars().map(String::from).collect()
    } else {
        s.split(separator).map(String::from).collect()
    }
}

/// `string.chomp ( String -- String )`: removes one trailing `\n` or `\r\n`.
pub fn chomp(mut s: String) -> String {
    if s.ends_with('\n') {
        s.pop();
        if s.ends_with('\r') {
            s.pop();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges() {
        assert_eq!(substring("abc", 1, 1), "b");
        assert_eq!(substring("abc", -1, 1), "");
        assert_eq!(substring("abc", 0, -1), "");
        assert_eq!(find("aé b", " "), 2);
        assert_eq!(chomp("a\r\n".into()), "a");
        assert_eq!(chomp("a\r".into()), "a\r");
        assert_eq!(split("a,b,,c", ",").len(), 4);
        assert_eq!(split("héj", "").get(1), ("é".to_string(), true));
        assert_eq!(split("", "").len(), 0);
        assert_eq!(split("", ",").len(), 1);
    }
}
