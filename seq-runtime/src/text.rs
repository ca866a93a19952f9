//! String words whose semantics need more than one expression: indexes count characters,
//! and out-of-range arguments give empty or -1 results rather than panics.

/// `string.equal? ( String String -- Bool )`: whether the texts are equal (a literal is
/// compared without being made a `String`).
#[inline]
pub fn equal(a: &str, b: &str) -> bool {
    a == b
}

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

/// `string.split ( String String -- List )`: the parts of `s` between separators. An
/// empty separator matches before and after every character, as upstream's does (and
/// Rust's `str::split("")`): `"ab"` gives `"" "a" "b" ""`, and `""` gives `"" ""`.
/// Upstream splits there at every byte; a String here holds whole characters, so a
/// character of several bytes stays one part.
pub fn split(s: &str, separator: &str) -> crate::List<String> {
    s.split(separator).map(String::from).collect()
}

/// `string.json-escape ( String -- String )`: the text as the inside of a JSON string
/// literal. `"` and `\` get a backslash; newline, carriage return, tab, backspace and
/// form feed become `\n \r \t \b \f`; every other control character (U+0000 to
/// U+001F, U+007F to U+009F) becomes `\u` and four upper-case hex digits. Everything else,
/// `/` and non-ASCII included, is kept as it is.
pub fn json_escape(s: &str) -> String {
    let mut escaped = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => escaped.push_str("\\\""),
            '\\' => escaped.push_str("\\\\"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\t' => escaped.push_str("\\t"),
            '\u{8}' => escaped.push_str("\\b"),
            '\u{c}' => escaped.push_str("\\f"),
            c if c.is_control() => escaped.push_str(&format!("\\u{:04X}", c as u32)),
            c => escaped.push(c),
        }
    }
    escaped
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
        assert_eq!(split("héj", "").len(), 5);
        assert_eq!(split("héj", "").get(0), (String::new(), true));
        assert_eq!(split("héj", "").get(2), ("é".to_string(), true));
        assert_eq!(split("héj", "").get(4), (String::new(), true));
        assert_eq!(split("", "").len(), 2);
        assert_eq!(split("", ",").len(), 1);
    }

    #[test]
    fn json_escapes() {
        assert_eq!(json_escape("a\"b\\c/d"), "a\\\"b\\\\c/d");
        assert_eq!(json_escape("\n\r\t\u{8}\u{c}"), "\\n\\r\\t\\b\\f");
        assert_eq!(
            json_escape("\0\u{1f}\u{7f}\u{85}"),
            "\\u0000\\u001F\\u007F\\u0085"
        );
        assert_eq!(json_escape("\u{a0}é😀\u{2028}"), "\u{a0}é😀\u{2028}");
    }
}
