//! Files and directories: `file.*` and `dir.*`, as upstream's words, every failure a
//! false flag (and an empty or zero result), never a panic.
//!
//! Paths and contents are byte strings (see [`crate::bytes`]): a path String stands for
//! the bytes of a Unix path ([`path`]), so a path with raw bytes names the file whose
//! name has those bytes, and a name read from the system (a directory entry, the current
//! directory) comes back through [`text`] whatever its bytes. File contents are written
//! as the bytes the String stands for and read back through
//! [`from_bytes`](crate::bytes::from_bytes): binary data round-trips.
//!
//! `file.for-each-line` is a loop the compiler emits over [`Lines`], an iterator over
//! the lines of a file, each with a `\n` at its end (as upstream's, a `\r\n` ending
//! becomes `\n`, and the last line gets one even when the file does not end with one).

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use crate::bytes::{from_bytes, to_bytes};
use crate::List;

/// The path a Seq String names: the bytes it stands for, as a Unix path (borrowed when
/// the String has no raw bytes).
pub fn path(text: &str) -> Cow<'_, Path> {
    match to_bytes(text) {
        Cow::Borrowed(bytes) => Cow::Borrowed(Path::new(OsStr::from_bytes(bytes))),
        Cow::Owned(bytes) => Cow::Owned(PathBuf::from(OsString::from_vec(bytes))),
    }
}

/// The Seq String standing for a name the system gave (a path, a file name, an
/// environment value): its bytes, whether or not they are UTF-8.
pub fn text(name: impl Into<OsString>) -> String {
    from_bytes(name.into().into_vec())
}

/// `file.exists? ( String -- Bool )`: whether something (a file or a directory) exists at
/// the path.
pub fn file_exists(at: &str) -> bool {
    path(at).exists()
}

/// `file.slurp ( String -- String Bool )`: the whole file at the path and true; "" and
/// false if it cannot be read.
pub fn file_slurp(at: &str) -> (String, bool) {
    match fs::read(path(at)) {
        Ok(bytes) => (from_bytes(bytes), true),
        Err(_) => (String::new(), false),
    }
}

/// `file.spit ( String String -- Bool )`: writes the content (below) to the file at the
/// path (on top), creating it or replacing what it held; whether that worked.
pub fn file_spit(content: &str, at: &str) -> bool {
    fs::write(path(at), to_bytes(content)).is_ok()
}

/// `file.append ( String String -- Bool )`: appends the content (below) to the file at
/// the path (on top), creating it if needed; whether that worked.
pub fn file_append(content: &str, at: &str) -> bool {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path(at))
        .and_then(|mut file| file.write_all(&to_bytes(content)))
        .is_ok()
}

/// `file.delete ( String -- Bool )`: removes the file at the path (not a directory);
/// whether that worked (false when there is none).
pub fn file_delete(at: &str) -> bool {
    fs::remove_file(path(at)).is_ok()
}

/// `file.size ( String -- Int Bool )`: the size in bytes of what is at the path and true;
/// 0 and false when there is nothing there (or it cannot be seen).
pub fn file_size(at: &str) -> (i64, bool) {
    match fs::metadata(path(at)) {
        Ok(meta) => (i64::try_from(meta.len()).unwrap_or(i64::MAX), true),
        Err(_) => (0, false),
    }
}

/// `dir.exists? ( String -- Bool )`: whether a directory exists at the path (a file is
/// not one).
pub fn dir_exists(at: &str) -> bool {
    path(at).is_dir()
}

/// `dir.make ( String -- Bool )`: creates the directory and any missing parents; true
/// also when it already exists, false when it cannot be made (a file in the way).
pub fn dir_make(at: &str) -> bool {
    fs::create_dir_all(path(at)).is_ok()
}

/// `dir.delete ( String -- Bool )`: removes the directory if it is empty; whether that
/// worked.
pub fn dir_delete(at: &str) -> bool {
    fs::remove_dir(path(at)).is_ok()
}

/// `dir.list ( String -- List<String> Bool )`: the names in the directory (without `.`
/// and `..`, sorted by their bytes) and true; an empty list and false when it cannot be
/// read. A name that is not UTF-8 keeps its bytes (see [`text`]).
pub fn dir_list(at: &str) -> (List<String>, bool) {
    let Ok(entries) = fs::read_dir(path(at)) else {
        return (List::new(), false);
    };
    let mut names = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => names.push(entry.file_name().into_vec()),
            Err(_) => return (List::new(), false),
        }
    }
    names.sort();
    (names.into_iter().map(from_bytes).collect(), true)
}

/// The lines of a file, for `file.for-each-line ( ..a String [ ..a String -- ..a ] --
/// ..a Bool )`: each line ends with `\n` (a `\r\n` ending is one `\n`; a last line
/// without an ending gets one), its bytes kept as they are. A file that cannot be opened
/// has no lines; [`Lines::succeeded`] tells, after the loop, whether every line was read.
pub struct Lines {
    /// The open file, until its end or a read error.
    reader: Option<BufReader<File>>,
    /// Whether the file opened and no read failed.
    ok: bool,
}

impl Lines {
    /// Opens the file at the path.
    pub fn open(at: &str) -> Lines {
        match File::open(path(at)) {
            Ok(file) => Lines {
                reader: Some(BufReader::new(file)),
                ok: true,
            },
            Err(_) => Lines {
                reader: None,
                ok: false,
            },
        }
    }

    /// Whether the file opened and every line was read (true for an empty file).
    pub fn succeeded(&self) -> bool {
        self.ok
    }
}

impl Iterator for Lines {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let reader = self.reader.as_mut()?;
        let mut line = Vec::new();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => {
                self.reader = None;
                None
            }
            Ok(_) => {
                if line.ends_with(b"\r\n") {
                    line.truncate(line.len() - 2);
                } else if line.ends_with(b"\n") {
                    line.pop();
                }
                line.push(b'\n');
                Some(from_bytes(line))
            }
            Err(_) => {
                self.reader = None;
                self.ok = false;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh path under the temporary directory, unique to this process and test.
    fn scratch(name: &str) -> PathBuf {
        std::env::temp_dir().join(format!("seq-fs-{}-{name}", std::process::id()))
    }

    fn seq_path(p: &Path) -> String {
        text(p.as_os_str())
    }

    #[test]
    fn spit_append_slurp_size_delete() {
        let file = seq_path(&scratch("file"));
        assert_eq!(file_slurp(&file), (String::new(), false));
        assert_eq!(file_size(&file), (0, false));
        assert!(!file_delete(&file));
        assert!(file_spit("hello", &file));
        assert!(file_append(" world", &file));
        assert_eq!(file_slurp(&file), ("hello world".to_string(), true));
        assert_eq!(file_size(&file), (11, true));
        assert!(file_spit("new", &file), "spit replaces");
        assert_eq!(file_slurp(&file), ("new".to_string(), true));
        assert!(file_delete(&file));
        assert!(!file_exists(&file));
        assert!(file_append("created", &file), "append creates");
        assert_eq!(file_slurp(&file), ("created".to_string(), true));
        assert!(file_delete(&file));
        assert!(!file_spit("x", "/nonexistent-seq-dir/file"));
        assert!(!file_append("x", "/nonexistent-seq-dir/file"));
    }

    #[test]
    fn binary_content_and_raw_byte_paths_round_trip() {
        let all: Vec<u8> = (0..=255).collect();
        let content = from_bytes(all.clone());
        let mut raw_name = scratch("raw-").into_os_string().into_vec();
        raw_name.extend_from_slice(&[0xff, b'x', 0x80]);
        let raw_path = from_bytes(raw_name.clone());
        assert!(file_spit(&content, &raw_path));
        // The file's name has the raw bytes themselves.
        let on_disk = PathBuf::from(OsString::from_vec(raw_name));
        assert_eq!(fs::read(&on_disk).unwrap(), all);
        assert_eq!(file_slurp(&raw_path), (content, true));
        assert_eq!(file_size(&raw_path), (256, true));
        assert!(file_delete(&raw_path));
        assert!(!on_disk.exists());
    }

    #[test]
    fn directories() {
        let dir = scratch("dir");
        let (top, nested) = (seq_path(&dir), seq_path(&dir.join("a/b")));
        assert!(!dir_exists(&top));
        assert_eq!(dir_list(&top), (List::new(), false));
        assert!(dir_make(&nested), "parents too");
        assert!(dir_make(&nested), "already there");
        assert!(dir_exists(&nested));
        fs::write(dir.join("z.txt"), "z").unwrap();
        fs::write(dir.join(OsStr::from_bytes(b"\xfe")), "").unwrap();
        let (names, ok) = dir_list(&top);
        assert!(ok);
        let names: Vec<Vec<u8>> = names.iter().map(|n| to_bytes(n).into_owned()).collect();
        assert_eq!(names, [b"a".to_vec(), b"z.txt".to_vec(), b"\xfe".to_vec()]);
        assert!(
            !dir_exists(&seq_path(&dir.join("z.txt"))),
            "a file is no dir"
        );
        assert!(!dir_make(&seq_path(&dir.join("z.txt/sub"))));
        assert!(!dir_delete(&top), "not empty");
        assert!(!file_delete(&nested), "file.delete leaves directories");
        assert!(dir_delete(&nested));
        assert!(!dir_delete(&nested), "gone");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn lines_end_with_a_newline() {
        let file = scratch("lines");
        fs::write(&file, b"one\r\ntwo\n\n\xffthree").unwrap();
        let mut lines = Lines::open(&seq_path(&file));
        let read: Vec<Vec<u8>> = lines.by_ref().map(|l| to_bytes(&l).into_owned()).collect();
        assert_eq!(
            read,
            [
                b"one\n".to_vec(),
                b"two\n".to_vec(),
                b"\n".to_vec(),
                b"\xffthree\n".to_vec()
            ]
        );
        assert!(lines.succeeded());
        fs::write(&file, b"").unwrap();
        let mut empty = Lines::open(&seq_path(&file));
        assert_eq!(empty.next(), None);
        assert!(empty.succeeded());
        fs::remove_file(&file).unwrap();
        let mut missing = Lines::open(&seq_path(&file));
        assert_eq!(missing.next(), None);
        assert!(!missing.succeeded());
        // A directory opens but cannot be read: a read error.
        let mut dir = Lines::open(&seq_path(&std::env::temp_dir()));
        assert_eq!(dir.next(), None);
        assert!(!dir.succeeded());
    }
}
