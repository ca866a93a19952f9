//! Cryptographically secure randomness: bytes, integers in a range, UUIDs.

use rand::{Rng, RngExt};

/// The most bytes one `crypto.random-bytes` gives (upstream's cap, against exhausting
/// memory by mistake).
pub const MAX_RANDOM_BYTES: i64 = 1024;

/// `N` bytes from the thread's cryptographically secure generator.
pub(super) fn random_array<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

/// `crypto.random-bytes ( Int -- String )`: `n` random bytes as `2n` lower-case hex
/// digits (upstream's format: `encoding.hex-decode` gives the bytes). A count outside
/// `0..=1024` gives `""` (upstream panics; an empty result for a non-zero count is the
/// failure a caller can test for).
pub fn random_bytes(n: i64) -> String {
    if !(0..=MAX_RANDOM_BYTES).contains(&n) {
        return String::new();
    }
    let mut bytes = vec![0u8; n as usize];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `crypto.random-int ( min max -- Int )`: a uniformly distributed integer in
/// `[min, max)` (no modulo bias, any range within i64); `min` itself when `min >= max`.
pub fn random_int(min: i64, max: i64) -> i64 {
    if min >= max {
        return min;
    }
    rand::rng().random_range(min..max)
}

/// `crypto.uuid4 ( -- String )`: a random (version 4, RFC 9562) UUID in its hyphenated
/// lower-case form, 36 characters.
pub fn uuid4() -> String {
    uuid::Builder::from_random_bytes(random_array())
        .into_uuid()
        .hyphenated()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn random_bytes_are_hex_of_the_count() {
        for n in [0, 1, 16, 1024] {
            let hex = random_bytes(n);
            assert_eq!(hex.len(), 2 * n as usize);
            assert!(hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
        }
        assert_ne!(random_bytes(32), random_bytes(32));
    }

    #[test]
    fn random_bytes_out_of_range_is_empty() {
        for n in [-1, 1025, i64::MIN, i64::MAX] {
            assert_eq!(random_bytes(n), "");
        }
    }

    #[test]
    fn random_int_stays_in_range_and_covers_it() {
        let mut seen = [false; 5];
        for _ in 0..1000 {
            let r = random_int(-2, 3);
            assert!((-2..3).contains(&r));
            seen[(r + 2) as usize] = true;
        }
        assert!(
            seen.iter().all(|&s| s),
            "every value of a small range occurs"
        );
        assert_eq!(random_int(7, 7), 7);
        assert_eq!(random_int(7, 3), 7);
        assert_eq!(random_int(i64::MAX - 1, i64::MAX), i64::MAX - 1);
        let wide = random_int(i64::MIN, i64::MAX);
        assert!(wide < i64::MAX);
    }

    #[test]
    fn uuid4_has_the_version_4_layout() {
        let id = uuid4();
        assert_eq!(id.len(), 36);
        let parsed = uuid::Uuid::parse_str(&id).expect("a UUID");
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122);
        assert_eq!([8, 13, 18, 23].map(|i| &id[i..=i]), ["-"; 4]);
        assert_ne!(uuid4(), uuid4());
    }

    proptest! {
        #[test]
        fn random_int_is_in_any_range(min in any::<i64>(), max in any::<i64>()) {
            let r = random_int(min, max);
            if min < max {
                prop_assert!(min <= r && r < max);
            } else {
                prop_assert_eq!(r, min);
            }
        }
    }
}
