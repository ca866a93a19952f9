//! Byte strings: how a Seq String carries bytes that are not UTF-8 text.
//!
//! A Seq String is a Rust `String`, and every String stands for a sequence of bytes:
//! its UTF-8 encoding, except that the 256 code points U+10FE00 to U+10FEFF (private use,
//! in the Supplementary Private Use Area-B, below its last two code points, which are
//! noncharacters and the largest code point) each stand for one raw byte, U+10FE00 + b
//! for byte b. Bytes coming in (a file, a socket, standard input, a decoder, an
//! encoder's output) become a String by [`from_bytes`]: UTF-8 text stays the same text,
//! and every byte that is not part of valid UTF-8 becomes its raw-byte character (as do
//! the bytes of the reserved code points themselves, should the input contain them).
//! Bytes going out (writing, hashing, encoding, compressing) are [`to_bytes`] of the
//! String. So:
//!
//! * `to_bytes(&from_bytes(b)) == b` for every byte sequence `b`: binary data round-trips
//!   through Strings unchanged, and invalid UTF-8 is never replaced;
//! * text is text: a String that came from UTF-8 has no raw-byte characters, and its
//!   bytes are its UTF-8;
//! * `string.length` counts a raw byte as one character, `string.byte-length` counts the
//!   bytes the String stands for ([`byte_len`]), and `string.char-at` reads a raw byte as
//!   its value (128 to 255; bytes below 128 are always ASCII text).
//!
//! The invariant's one cost: a program that builds a reserved code point as text
//! (`0x10FE41 char->string`) gets a String that stands for the byte 0x41, not for that
//! code point's UTF-8. Checking for raw bytes is a scan for the byte 0xF4 (which every
//! code point from U+100000 up starts with), so text without them is passed on as it is.

use std::borrow::Cow;

/// The code point of raw byte 0: raw byte `b` is `RAW_BASE + b`.
pub const RAW_BASE: u32 = 0x10_FE00;

/// The first byte of the UTF-8 of every code point from U+100000 up, reserved ones
/// included: a String without it has no raw bytes.
const PLANE_16_LEAD: u8 = 0xF4;

/// The character that stands for raw byte `b`.
pub fn raw_char(b: u8) -> char {
    char::from_u32(RAW_BASE + u32::from(b)).expect("U+10FE00..U+10FEFF are characters")
}

/// The byte a character stands for when it is a raw byte.
pub fn raw_byte(c: char) -> Option<u8> {
    u32::from(c)
        .checked_sub(RAW_BASE)
        .and_then(|b| u8::try_from(b).ok())
}

/// The String standing for `bytes` (see the module docs): UTF-8 text as it is (without a
/// copy), every other byte as its raw-byte character.
pub fn from_bytes(bytes: Vec<u8>) -> String {
    if has_plane_16_lead(&bytes) {
        return from_slice(&bytes);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| from_slice(e.as_bytes()))
}

/// As [`from_bytes`], from borrowed bytes.
pub fn from_slice(bytes: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 2);
    let mut i = 0;
    while i < bytes.len() {
        let ascii = bytes[i..].iter().take_while(|b| b.is_ascii()).count();
        out.extend_from_slice(&bytes[i..i + ascii]);
        i += ascii;
        let Some(&lead) = bytes.get(i) else {
            break;
        };
        match utf8_sequence(&bytes[i..]) {
            // A reserved code point's own UTF-8: its four bytes, each as a raw byte.
            4 if lead == PLANE_16_LEAD && raw_byte_utf8(&bytes[i..i + 4]).is_some() => {
                bytes[i..i + 4].iter().for_each(|&b| push_raw(&mut out, b));
                i += 4;
            }
            0 => {
                push_raw(&mut out, lead);
                i += 1;
            }
            len => {
                out.extend_from_slice(&bytes[i..i + len]);
                i += len;
            }
        }
    }
    // SAFETY: `out` is ASCII runs, whole UTF-8 sequences `utf8_sequence` checked, and the
    // four-byte UTF-8 of raw-byte characters (`push_raw`): valid UTF-8 throughout.
    unsafe { String::from_utf8_unchecked(out) }
}

/// The length of the valid UTF-8 sequence `bytes` starts with (a non-ASCII lead), or 0
/// if it does not start with one (the rules of RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF).
fn utf8_sequence(bytes: &[u8]) -> usize {
    let cont = |k: usize, range: std::ops::RangeInclusive<u8>| {
        bytes.get(k).is_some_and(|b| range.contains(b))
    };
    let (len, second) = match bytes[0] {
        0xC2..=0xDF => (2, 0x80..=0xBF),
        0xE0 => (3, 0xA0..=0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80..=0xBF),
        0xED => (3, 0x80..=0x9F),
        0xF0 => (4, 0x90..=0xBF),
        0xF1..=0xF3 => (4, 0x80..=0xBF),
        0xF4 => (4, 0x80..=0x8F),
        _ => return 0,
    };
    let valid = cont(1, second) && (2..len).all(|k| cont(k, 0x80..=0xBF));
    if valid {
        len
    } else {
        0
    }
}

/// The raw byte a four-byte UTF-8 sequence stands for, if it is a reserved code point's
/// (F4 8F B8..BB xx: the low two bits of the third byte and the low six of the fourth).
fn raw_byte_utf8(seq: &[u8]) -> Option<u8> {
    match *seq {
        [PLANE_16_LEAD, 0x8F, third @ 0xB8..=0xBB, fourth, ..] => {
            Some(((third & 0x03) << 6) | (fourth & 0x3F))
        }
        _ => None,
    }
}

/// Appends the UTF-8 of raw byte `b`'s character.
fn push_raw(out: &mut Vec<u8>, b: u8) {
    out.extend_from_slice(&[PLANE_16_LEAD, 0x8F, 0xB8 | (b >> 6), 0x80 | (b & 0x3F)]);
}

/// Whether `bytes` holds [`PLANE_16_LEAD`], eight bytes at a time: the check every
/// String written, hashed or encoded passes, so text without raw bytes costs a few
/// instructions per eight bytes instead of a few per byte.
fn has_plane_16_lead(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const LEADS: u64 = u64::from_ne_bytes([PLANE_16_LEAD; 8]);
    // A byte of `x` is zero where the word's byte is the lead; the classic test for a
    // zero byte (exact for "is there one", which is all that is asked).
    let has_lead = |word: &[u8]| {
        let x = u64::from_ne_bytes(word.try_into().expect("eight bytes")) ^ LEADS;
        x.wrapping_sub(ONES) & !x & HIGHS != 0
    };
    if bytes.len() < 8 {
        return bytes.contains(&PLANE_16_LEAD);
    }
    // The last eight bytes, overlapping the words before them, cover the remainder.
    bytes.chunks_exact(8).any(has_lead) || has_lead(&bytes[bytes.len() - 8..])
}

/// The bytes `text` stands for (see the module docs); borrowed when it has no raw bytes.
#[inline]
pub fn to_bytes(text: &str) -> Cow<'_, [u8]> {
    let utf8 = text.as_bytes();
    if has_plane_16_lead(utf8) {
        Cow::Owned(raw_bytes_decoded(utf8))
    } else {
        Cow::Borrowed(utf8)
    }
}

/// [`to_bytes`] of a String with raw bytes (out of line: text without them, the common
/// case, is only scanned).
#[cold]
fn raw_bytes_decoded(utf8: &[u8]) -> Vec<u8> {
    let first = utf8
        .iter()
        .position(|&b| b == PLANE_16_LEAD)
        .unwrap_or(utf8.len());
    let mut out = Vec::with_capacity(utf8.len());
    out.extend_from_slice(&utf8[..first]);
    let mut rest = &utf8[first..];
    // `rest` starts at a character boundary.
    while let Some(&lead) = rest.first() {
        if let Some(b) = raw_byte_utf8(rest) {
            out.push(b);
            rest = &rest[4..];
        } else {
            let len = utf8_len(lead);
            out.extend_from_slice(&rest[..len]);
            rest = &rest[len..];
        }
    }
    out
}

/// The length of the UTF-8 sequence a (valid) lead byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// `string.byte-length ( String -- Int )`: how many bytes `text` stands for.
pub fn byte_len(text: &str) -> i64 {
    if !has_plane_16_lead(text.as_bytes()) {
        return text.len() as i64;
    }
    text.chars()
        .map(|c| {
            if raw_byte(c).is_some() {
                1
            } else {
                c.len_utf8()
            }
        })
        .sum::<usize>() as i64
}

/// `string.char-at`'s reading of a character: its code point, or a raw byte's value.
pub fn char_code(c: char) -> i64 {
    raw_byte(c).map_or(u32::from(c), u32::from) as i64
}

/// `int.to-bytes-i32-be ( Int -- String )`: the low 32 bits of the Int as a big-endian
/// two's-complement i32, four bytes (an Int outside the i32 range wraps, as Rust's
/// `as i32` does).
pub fn i32_be(n: i64) -> String {
    from_slice(&(n as i32).to_be_bytes())
}

/// `float.to-bytes-f32-be ( Float -- String )`: the Float rounded to the nearest f32
/// (Rust's `as f32`: out of range becomes an infinity, NaN stays NaN), as the four bytes
/// of its big-endian IEEE-754 binary32 encoding.
pub fn f32_be(x: f64) -> String {
    from_slice(&(x as f32).to_be_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn codes(s: &str) -> Vec<i64> {
        s.chars().map(char_code).collect()
    }

    #[test]
    fn big_endian_bytes() {
        assert_eq!(codes(&i32_be(1000)), [0x00, 0x00, 0x03, 0xE8]);
        assert_eq!(codes(&i32_be(-1)), [0xFF; 4]);
        // DE AD happens to be the UTF-8 of U+07AD: bytes that read as text are text.
        assert_eq!(codes(&i32_be(0x1_DEAD_BEEF)), [0x7AD, 0xBE, 0xEF]);
        assert_eq!(
            to_bytes(&i32_be(0x1_DEAD_BEEF)).as_ref(),
            [0xDE, 0xAD, 0xBE, 0xEF]
        );
        assert_eq!(codes(&f32_be(440.0)), [0x43, 0xDC, 0x00, 0x00]);
        assert_eq!(codes(&f32_be(-1.0)), [0xBF, 0x80, 0x00, 0x00]);
        assert_eq!(codes(&f32_be(1e300)), [0x7F, 0x80, 0x00, 0x00]);
        assert_eq!(i32_be(65), "\0\0\0A");
        assert_eq!(to_bytes(&i32_be(-1)).as_ref(), [0xFF; 4]);
        assert_eq!(byte_len(&i32_be(-1)), 4);
    }

    #[test]
    fn text_is_text_and_bytes_are_bytes() {
        assert_eq!(from_bytes("héllo 😀".into()), "héllo 😀");
        assert!(matches!(to_bytes("héllo"), Cow::Borrowed(_)));
        let s = from_bytes(vec![b'a', 0xFF, 0xC3, 0xA9, 0xC3]);
        assert_eq!(s.chars().count(), 4, "a, raw FF, é, raw C3");
        assert_eq!(codes(&s), [0x61, 0xFF, 0xE9, 0xC3]);
        assert_eq!(byte_len(&s), 5);
        assert_eq!(to_bytes(&s).as_ref(), [b'a', 0xFF, 0xC3, 0xA9, 0xC3]);
    }

    #[test]
    fn reserved_code_points_in_input_stand_for_their_own_utf8() {
        let reserved = "x\u{10FE41}y".as_bytes().to_vec();
        let s = from_bytes(reserved.clone());
        assert_eq!(s.chars().count(), 6, "x, four raw bytes, y");
        assert_eq!(to_bytes(&s).as_ref(), reserved.as_slice());
        // Other plane-16 text is untouched.
        assert_eq!(from_bytes("\u{100000}".as_bytes().to_vec()), "\u{100000}");
    }

    /// `from_slice` as the standard library's UTF-8 chunks define it.
    fn from_slice_by_chunks(bytes: &[u8]) -> String {
        let mut out = String::new();
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                if raw_byte(c).is_some() {
                    c.encode_utf8(&mut [0; 4])
                        .bytes()
                        .for_each(|b| out.push(raw_char(b)));
                } else {
                    out.push(c);
                }
            }
            chunk.invalid().iter().for_each(|&b| out.push(raw_char(b)));
        }
        out
    }

    proptest! {
        #[test]
        fn agrees_with_the_standard_chunks(bytes in proptest::collection::vec(prop_oneof![any::<u8>(), 0x80u8..=0xBF, Just(0xF4u8), Just(0x8F), 0xB8u8..=0xBB, 0xE0u8..=0xF4, 0u8..=0x7F], 0..48)) {
            prop_assert_eq!(from_slice(&bytes), from_slice_by_chunks(&bytes));
        }

        #[test]
        fn every_byte_sequence_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let s = from_bytes(bytes.clone());
            prop_assert_eq!(to_bytes(&s).into_owned(), bytes.clone());
            prop_assert_eq!(byte_len(&s), bytes.len() as i64);
            prop_assert_eq!(from_slice(&bytes), s);
        }

        #[test]
        fn biased_towards_plane_16(bytes in proptest::collection::vec(prop_oneof![Just(0xF4u8), Just(0x8F), 0xB8u8..=0xBB, 0x80u8..=0xBF, any::<u8>()], 0..32)) {
            let s = from_bytes(bytes.clone());
            prop_assert_eq!(to_bytes(&s).into_owned(), bytes.clone());
        }

        #[test]
        fn the_word_scan_finds_the_lead_where_a_byte_scan_does(bytes in proptest::collection::vec(prop_oneof![Just(0xF4u8), Just(0xF3), Just(0xF5), Just(0x74), any::<u8>()], 0..40), skip in 0usize..8) {
            // Every length and starting alignment, the lead anywhere or nowhere.
            let bytes = &bytes[skip.min(bytes.len())..];
            prop_assert_eq!(has_plane_16_lead(bytes), bytes.contains(&PLANE_16_LEAD));
        }
    }

    #[test]
    fn text_without_raw_bytes_is_borrowed_at_every_length() {
        let text = "line 1234567 ünïcödé 😀 and some more text".repeat(3);
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert!(matches!(to_bytes(&text[..end]), Cow::Borrowed(_)));
            assert_eq!(byte_len(&text[..end]), end as i64);
        }
        let raw = format!("{}{}", "a".repeat(13), raw_char(0xFF));
        assert_eq!(
            to_bytes(&raw).as_ref(),
            [b"aaaaaaaaaaaaa".as_slice(), &[0xFF]].concat()
        );
    }
}
