//! String words whose semantics need more than one expression: indexes count characters,
//! and out-of-range arguments give empty or -1 results rather than panics.

/// `string.equal? ( String String -- Bool )`: whether the texts are equal (a literal is
/// compared without being made a `String`).
#[inline]
pub fn equal(a: &str, b: &str) -> bool {
    a == b
}

/// `int->string ( Int -- String )`: the decimal text of `n` (`-42`), as Rust's `Display`
/// writes it, formatted by `itoa` (no formatting machinery) into one allocation with
/// room to join a label ([`INT_TEXT_ROOM`]).
pub fn int_to_string(n: i64) -> String {
    let mut string = String::with_capacity(INT_TEXT_ROOM);
    string.push_str(itoa::Buffer::new().format(n));
    string
}

/// The capacity of a String `int->string` makes: the longest Int (20 bytes) and a few
/// more, so that a short label joined before or after a number (`"line " swap
/// string.concat`, `" items" string.concat`) fits without a new allocation. With glibc's
/// allocator (Rust's on Linux) every request up to 24 bytes takes the same 32-byte chunk,
/// so the room costs no memory there.
const INT_TEXT_ROOM: usize = 24;

/// `string.concat ( String String -- String )` of a text and a String at its last use
/// (what a literal followed by a String becomes): the text goes in front, in the
/// String's own buffer when it has room.
pub fn prepend(text: &str, mut string: String) -> String {
    string.insert_str(0, text);
    string
}

/// `string.concat ( String String -- String )` of two borrowed texts (what a literal
/// followed by a String becomes): one allocation of the joined length.
pub fn concat(a: &str, b: &str) -> String {
    let mut joined = String::with_capacity(a.len() + b.len());
    joined.push_str(a);
    joined.push_str(b);
    joined
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
    fn ints_read_as_display_writes_them() {
        for n in [
            0,
            1,
            -1,
            9,
            10,
            -10,
            1234567,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ] {
            assert_eq!(int_to_string(n), n.to_string());
        }
        for digits in 1..=19u32 {
            let n = 10i64.pow(digits - 1);
            for m in [n - 1, n, -n, 1 - n] {
                assert_eq!(int_to_string(m), m.to_string());
            }
        }
    }

    #[test]
    fn an_int_leaves_room_for_a_label_that_then_needs_no_new_buffer() {
        let n = int_to_string(1234567);
        assert!(n.capacity() >= INT_TEXT_ROOM);
        let buffer = n.as_ptr();
        let line = prepend("line ", n);
        assert_eq!(line, "line 1234567");
        assert_eq!(line.as_ptr(), buffer);
        let line = line + " items";
        assert_eq!(
            (line.as_str(), line.as_ptr()),
            ("line 1234567 items", buffer)
        );
        assert_eq!(prepend("é", String::from("😀")), "é😀");
        assert_eq!(prepend("", String::new()), "");
        assert_eq!(int_to_string(i64::MIN).len(), 20);
    }

    #[test]
    fn a_concat_of_borrowed_texts_is_exactly_their_join() {
        let joined = concat("line ", "1234567");
        assert_eq!(joined, "line 1234567");
        assert_eq!(joined.capacity(), joined.len());
        assert_eq!(concat("", ""), "");
        assert_eq!(concat("é", "😀"), "é😀");
    }

    proptest::proptest! {
        #[test]
        fn every_int_reads_as_display_writes_it(n in proptest::prelude::any::<i64>()) {
            proptest::prop_assert_eq!(int_to_string(n), n.to_string());
        }
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
