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
    ),
    borrowing!(
        "encoding.base64-decode",
        "( String -- String Bool )",
        encoding::base64_decode,
        [0]
    ),
    borrowing!(
        "encoding.base64url-encode",
        "( String -- String )",
        encoding::base64url_encode,
        [0]
    ),
    borrowing!(
        "encoding.base64url-decode",
        "( String -- String Bool )",
        encoding::base64url_decode,
        [0]
    ),
    borrowing!(
        "encoding.hex-encode",
        "( String -- String )",
        encoding::hex_encode,
        [0]
    ),
    borrowing!(
        "encoding.hex-decode",
        "( String -- String Bool )",
        encoding::hex_decode,
        [0]
    ),
    // Hashes and MACs: ( message key -- hex ).
    borrowing!("crypto.sha256", "( String -- String )", crypto::sha256, [0]),
    borrowing!(
        "crypto.hmac-sha256",
        "( String String -- String )",
        crypto::hmac_sha256,
        [0, 1]
    ),
    borrowing!(
        "crypto.constant-time-eq",
        "( String String -- Bool )",
        crypto::constant_time_eq,
        [0, 1]
    ),
    // Randomness: ( n -- hex ), ( min max -- Int ) in [min, max).
    b(
        "crypto.random-bytes",
        "( Int -- String )",
        code!(|n| ::seq::runtime::crypto::random_bytes(#n)),
    ),
    b(
        "crypto.random-int",
        "( Int Int -- Int )",
        code!(|min, max| ::seq::runtime::crypto::random_int(#min, #max)),
    ),
    b(
        "crypto.uuid4",
        "( -- String )",
        code!(|| ::seq::runtime::crypto::uuid4()),
    ),
    // AES-256-GCM: ( plaintext hex-key -- base64 ok ), ( base64 hex-key -- plaintext ok ).
    borrowing!(
        "crypto.aes-gcm-encrypt",
        "( String String -- String Bool )",
        crypto::aes_gcm_encrypt,
        [0, 1]
    ),
    borrowing!(
        "crypto.aes-gcm-decrypt",
        "( String String -- String Bool )",
        crypto::aes_gcm_decrypt,
        [0, 1]
    ),
    // ( password salt iterations -- hex-key ok )
    b(
        "crypto.pbkdf2-sha256",
        "( String String Int -- String Bool )",
        code!(|password, salt, n| ::seq::runtime::crypto::pbkdf2_sha256(&#password, &#salt, #n)),
    )
    .by_ref(&[0, 1]),
    // Ed25519: ( -- public private ), ( message private -- signature ok ),
    // ( message signature public -- Bool ).
    b(
        "crypto.ed25519-keypair",
        "( -- String String )",
        code!(|| ::seq::runtime::crypto::ed25519_keypair()),
    ),
    borrowing!(
        "crypto.ed25519-sign",
        "( String String -- String Bool )",
        crypto::ed25519_sign,
        [0, 1]
    ),
    borrowing!(
        "crypto.ed25519-verify",
        "( String String String -- Bool )",
        crypto::ed25519_verify,
        [0, 1, 2]
    ),
    // Compression: ( data -- base64 ok ), ( data level -- base64 ok ), ( base64 -- data ok ).
    borrowing!(
        "compress.gzip",
        "( String -- String Bool )",
        compress::gzip,
        [0]
    ),
    b(
        "compress.gzip-level",
        "( String Int -- String Bool )",
        code!(|data, level| ::seq::runtime::compress::gzip_level(&#data, #level)),
    )
    .by_ref(&[0]),
    borrowing!(
        "compress.gunzip",
        "( String -- String Bool )",
        compress::gunzip,
        [0]
    ),
    borrowing!(
        "compress.zstd",
        "( String -- String Bool )",
        compress::zstd,
        [0]
    ),
    b(
        "compress.zstd-level",
        "( String Int -- String Bool )",
        code!(|data, level| ::seq::runtime::compress::zstd_level(&#data, #level)),
    )
    .by_ref(&[0]),
    borrowing!(
        "compress.unzstd",
        "( String -- String Bool )",
        compress::unzstd,
        [0]
    ),
    // Regular expressions: ( text pattern .. ).
    borrowing!(
        "regex.match?",
        "( String String -- Bool )",
        regex::is_match,
        [0, 1]
    ),
    borrowing!(
        "regex.find",
        "( String String -- String Bool )",
        regex::find,
        [0, 1]
    ),
    borrowing!(
        "regex.find-all",
        "( String String -- List<String> Bool )",
        regex::find_all,
        [0, 1]
    ),
    b(
        "regex.replace",
        "( String String String -- String Bool )",
        code!(|text, pattern, with| ::seq::runtime::regex::replace(#text, &#pattern, &#with)),
    )
    .by_ref(&[1, 2]),
    b(
        "regex.replace-all",
        "( String String String -- String Bool )",
        code!(|text, pattern, with| ::seq::runtime::regex::replace_all(#text, &#pattern, &#with)),
    )
    .by_ref(&[1, 2]),
    borrowing!(
        "regex.captures",
        "( String String -- List<String> Bool )",
        regex::captures,
        [0, 1]
    ),
    borrowing!(
        "regex.split",
        "( String String -- List<String> Bool )",
        regex::split,
        [0, 1]
    ),
    borrowing!("regex.valid?", "( String -- Bool )", regex::is_valid, [0]),
];
