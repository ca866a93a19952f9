//! `compress.*`: gzip (RFC 1952, by `flate2`) and Zstandard (by `zstd`).
//!
//! Present only with the `compress` feature of `seq-runtime` (and of `seq`, which
//! forwards it; on by default). Without it this module does not exist, and code generated
//! for a `compress.*` word fails to compile, naming `seq::runtime::compress`.
//!
//! As upstream Seq's, a compressor's output is standard Base64 of the compressed stream
//! (text that can be stored or sent anywhere a String goes; `encoding.base64-decode`
//! gives the raw `.gz` / `.zst` bytes, and `encoding.base64-encode` of such bytes is what
//! the decompressors take). What is compressed is the bytes the input String stands for
//! ([`crate::bytes::to_bytes`]), and a decompressor gives its bytes back by
//! [`crate::bytes::from_bytes`], so binary data round-trips (upstream requires the
//! decompressed data to be UTF-8; here any bytes are fine).
//!
//! A decompressor fails (`("", false)`, never a panic) on input that is not Base64, on an
//! empty stream, and on a stream that is corrupt, truncated or followed by other data
//! (gzip streams carry a CRC-32 of their content, and the Zstandard frames written here a
//! checksum, so a changed byte is caught).
//! gzip input may hold several members, decompressed one after another as `gunzip`
//! does. Levels out of range are clamped, as upstream's are: gzip 1 to 9 (default 6),
//! Zstandard 1 to 22 (default 3).

use crate::bytes::to_bytes;
use crate::encoding::decoded;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use flate2::read::{GzEncoder, MultiGzDecoder};
use flate2::Compression;
use std::io::{Read, Write};

/// gzip's default level.
const GZIP_DEFAULT_LEVEL: i64 = 6;
/// Zstandard's default level.
const ZSTD_DEFAULT_LEVEL: i64 = 3;

/// `compress.gzip ( String -- String Bool )`: the gzip stream (level 6) as Base64, and
/// `true`.
pub fn gzip(data: &str) -> (String, bool) {
    gzip_level(data, GZIP_DEFAULT_LEVEL)
}

/// `compress.gzip-level ( String Int -- String Bool )`: as [`gzip`] at `level`, clamped to
/// 1 (fastest) to 9 (smallest).
pub fn gzip_level(data: &str, level: i64) -> (String, bool) {
    let level = level.clamp(1, 9) as u32;
    let mut stream = Vec::new();
    let written =
        GzEncoder::new(to_bytes(data).as_ref(), Compression::new(level)).read_to_end(&mut stream);
    encoded(written.ok().map(|_| stream))
}

/// `compress.gunzip ( String -- String Bool )`: the data of a Base64 gzip stream, and
/// `true`; `("", false)` when it is not one.
pub fn gunzip(base64: &str) -> (String, bool) {
    decoded(stream(base64).and_then(|stream| {
        let mut data = Vec::new();
        MultiGzDecoder::new(stream.as_slice())
            .read_to_end(&mut data)
            .ok()
            .map(|_| data)
    }))
}

/// `compress.zstd ( String -- String Bool )`: the Zstandard frame (level 3, with the
/// content size and a checksum of the content, as the `zstd` tool writes) as Base64, and
/// `true`.
pub fn zstd(data: &str) -> (String, bool) {
    zstd_level(data, ZSTD_DEFAULT_LEVEL)
}

/// `compress.zstd-level ( String Int -- String Bool )`: as [`zstd`] at `level`, clamped to
/// 1 (fastest) to 22 (smallest).
pub fn zstd_level(data: &str, level: i64) -> (String, bool) {
    let data = to_bytes(data);
    let frame = || -> std::io::Result<Vec<u8>> {
        let mut encoder = ::zstd::stream::Encoder::new(Vec::new(), level.clamp(1, 22) as i32)?;
        encoder.include_checksum(true)?;
        encoder.set_pledged_src_size(Some(data.len() as u64))?;
        encoder.write_all(&data)?;
        encoder.finish()
    };
    encoded(frame().ok())
}

/// `compress.unzstd ( String -- String Bool )`: the data of Base64 Zstandard frames, and
/// `true`; `("", false)` when it is not that.
pub fn unzstd(base64: &str) -> (String, bool) {
    decoded(stream(base64).and_then(|stream| ::zstd::decode_all(stream.as_slice()).ok()))
}

/// A compressor's result: the stream as Base64 and `true`, or `("", false)`.
fn encoded(stream: Option<Vec<u8>>) -> (String, bool) {
    match stream {
        Some(stream) => (STANDARD.encode(stream), true),
        None => (String::new(), false),
    }
}

/// The compressed bytes a decompressor's input stands for: `None` unless it is Base64 of
/// a non-empty stream (every compressor writes at least a header).
fn stream(base64: &str) -> Option<Vec<u8>> {
    STANDARD
        .decode(to_bytes(base64))
        .ok()
        .filter(|stream| !stream.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytes::{from_bytes, from_slice};
    use proptest::prelude::*;

    fn failed() -> (String, bool) {
        (String::new(), false)
    }

    fn raw(base64: &str) -> Vec<u8> {
        STANDARD.decode(base64).expect("base64")
    }

    #[test]
    fn gzip_streams_are_standard() {
        let (packed, ok) = gzip("hello world");
        assert!(ok);
        let bytes = raw(&packed);
        assert_eq!(&bytes[..3], [0x1f, 0x8b, 8], "gzip magic and deflate");
        // Another decoder reads it.
        let mut out = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_string(&mut out)
            .expect("gzip");
        assert_eq!(out, "hello world");
        // `printf 'hi\n' | gzip -n` by the reference tool.
        let known = "H4sIAAAAAAAAA8vI5AIAenpv7QMAAAA=";
        assert_eq!(gunzip(known), ("hi\n".to_string(), true));
    }

    #[test]
    fn zstd_frames_are_standard() {
        let (packed, ok) = zstd("hello world");
        assert!(ok);
        assert_eq!(&raw(&packed)[..4], [0x28, 0xb5, 0x2f, 0xfd], "zstd magic");
        // `printf 'hi\n' | zstd` by the reference tool.
        let known = "KLUv/QRYGQAAaGkKND1Qkg==";
        assert_eq!(unzstd(known), ("hi\n".to_string(), true));
    }

    #[test]
    fn levels_are_clamped() {
        for level in [i64::MIN, -1, 0, 1, 5, 9, 10, i64::MAX] {
            let (packed, ok) = gzip_level("level test", level);
            assert!(ok);
            assert_eq!(gunzip(&packed), ("level test".to_string(), true));
            let (packed, ok) = zstd_level("level test", level);
            assert!(ok);
            assert_eq!(unzstd(&packed), ("level test".to_string(), true));
        }
    }

    #[test]
    fn concatenated_gzip_members_are_one_stream() {
        let mut both = raw(&gzip("one ").0);
        both.extend(raw(&gzip("two").0));
        assert_eq!(
            gunzip(&STANDARD.encode(both)),
            ("one two".to_string(), true)
        );
    }

    #[test]
    fn bad_streams_fail() {
        let text = "a longer text, a longer text, a longer text";
        for (pack, unpack) in [
            (
                gzip as fn(&str) -> (String, bool),
                gunzip as fn(&str) -> (String, bool),
            ),
            (zstd, unzstd),
        ] {
            assert_eq!(unpack("not valid base64!!!"), failed());
            assert_eq!(unpack(""), failed(), "an empty stream");
            assert_eq!(unpack("aGVsbG8gd29ybGQ="), failed(), "not compressed");
            let stream = raw(&pack(text).0);
            let truncated = STANDARD.encode(&stream[..stream.len() - 3]);
            assert_eq!(unpack(&truncated), failed(), "truncated");
            let mut corrupt = stream.clone();
            let middle = corrupt.len() / 2;
            corrupt[middle] ^= 0x55;
            assert_eq!(unpack(&STANDARD.encode(&corrupt)), failed(), "corrupt");
            let mut trailing = stream;
            trailing.extend_from_slice(b"junk");
            assert_eq!(
                unpack(&STANDARD.encode(trailing)),
                failed(),
                "trailing data"
            );
        }
    }

    #[test]
    fn every_byte_value_round_trips() {
        let all = from_slice(&(0..=255).collect::<Vec<u8>>());
        assert_eq!(gunzip(&gzip(&all).0), (all.clone(), true));
        assert_eq!(unzstd(&zstd(&all).0), (all, true));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 0..200), level in 0i64..24) {
            let data = from_bytes(bytes.clone());
            let (packed, ok) = gzip_level(&data, level);
            prop_assert!(ok);
            let (unpacked, ok) = gunzip(&packed);
            prop_assert!(ok);
            prop_assert_eq!(to_bytes(&unpacked).into_owned(), bytes.clone());
            let (packed, ok) = zstd_level(&data, level);
            prop_assert!(ok);
            prop_assert_eq!(unzstd(&packed), (data, true));
        }

        #[test]
        fn decompressors_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let text = STANDARD.encode(&bytes);
            let _ = gunzip(&text);
            let _ = unzstd(&text);
        }
    }
}
