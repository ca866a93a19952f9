//! SHA-256, HMAC-SHA256, constant-time comparison and PBKDF2-HMAC-SHA256.

use crate::bytes::to_bytes;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The fewest PBKDF2 iterations `crypto.pbkdf2-sha256` accepts (upstream's floor; 100,000
/// or more is the advice for passwords).
pub const MIN_PBKDF2_ITERATIONS: i64 = 1_000;

/// The length of a derived key, in bytes (an AES-256 key).
const DERIVED_KEY_LEN: usize = 32;

/// `crypto.sha256 ( String -- String )`: the SHA-256 digest of the bytes, as 64 lower-case
/// hex digits.
pub fn sha256(data: &str) -> String {
    hex::encode(Sha256::digest(to_bytes(data)))
}

/// `crypto.hmac-sha256 ( message key -- String )`: the HMAC-SHA256 of the message under
/// the key (any length), as 64 lower-case hex digits.
pub fn hmac_sha256(message: &str, key: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&to_bytes(key))
        .expect("HMAC accepts a key of any length");
    mac.update(&to_bytes(message));
    hex::encode(mac.finalize().into_bytes())
}

/// `crypto.constant-time-eq ( String String -- Bool )`: whether the two byte strings are
/// equal, in time that depends only on their lengths (for comparing MACs and tokens).
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    to_bytes(a).ct_eq(&to_bytes(b)).into()
}

/// `crypto.pbkdf2-sha256 ( password salt iterations -- String Bool )`: a 32-byte key
/// derived by PBKDF2-HMAC-SHA256 (RFC 8018), as 64 hex digits, and `true`; `("", false)`
/// for fewer than [`MIN_PBKDF2_ITERATIONS`] or more than `u32::MAX` iterations.
pub fn pbkdf2_sha256(password: &str, salt: &str, iterations: i64) -> (String, bool) {
    let Ok(rounds) = u32::try_from(iterations) else {
        return super::failed();
    };
    if iterations < MIN_PBKDF2_ITERATIONS {
        return super::failed();
    }
    let mut key = [0u8; DERIVED_KEY_LEN];
    pbkdf2::pbkdf2_hmac::<Sha256>(&to_bytes(password), &to_bytes(salt), rounds, &mut key);
    (hex::encode(key), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytes::{from_bytes, from_slice};
    use proptest::prelude::*;

    #[test]
    fn sha256_known_answers() {
        // FIPS 180-2 examples.
        assert_eq!(
            sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            sha256(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        // The bytes are hashed, not the characters standing for them.
        assert_eq!(
            sha256(&from_slice(&[0xFF])),
            hex::encode(Sha256::digest([0xFF]))
        );
    }

    #[test]
    fn hmac_rfc4231_vectors() {
        // Test case 1: key 0x0b * 20, "Hi There".
        let key = from_slice(&[0x0b; 20]);
        assert_eq!(
            hmac_sha256("Hi There", &key),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
        );
        // Test case 2: a short key.
        assert_eq!(
            hmac_sha256("what do ya want for nothing?", "Jefe"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block (131 bytes of 0xaa).
        let long_key = from_slice(&[0xaa; 131]);
        assert_eq!(
            hmac_sha256(
                "Test Using Larger Than Block-Size Key - Hash Key First",
                &long_key
            ),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn constant_time_eq_compares_bytes() {
        assert!(constant_time_eq("", ""));
        assert!(constant_time_eq("token", "token"));
        assert!(!constant_time_eq("token", "tokem"));
        assert!(!constant_time_eq("token", "token2"));
        let raw = from_slice(&[0xC3]);
        assert!(constant_time_eq(&raw, &from_bytes(vec![0xC3])));
        assert!(!constant_time_eq(&raw, "\u{C3}"));
    }

    #[test]
    fn pbkdf2_known_answers() {
        // The published PBKDF2-HMAC-SHA256 vector ("password", "salt", c = 4096, dkLen 32)
        // (the c = 1 and c = 2 vectors are below the iteration floor).
        assert_eq!(
            pbkdf2_sha256("password", "salt", 4096),
            (
                "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a".to_string(),
                true
            )
        );
        let (key, ok) = pbkdf2_sha256("pw", "salt", MIN_PBKDF2_ITERATIONS);
        assert!(ok);
        assert_eq!(key.len(), 64);
    }

    #[test]
    fn pbkdf2_rejects_bad_iteration_counts() {
        for n in [0, -1, 1, 999, i64::MIN, i64::from(u32::MAX) + 1, i64::MAX] {
            assert_eq!(
                pbkdf2_sha256("pw", "salt", n),
                (String::new(), false),
                "{n}"
            );
        }
    }

    proptest! {
        #[test]
        fn digests_are_hex_of_the_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let s = from_bytes(bytes.clone());
            prop_assert_eq!(sha256(&s), hex::encode(Sha256::digest(&bytes)));
            prop_assert!(constant_time_eq(&s, &from_slice(&bytes)));
            prop_assert_eq!(hmac_sha256(&s, &s).len(), 64);
        }
    }
}
