//! Byte strings for binary encoders (`int.to-bytes-i32-be`, `float.to-bytes-f32-be`).
//!
//! Upstream's Strings carry arbitrary bytes; a String here is UTF-8 text. A byte string
//! is therefore held one character per byte: byte `b` is the character U+00`b` (the
//! Latin-1 reading of the bytes). `string.length` counts the bytes, `string.char-at`
//! reads byte values 0 to 255, and `string.concat` packs encodings together. Bytes below
//! 0x80 are the same characters as upstream's; a byte from 0x80 up is one character here
//! but two UTF-8 bytes, so `string.byte-length` counts it twice.

/// The Latin-1 string of `bytes`: one character U+0000 to U+00FF per byte.
pub fn from_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `int.to-bytes-i32-be ( Int -- String )`: the low 32 bits of the Int as a big-endian
/// two's-complement i32, four bytes (an Int outside the i32 range wraps, as Rust's
/// `as i32` does).
pub fn i32_be(n: i64) -> String {
    from_bytes(&(n as i32).to_be_bytes())
}

/// `float.to-bytes-f32-be ( Float -- String )`: the Float rounded to the nearest f32
/// (Rust's `as f32`: out of range becomes an infinity, NaN stays NaN), as the four bytes
/// of its big-endian IEEE-754 binary32 encoding.
pub fn f32_be(x: f64) -> String {
    from_bytes(&(x as f32).to_be_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(s: &str) -> Vec<u32> {
        s.chars().map(u32::from).collect()
    }

    #[test]
    fn big_endian_bytes_one_character_each() {
        assert_eq!(codes(&i32_be(1000)), [0x00, 0x00, 0x03, 0xE8]);
        assert_eq!(codes(&i32_be(-1)), [0xFF; 4]);
        assert_eq!(codes(&i32_be(0x1_DEAD_BEEF)), [0xDE, 0xAD, 0xBE, 0xEF]);
        assert_eq!(codes(&f32_be(440.0)), [0x43, 0xDC, 0x00, 0x00]);
        assert_eq!(codes(&f32_be(-1.0)), [0xBF, 0x80, 0x00, 0x00]);
        assert_eq!(codes(&f32_be(1e300)), [0x7F, 0x80, 0x00, 0x00]);
        assert_eq!(i32_be(65), "\0\0\0A");
    }
}
