//! `crypto.*`: hashing, message authentication, randomness, authenticated encryption,
//! key derivation and signatures, on the RustCrypto crates and `rand`.
//!
//! Present only with the `crypto` feature of `seq-runtime` (and of `seq`, which forwards
//! it; on by default). Without it this module does not exist, and code generated for a
//! `crypto.*` word fails to compile, naming `seq::runtime::crypto`.
//!
//! Formats, as upstream Seq's, so that every result is plain text:
//! * digests, HMACs, random bytes, keys and signatures are lower-case hex
//!   (`encoding.hex-decode` gives their bytes);
//! * AES-256-GCM ciphertext is standard Base64 of `nonce (12 bytes) || ciphertext || tag
//!   (16 bytes)`, with a fresh random nonce per encryption;
//! * keys are taken as hex: 32 bytes (64 digits) for AES-256-GCM and Ed25519 private keys,
//!   32 bytes for Ed25519 public keys, 64 bytes (128 digits) for signatures.
//!
//! Messages, plaintexts, passwords and salts are byte strings: what is hashed, signed or
//! encrypted is the bytes the String stands for ([`crate::bytes::to_bytes`]), and a
//! decrypted plaintext comes back by [`crate::bytes::from_bytes`], so binary data
//! round-trips. Malformed input (a key of the wrong length, a ciphertext that fails
//! authentication, too few PBKDF2 iterations) gives a false flag with an empty String,
//! never a panic.
//!
//! Randomness is `rand`'s thread-local generator (ChaCha12, seeded and regularly reseeded
//! from the operating system), a cryptographically secure generator.
//!
//! * [`hash`]: `sha256`, `hmac-sha256`, `constant-time-eq`, `pbkdf2-sha256`;
//! * [`random`]: `random-bytes`, `random-int`, `uuid4`;
//! * [`aes`]: `aes-gcm-encrypt`, `aes-gcm-decrypt`;
//! * [`ed25519`]: `ed25519-keypair`, `ed25519-sign`, `ed25519-verify`.

pub mod aes;
pub mod ed25519;
pub mod hash;
pub mod random;

pub use aes::{aes_gcm_decrypt, aes_gcm_encrypt};
pub use ed25519::{ed25519_keypair, ed25519_sign, ed25519_verify};
pub use hash::{constant_time_eq, hmac_sha256, pbkdf2_sha256, sha256};
pub use random::{random_bytes, random_int, uuid4};

/// Decodes a hex key of exactly `N` bytes.
fn hex_key<const N: usize>(key_hex: &str) -> Option<[u8; N]> {
    let bytes = hex::decode(crate::bytes::to_bytes(key_hex)).ok()?;
    bytes.try_into().ok()
}

/// A failed word's result: an empty String and `false`.
fn failed() -> (String, bool) {
    (String::new(), false)
}
