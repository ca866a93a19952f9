//! The table's entries for encodings, cryptography, compression and regular expressions
//! (`encoding.*`, `crypto.*`, `compress.*`, `regex.*`), each calling the runtime module of
//! the same name. The last three exist in the runtime only with its cargo features of
//! those names (on by default, forwarded by `seq`); without one, a program using its words
//! fails to compile at the generated call.
//!
//! Formats are upstream's: digests, keys, signatures and random bytes are lower-case hex,
//! ciphertexts and compressed data Base64, so every result is text; inputs are the bytes
//! their Strings stand for. Every word with a flag gives `false` (and an empty result, or
//! its text unchanged) on bad input rather than panicking. Regex words take the text,
//! then the pattern.

use super::{b, Builtin, Emit};
use quote::quote;

/// A word calling `::seq::runtime::$module::$f` with every input borrowed.
macro_rules! borrowing {
    ($name:literal, $effect:literal, $module:ident :: $f:ident, [$($i:literal),*]) => {
        b(
            $name,
            $effect,
            Emit::Code(|args| {
                let args = args.iter();
                quote!(::seq::runtime::$module::$f(#(&#args),*))
            }),
        )
        .by_ref(&[$($i),*])
    };
}

/// Encodings, cryptography, compression and regular expressions.
pub static CODECS: &[Builtin] = &[
    // Base64 and hex (always available).
    borrowing!(
        "encoding.base64-encode",
        "( String -- String )",
        encoding::base64_encode,
        [0]
    )
    .doc("Standard Base64, padded."),
    borrowing!(
        "encoding.base64-decode",
        "( String -- String Bool )",
        encoding::base64_decode,
        [0]
    )
    .doc("The bytes of padded standard Base64 and true; \"\" and false for other text."),
    borrowing!(
        "encoding.base64url-encode",
        "( String -- String )",
        encoding::base64url_encode,
        [0]
    )
    .doc("URL-safe Base64 without padding."),
    borrowing!(
        "encoding.base64url-decode",
        "( String -- String Bool )",
        encoding::base64url_decode,
        [0]
    )
    .doc("The bytes of unpadded URL-safe Base64 and true; \"\" and false for other text."),
    borrowing!(
        "encoding.hex-encode",
        "( String -- String )",
        encoding::hex_encode,
        [0]
    )
    .doc("Two lower-case hex digits per byte."),
    borrowing!(
        "encoding.hex-decode",
        "( String -- String Bool )",
        encoding::hex_decode,
        [0]
    )
    .doc("The bytes of hex text and true; \"\" and false for a non-hex digit or an odd count."),
    // Hashes and MACs: ( message key -- hex ).
    borrowing!("crypto.sha256", "( String -- String )", crypto::sha256, [0])
        .doc("The SHA-256 digest, as 64 hex digits."),
    borrowing!(
        "crypto.hmac-sha256",
        "( String String -- String )",
        crypto::hmac_sha256,
        [0, 1]
    )
    .doc("`message key`: the HMAC-SHA256, as 64 hex digits."),
    borrowing!(
        "crypto.constant-time-eq",
        "( String String -- Bool )",
        crypto::constant_time_eq,
        [0, 1]
    )
    .doc("Whether the two byte strings are equal, in time depending only on their lengths."),
    // Randomness: ( n -- hex ), ( min max -- Int ) in [min, max).
    b(
        "crypto.random-bytes",
        "( Int -- String )",
        code!(|n| ::seq::runtime::crypto::random_bytes(#n)),
    )
    .doc("n random bytes as 2n hex digits; \"\" for n outside 0..1024."),
    b(
        "crypto.random-int",
        "( Int Int -- Int )",
        code!(|min, max| ::seq::runtime::crypto::random_int(#min, #max)),
    )
    .doc("`min max`: a uniform random Int in [min, max); min when min >= max."),
    b(
        "crypto.uuid4",
        "( -- String )",
        code!(|| ::seq::runtime::crypto::uuid4()),
    )
    .doc("A random version-4 UUID, hyphenated lower case."),
    // AES-256-GCM: ( plaintext hex-key -- base64 ok ), ( base64 hex-key -- plaintext ok ).
    borrowing!(
        "crypto.aes-gcm-encrypt",
        "( String String -- String Bool )",
        crypto::aes_gcm_encrypt,
        [0, 1]
    )
    .doc(
        "`plaintext hex-key`: AES-256-GCM with a fresh nonce, as Base64, and true; \"\" and \
             false unless the key is 64 hex digits.",
    ),
    borrowing!(
        "crypto.aes-gcm-decrypt",
        "( String String -- String Bool )",
        crypto::aes_gcm_decrypt,
        [0, 1]
    )
    .doc(
        "`base64 hex-key`: the plaintext and true; \"\" and false for a bad key, bad input or \
             failed authentication.",
    ),
    // ( password salt iterations -- hex-key ok )
    b(
        "crypto.pbkdf2-sha256",
        "( String String Int -- String Bool )",
        code!(|password, salt, n| ::seq::runtime::crypto::pbkdf2_sha256(&#password, &#salt, #n)),
    )
    .by_ref(&[0, 1])
    .doc(
        "`password salt iterations`: a 32-byte PBKDF2-HMAC-SHA256 key as hex and true; \"\" \
             and false for too few or too many iterations.",
    ),
    // Ed25519: ( -- public private ), ( message private -- signature ok ),
    // ( message signature public -- Bool ).
    b(
        "crypto.ed25519-keypair",
        "( -- String String )",
        code!(|| ::seq::runtime::crypto::ed25519_keypair()),
    )
    .doc("A fresh Ed25519 key pair: public key, then private key (on top), each 64 hex digits."),
    borrowing!(
        "crypto.ed25519-sign",
        "( String String -- String Bool )",
        crypto::ed25519_sign,
        [0, 1]
    )
    .doc(
        "`message private-key`: the signature as 128 hex digits and true; \"\" and false for \
             a bad key.",
    ),
    borrowing!(
        "crypto.ed25519-verify",
        "( String String String -- Bool )",
        crypto::ed25519_verify,
        [0, 1, 2]
    )
    .doc(
        "`message signature public-key`: whether the signature is valid (false for malformed \
             input).",
    ),
    // Compression: ( data -- base64 ok ), ( data level -- base64 ok ), ( base64 -- data ok ).
    borrowing!(
        "compress.gzip",
        "( String -- String Bool )",
        compress::gzip,
        [0]
    )
    .doc("The gzip stream (level 6) as Base64, and true."),
    b(
        "compress.gzip-level",
        "( String Int -- String Bool )",
        code!(|data, level| ::seq::runtime::compress::gzip_level(&#data, #level)),
    )
    .by_ref(&[0])
    .doc("As `compress.gzip` at the level, clamped to 1..9."),
    borrowing!(
        "compress.gunzip",
        "( String -- String Bool )",
        compress::gunzip,
        [0]
    )
    .doc("The data of a Base64 gzip stream and true; \"\" and false when it is not one."),
    borrowing!(
        "compress.zstd",
        "( String -- String Bool )",
        compress::zstd,
        [0]
    )
    .doc("The Zstandard frame (level 3) as Base64, and true."),
    b(
        "compress.zstd-level",
        "( String Int -- String Bool )",
        code!(|data, level| ::seq::runtime::compress::zstd_level(&#data, #level)),
    )
    .by_ref(&[0])
    .doc("As `compress.zstd` at the level, clamped to 1..22."),
    borrowing!(
        "compress.unzstd",
        "( String -- String Bool )",
        compress::unzstd,
        [0]
    )
    .doc("The data of Base64 Zstandard frames and true; \"\" and false when it is not that."),
    // Regular expressions: ( text pattern .. ).
    borrowing!(
        "regex.match?",
        "( String String -- Bool )",
        regex::is_match,
        [0, 1]
    )
    .doc("`text pattern`: whether the pattern matches anywhere; false for an invalid pattern."),
    borrowing!(
        "regex.find",
        "( String String -- String Bool )",
        regex::find,
        [0, 1]
    )
    .doc(
        "`text pattern`: the leftmost match and true; \"\" and false without a match or for \
             an invalid pattern.",
    ),
    borrowing!(
        "regex.find-all",
        "( String String -- List<String> Bool )",
        regex::find_all,
        [0, 1]
    )
    .doc(
        "`text pattern`: every non-overlapping match and true; an empty list and false for an \
             invalid pattern.",
    ),
    b(
        "regex.replace",
        "( String String String -- String Bool )",
        code!(|text, pattern, with| ::seq::runtime::regex::replace(#text, &#pattern, &#with)),
    )
    .by_ref(&[1, 2])
    .doc(
        "`text pattern replacement`: the text with the leftmost match replaced and true; the \
             text and false for an invalid pattern.",
    ),
    b(
        "regex.replace-all",
        "( String String String -- String Bool )",
        code!(|text, pattern, with| ::seq::runtime::regex::replace_all(#text, &#pattern, &#with)),
    )
    .by_ref(&[1, 2])
    .doc(
        "`text pattern replacement`: the text with every match replaced and true; the text \
             and false for an invalid pattern.",
    ),
    borrowing!(
        "regex.captures",
        "( String String -- List<String> Bool )",
        regex::captures,
        [0, 1]
    )
    .doc(
        "`text pattern`: the groups of the leftmost match (from group 1; \"\" for one not \
             taking part) and true; an empty list and false without a match.",
    ),
    borrowing!(
        "regex.split",
        "( String String -- List<String> Bool )",
        regex::split,
        [0, 1]
    )
    .doc(
        "`text pattern`: the pieces between matches and true; a list of the text and false \
             for an invalid pattern.",
    ),
    borrowing!("regex.valid?", "( String -- Bool )", regex::is_valid, [0])
        .doc("Whether the pattern compiles."),
];
