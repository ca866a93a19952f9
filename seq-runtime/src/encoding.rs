//! `encoding.*`: Base64 (standard and URL-safe) and hexadecimal, always available.
//!
//! Every encoder reads the bytes its String stands for ([`crate::bytes::to_bytes`]) and
//! every decoder gives its bytes back as a String by [`crate::bytes::from_bytes`], so any
//! byte sequence, text or binary, survives `encode` then `decode` unchanged. A decoder
//! that meets input that is not its encoding gives `("", false)`, never a panic.
//!
//! Formats, as upstream Seq's:
//! * `base64`: the standard alphabet (`+` `/`) with `=` padding (RFC 4648 §4); decoding
//!   requires the canonical padding;
//! * `base64url`: the URL- and file-name-safe alphabet (`-` `_`) without padding (RFC 4648
//!   §5, as JWTs use it); decoding rejects padding;
//! * `hex`: two lower-case digits per byte; decoding accepts either case and rejects an
//!   odd number of digits.

use crate::bytes::{from_bytes, to_bytes};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;

/// `encoding.base64-encode ( String -- String )`: standard Base64, padded.
pub fn base64_encode(data: &str) -> String {
    STANDARD.encode(to_bytes(data))
}

/// `encoding.base64-decode ( String -- String Bool )`: the decoded bytes and `true`, or
/// `("", false)` when the input is not padded standard Base64.
pub fn base64_decode(text: &str) -> (String, bool) {
    decoded(STANDARD.decode(to_bytes(text)).ok())
}

/// `encoding.base64url-encode ( String -- String )`: URL-safe Base64 without padding.
pub fn base64url_encode(data: &str) -> String {
    URL_SAFE_NO_PAD.encode(to_bytes(data))
}

/// `encoding.base64url-decode ( String -- String Bool )`: the decoded bytes and `true`,
/// or `("", false)` when the input is not unpadded URL-safe Base64.
pub fn base64url_decode(text: &str) -> (String, bool) {
    decoded(URL_SAFE_NO_PAD.decode(to_bytes(text)).ok())
}

/// `encoding.hex-encode ( String -- String )`: two lower-case hex digits per byte.
pub fn hex_encode(data: &str) -> String {
    hex::encode(to_bytes(data))
}

/// `encoding.hex-decode ( String -- String Bool )`: the decoded bytes and `true`, or
/// `("", false)` for a non-hex digit or an odd number of digits.
pub fn hex_decode(text: &str) -> (String, bool) {
    decoded(hex::decode(to_bytes(text)).ok())
}

/// A decoder's result as the words give it: the bytes as a String and `true`, or
/// `("", false)`.
pub(crate) fn decoded(bytes: Option<Vec<u8>>) -> (String, bool) {
    match bytes {
        Some(bytes) => (from_bytes(bytes), true),
        None => (String::new(), false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytes::from_slice;
    use proptest::prelude::*;

    #[test]
    fn rfc4648_base64_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64_encode(plain), encoded);
            assert_eq!(base64_decode(encoded), (plain.to_string(), true));
            let unpadded = encoded.trim_end_matches('=');
            assert_eq!(base64url_encode(plain), unpadded);
            assert_eq!(base64url_decode(unpadded), (plain.to_string(), true));
        }
    }

    #[test]
    fn alphabets_differ_in_two_characters() {
        let bytes = from_slice(&[0xFB, 0xFF, 0xBF]);
        assert_eq!(base64_encode(&bytes), "+/+/");
        assert_eq!(base64url_encode(&bytes), "-_-_");
        assert_eq!(base64url_decode("-_-_"), (bytes.clone(), true));
        assert_eq!(base64_decode("-_-_"), (String::new(), false));
        assert_eq!(base64url_decode("+/+/"), (String::new(), false));
    }

    #[test]
    fn malformed_base64_fails() {
        for bad in ["Zg", "Zg=", "Zm9v!", "Z", "not valid base64!!!", "Zg==Zg=="] {
            assert_eq!(base64_decode(bad), (String::new(), false), "{bad:?}");
        }
        // Padding is not part of base64url.
        assert_eq!(base64url_decode("Zg=="), (String::new(), false));
        // A raw byte is not a Base64 digit.
        assert_eq!(base64_decode(&from_slice(&[0xFF])), (String::new(), false));
    }

    #[test]
    fn hex_vectors_and_failures() {
        assert_eq!(hex_encode("hello"), "68656c6c6f");
        assert_eq!(hex_encode(&from_slice(&[0, 0x7F, 0x80, 0xFF])), "007f80ff");
        assert_eq!(hex_decode("68656C6c6F"), ("hello".to_string(), true));
        assert_eq!(hex_decode(""), (String::new(), true));
        for bad in ["abc", "zz", "0x12", "12 34", "é0"] {
            assert_eq!(hex_decode(bad), (String::new(), false), "{bad:?}");
        }
    }

    #[test]
    fn every_byte_value_round_trips() {
        let all: Vec<u8> = (0..=255).collect();
        let s = from_slice(&all);
        let hex = hex_encode(&s);
        assert_eq!(hex.len(), 512);
        assert!(hex.starts_with("000102") && hex.ends_with("fdfeff"));
        assert_eq!(hex_decode(&hex), (s.clone(), true));
        assert_eq!(base64_decode(&base64_encode(&s)), (s.clone(), true));
        assert_eq!(base64url_decode(&base64url_encode(&s)), (s, true));
    }

    proptest! {
        #[test]
        fn encodings_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..96)) {
            let s = from_bytes(bytes.clone());
            prop_assert_eq!(base64_decode(&base64_encode(&s)), (s.clone(), true));
            prop_assert_eq!(base64url_decode(&base64url_encode(&s)), (s.clone(), true));
            prop_assert_eq!(hex_decode(&hex_encode(&s)), (s.clone(), true));
            prop_assert_eq!(hex_encode(&s), hex::encode(&bytes));
        }

        #[test]
        fn decoders_never_panic(text in "\\PC{0,40}") {
            let _ = base64_decode(&text);
            let _ = base64url_decode(&text);
            let _ = hex_decode(&text);
        }
    }
}
