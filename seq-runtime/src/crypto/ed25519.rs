//! Ed25519 signatures (RFC 8032): key pairs, signing, verification; keys and signatures
//! in hex.

use super::{failed, hex_key};
use crate::bytes::to_bytes;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};

/// `crypto.ed25519-keypair ( -- public-key private-key )`: a fresh key pair, each key 32
/// bytes as 64 lower-case hex digits (the private key is the RFC 8032 secret seed).
pub fn ed25519_keypair() -> (String, String) {
    let signing = SigningKey::from_bytes(&super::random::random_array());
    (
        hex::encode(signing.verifying_key().to_bytes()),
        hex::encode(signing.to_bytes()),
    )
}

/// `crypto.ed25519-sign ( message private-key -- signature Bool )`: the signature of the
/// message's bytes, 64 bytes as 128 hex digits, and `true`; `("", false)` when the private
/// key is not 32 bytes of hex.
pub fn ed25519_sign(message: &str, private_key_hex: &str) -> (String, bool) {
    match hex_key(private_key_hex) {
        Some(secret) => {
            let signature = SigningKey::from_bytes(&secret).sign(&to_bytes(message));
            (hex::encode(signature.to_bytes()), true)
        }
        None => failed(),
    }
}

/// `crypto.ed25519-verify ( message signature public-key -- Bool )`: whether the
/// signature (128 hex digits) is the public key's (64 hex digits) over the message's
/// bytes; `false` also for malformed hex, wrong lengths and a key that is not a curve
/// point.
pub fn ed25519_verify(message: &str, signature_hex: &str, public_key_hex: &str) -> bool {
    let (Some(signature), Some(public)) = (hex_key(signature_hex), hex_key(public_key_hex)) else {
        return false;
    };
    let Ok(key) = VerifyingKey::from_bytes(&public) else {
        return false;
    };
    key.verify(&to_bytes(message), &Signature::from_bytes(&signature))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytes::{from_bytes, from_slice};
    use proptest::prelude::*;

    // RFC 8032 §7.1, tests 1 and 2.
    const SECRET_1: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const PUBLIC_1: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const SIGNATURE_1: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    const SECRET_2: &str = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    const PUBLIC_2: &str = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
    const SIGNATURE_2: &str = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";

    #[test]
    fn rfc8032_vectors() {
        assert_eq!(ed25519_sign("", SECRET_1), (SIGNATURE_1.to_string(), true));
        assert!(ed25519_verify("", SIGNATURE_1, PUBLIC_1));
        let message = from_slice(&[0x72]);
        assert_eq!(
            ed25519_sign(&message, SECRET_2),
            (SIGNATURE_2.to_string(), true)
        );
        assert!(ed25519_verify(&message, SIGNATURE_2, PUBLIC_2));
        assert!(!ed25519_verify(&message, SIGNATURE_1, PUBLIC_1));
        assert!(!ed25519_verify(&message, SIGNATURE_2, PUBLIC_1));
    }

    #[test]
    fn keypairs_sign_and_verify() {
        let (public, private) = ed25519_keypair();
        assert_eq!((public.len(), private.len()), (64, 64));
        assert_ne!(ed25519_keypair().1, private);
        let (signature, ok) = ed25519_sign("Hello, World!", &private);
        assert!(ok);
        assert_eq!(signature.len(), 128);
        assert!(ed25519_verify("Hello, World!", &signature, &public));
        assert!(!ed25519_verify("Hello, World?", &signature, &public));
        assert!(!ed25519_verify(
            "Hello, World!",
            &signature,
            &ed25519_keypair().0
        ));
    }

    #[test]
    fn malformed_keys_and_signatures_fail() {
        for key in [
            "",
            "tooshort",
            &SECRET_1[..62],
            &format!("{SECRET_1}00"),
            "zz",
        ] {
            assert_eq!(ed25519_sign("m", key), (String::new(), false), "{key}");
        }
        let flipped = format!("f{}", &SIGNATURE_1[1..]);
        for signature in [
            "",
            "invalid-signature",
            &SIGNATURE_1[..126],
            flipped.as_str(),
        ] {
            assert!(!ed25519_verify("", signature, PUBLIC_1), "{signature}");
        }
        assert!(!ed25519_verify("", SIGNATURE_1, "tooshort"));
        // y = 2 is not the y-coordinate of a point on the curve.
        let not_a_point = format!("02{}", "00".repeat(31));
        assert!(!ed25519_verify("", SIGNATURE_1, &not_a_point));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn any_message_verifies(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let message = from_bytes(bytes);
            let (signature, ok) = ed25519_sign(&message, SECRET_2);
            prop_assert!(ok);
            prop_assert!(ed25519_verify(&message, &signature, PUBLIC_2));
            let altered = format!("{message}x");
            prop_assert!(!ed25519_verify(&altered, &signature, PUBLIC_2));
        }
    }
}
