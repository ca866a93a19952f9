//! AES-256-GCM authenticated encryption, with a random 96-bit nonce per message.

use super::{failed, hex_key};
use crate::bytes::{from_bytes, to_bytes};
use aes_gcm::aead::Aead;
use aes_gcm::{Aes256Gcm, Key, KeyInit, Nonce};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// The nonce's length in bytes (GCM's 96-bit IV).
const NONCE_LEN: usize = 12;
/// The authentication tag's length in bytes.
const TAG_LEN: usize = 16;
/// The key's length in bytes.
const KEY_LEN: usize = 32;

/// `crypto.aes-gcm-encrypt ( plaintext hex-key -- String Bool )`: the plaintext's bytes
/// encrypted under the 32-byte key given as 64 hex digits, as Base64 of
/// `nonce || ciphertext || tag`, and `true`; `("", false)` when the key is not 32 bytes of
/// hex. Each call draws a fresh random nonce, so equal plaintexts encrypt differently.
pub fn aes_gcm_encrypt(plaintext: &str, key_hex: &str) -> (String, bool) {
    let Some(cipher) = cipher(key_hex) else {
        return failed();
    };
    let nonce: [u8; NONCE_LEN] = super::random::random_array();
    match cipher.encrypt(Nonce::from_slice(&nonce), to_bytes(plaintext).as_ref()) {
        Ok(sealed) => {
            let mut message = Vec::with_capacity(NONCE_LEN + sealed.len());
            message.extend_from_slice(&nonce);
            message.extend_from_slice(&sealed);
            (STANDARD.encode(message), true)
        }
        // Only a plaintext past GCM's 64 GiB limit fails.
        Err(_) => failed(),
    }
}

/// `crypto.aes-gcm-decrypt ( ciphertext hex-key -- String Bool )`: the plaintext of an
/// [`aes_gcm_encrypt`] result and `true`; `("", false)` when the key is not 32 bytes of
/// hex, the ciphertext is not Base64 of at least a nonce and a tag, or authentication
/// fails (a wrong key, or any altered byte).
pub fn aes_gcm_decrypt(ciphertext: &str, key_hex: &str) -> (String, bool) {
    let Some(cipher) = cipher(key_hex) else {
        return failed();
    };
    let Ok(message) = STANDARD.decode(to_bytes(ciphertext)) else {
        return failed();
    };
    if message.len() < NONCE_LEN + TAG_LEN {
        return failed();
    }
    let (nonce, sealed) = message.split_at(NONCE_LEN);
    match cipher.decrypt(Nonce::from_slice(nonce), sealed) {
        Ok(plaintext) => (from_bytes(plaintext), true),
        Err(_) => failed(),
    }
}

/// The cipher for a hex key of exactly 32 bytes.
fn cipher(key_hex: &str) -> Option<Aes256Gcm> {
    let key: [u8; KEY_LEN] = hex_key(key_hex)?;
    Some(Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(&key)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytes::from_slice;
    use proptest::prelude::*;

    const KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const ZERO_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000000";

    /// Base64 of nonce || ciphertext || tag, all given in hex.
    fn sealed(nonce: &str, ciphertext: &str, tag: &str) -> String {
        STANDARD.encode(hex::decode(format!("{nonce}{ciphertext}{tag}")).expect("hex"))
    }

    #[test]
    fn gcm_spec_known_answers() {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14:
        // the all-zero 256-bit key and 96-bit IV.
        let zero_iv = "000000000000000000000000";
        let empty = sealed(zero_iv, "", "530f8afbc74536b9a963b4f1c4cb738b");
        assert_eq!(aes_gcm_decrypt(&empty, ZERO_KEY), (String::new(), true));
        let block = sealed(
            zero_iv,
            "cea7403d4d606b6e074ec5d3baf39d18",
            "d0d1c8a799996bf0265b98b5d48ab919",
        );
        assert_eq!(
            aes_gcm_decrypt(&block, ZERO_KEY),
            (from_slice(&[0; 16]), true)
        );
    }

    #[test]
    fn encryption_round_trips_with_a_fresh_nonce() {
        let (a, ok) = aes_gcm_encrypt("hello world", KEY);
        assert!(ok);
        let (b, _) = aes_gcm_encrypt("hello world", KEY);
        assert_ne!(a, b, "a new nonce each time");
        let bytes = STANDARD.decode(&a).expect("base64");
        assert_eq!(bytes.len(), NONCE_LEN + "hello world".len() + TAG_LEN);
        assert_eq!(aes_gcm_decrypt(&a, KEY), ("hello world".to_string(), true));
        assert_eq!(
            aes_gcm_decrypt(&b, &KEY.to_uppercase()),
            ("hello world".to_string(), true)
        );
    }

    #[test]
    fn bad_keys_fail() {
        for key in [
            "",
            "tooshort",
            &KEY[..62],
            &format!("{KEY}00"),
            &KEY.replace('0', "g"),
        ] {
            assert_eq!(
                aes_gcm_encrypt("data", key),
                (String::new(), false),
                "{key}"
            );
        }
        let (sealed, _) = aes_gcm_encrypt("data", KEY);
        assert_eq!(aes_gcm_decrypt(&sealed, "tooshort"), (String::new(), false));
        assert_eq!(aes_gcm_decrypt(&sealed, ZERO_KEY), (String::new(), false));
    }

    #[test]
    fn altered_or_short_ciphertexts_fail() {
        let (sealed, _) = aes_gcm_encrypt("attack at dawn", KEY);
        let mut bytes = STANDARD.decode(&sealed).expect("base64");
        for i in [0, NONCE_LEN, bytes.len() - 1] {
            bytes[i] ^= 1;
            assert_eq!(
                aes_gcm_decrypt(&STANDARD.encode(&bytes), KEY),
                (String::new(), false)
            );
            bytes[i] ^= 1;
        }
        let short = STANDARD.encode(&bytes[..NONCE_LEN + TAG_LEN - 1]);
        assert_eq!(aes_gcm_decrypt(&short, KEY), (String::new(), false));
        assert_eq!(
            aes_gcm_decrypt("not-valid-base64!!!", KEY),
            (String::new(), false)
        );
        assert_eq!(aes_gcm_decrypt("", KEY), (String::new(), false));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..80)) {
            let plaintext = from_bytes(bytes.clone());
            let (sealed, ok) = aes_gcm_encrypt(&plaintext, KEY);
            prop_assert!(ok);
            let (opened, ok) = aes_gcm_decrypt(&sealed, KEY);
            prop_assert!(ok);
            prop_assert_eq!(to_bytes(&opened).into_owned(), bytes);
        }
    }
}
