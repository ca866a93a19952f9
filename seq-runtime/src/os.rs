//! The process's surroundings: `os.*`, as upstream's words. Environment variables, the
//! home and current directories, path tests and path arithmetic, the platform's name,
//! and leaving the process (`os.exit`).
//!
//! Paths and values are byte strings (see [`crate::fs::path`] and [`crate::fs::text`]):
//! a value or path that is not UTF-8 keeps its bytes. Every lookup that can fail gives
//! "" and false; path arithmetic is Rust's [`Path`]'s (upstream's): the parent of `/` or
//! of "" is none, the parent of a bare name is "".

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use crate::bytes::to_bytes;
use crate::fs::{path, text};

/// `os.getenv ( String -- String Bool )`: the variable's value and true; "" and false
/// when it is not set (or the name cannot be one: empty, or with `=` or a NUL byte).
pub fn getenv(name: &str) -> (String, bool) {
    let name = to_bytes(name);
    if name.is_empty() || name.contains(&b'=') || name.contains(&0) {
        return (String::new(), false);
    }
    match std::env::var_os(OsStr::from_bytes(&name)) {
        Some(value) => (text(value), true),
        None => (String::new(), false),
    }
}

/// `os.home-dir ( -- String Bool )`: `$HOME` when it is set and not empty, else the
/// home directory of the user's account; "" and false when neither is known.
pub fn home_dir() -> (String, bool) {
    match std::env::var_os("HOME") {
        Some(home) if !home.is_empty() => (text(home), true),
        _ => match account_home() {
            Some(home) => (crate::bytes::from_bytes(home), true),
            None => (String::new(), false),
        },
    }
}

/// The home directory of the process's user in the account database.
fn account_home() -> Option<Vec<u8>> {
    let mut buffer = vec![0u8; 4096];
    loop {
        // SAFETY: `entry` and `found` are out-parameters; `buffer` is writable for its
        // whole length, which is what is passed; the strings `entry` points to live in
        // `buffer`, read before it is dropped.
        unsafe {
            let mut entry: libc::passwd = std::mem::zeroed();
            let mut found: *mut libc::passwd = std::ptr::null_mut();
            let status = libc::getpwuid_r(
                libc::getuid(),
                &mut entry,
                buffer.as_mut_ptr().cast(),
                buffer.len(),
                &mut found,
            );
            if status == libc::ERANGE && buffer.len() < 1 << 20 {
                buffer.resize(buffer.len() * 2, 0);
                continue;
            }
            if status != 0 || found.is_null() || entry.pw_dir.is_null() {
                return None;
            }
            let dir = std::ffi::CStr::from_ptr(entry.pw_dir).to_bytes();
            return (!dir.is_empty()).then(|| dir.to_vec());
        }
    }
}

/// `os.current-dir ( -- String Bool )`: the working directory and true; "" and false
/// when it cannot be known (it was removed).
pub fn current_dir() -> (String, bool) {
    match std::env::current_dir() {
        Ok(dir) => (text(dir), true),
        Err(_) => (String::new(), false),
    }
}

/// `os.path-exists ( String -- Bool )`: whether anything exists at the path.
pub fn path_exists(at: &str) -> bool {
    path(at).exists()
}

/// `os.path-is-file ( String -- Bool )`: whether a regular file is at the path (through
/// symbolic links).
pub fn path_is_file(at: &str) -> bool {
    path(at).is_file()
}

/// `os.path-is-dir ( String -- Bool )`: whether a directory is at the path (through
/// symbolic links).
pub fn path_is_dir(at: &str) -> bool {
    path(at).is_dir()
}

/// `os.path-join ( String String -- String )`: the second path below the first (with one
/// `/` between them); an absolute second path replaces the first.
pub fn path_join(base: &str, component: &str) -> String {
    text(path(base).join(path(component)))
}

/// `os.path-parent ( String -- String Bool )`: the path without its last component and
/// true ("" for a bare name); "" and false for `/`, "" and other paths without one.
pub fn path_parent(at: &str) -> (String, bool) {
    part(path(at).parent())
}

/// `os.path-filename ( String -- String Bool )`: the last component and true; "" and
/// false when the path ends in `..`, is `/` or is "".
pub fn path_filename(at: &str) -> (String, bool) {
    part(path(at).file_name().map(Path::new))
}

fn part(found: Option<&Path>) -> (String, bool) {
    match found {
        Some(p) => (text(p), true),
        None => (String::new(), false),
    }
}

/// `os.exit ( Int -- )`: flushes standard output and ends the process with the code,
/// which must be 0 to 255 (another is a runtime error naming the word, as upstream's).
/// It does not return; its type says `()` so that code after it in a word is not
/// unreachable to the Rust compiler.
pub fn exit(code: i64) {
    let code = match i32::try_from(code) {
        Ok(c) if (0..=255).contains(&c) => c,
        _ => panic!("os.exit: exit code must be in range 0-255, got {code}"),
    };
    crate::io::flush();
    std::process::exit(code)
}

/// `os.name ( -- String )`: the operating system, as upstream names it: "darwin",
/// "linux", "windows", "freebsd", "openbsd", "netbsd" or "unknown".
pub fn name() -> String {
    let name = if cfg!(target_os = "macos") {
        "darwin"
    } else if cfg!(target_os = "linux") {
        "linux"
    } else if cfg!(target_os = "windows") {
        "windows"
    } else if cfg!(target_os = "freebsd") {
        "freebsd"
    } else if cfg!(target_os = "openbsd") {
        "openbsd"
    } else if cfg!(target_os = "netbsd") {
        "netbsd"
    } else {
        "unknown"
    };
    name.to_string()
}

/// `os.arch ( -- String )`: the processor architecture, as upstream names it: "x86_64",
/// "aarch64", "arm", "x86", "riscv64" or "unknown".
pub fn arch() -> String {
    let arch = if cfg!(target_arch = "x86_64") {
        "x86_64"
    } else if cfg!(target_arch = "aarch64") {
        "aarch64"
    } else if cfg!(target_arch = "arm") {
        "arm"
    } else if cfg!(target_arch = "x86") {
        "x86"
    } else if cfg!(target_arch = "riscv64") {
        "riscv64"
    } else {
        "unknown"
    };
    arch.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytes::from_bytes;

    #[test]
    fn environment() {
        let (path, set) = getenv("PATH");
        assert!(set && !path.is_empty());
        assert_eq!(
            getenv("SEQ_SURELY_UNSET_VARIABLE_4711"),
            (String::new(), false)
        );
        assert_eq!(getenv(""), (String::new(), false));
        assert_eq!(getenv("A=B"), (String::new(), false));
        assert_eq!(getenv("A\0B"), (String::new(), false));
        let (home, known) = home_dir();
        assert!(known && !home.is_empty());
        let (here, known) = current_dir();
        assert!(known);
        assert_eq!(Path::new(&here), std::env::current_dir().unwrap());
        assert!(account_home().is_some_and(|h| !h.is_empty()));
    }

    #[test]
    fn path_tests() {
        let dir = std::env::temp_dir();
        let dir = text(dir);
        assert!(path_exists(&dir) && path_is_dir(&dir) && !path_is_file(&dir));
        let file = path_join(&dir, &format!("seq-os-{}", std::process::id()));
        assert!(!path_exists(&file) && !path_is_file(&file) && !path_is_dir(&file));
        std::fs::write(&file, "x").unwrap();
        assert!(path_exists(&file) && path_is_file(&file) && !path_is_dir(&file));
        std::fs::remove_file(&file).unwrap();
    }

    #[test]
    fn path_arithmetic() {
        let some = |s: &str| (s.to_string(), true);
        let none = (String::new(), false);
        assert_eq!(path_join("/home/user", "documents"), "/home/user/documents");
        assert_eq!(
            path_join("/home/user/", "documents"),
            "/home/user/documents"
        );
        assert_eq!(path_join("/home/user", "/etc/passwd"), "/etc/passwd");
        assert_eq!(path_join("/home/user", ""), "/home/user/");
        assert_eq!(path_parent("/home/user/file.txt"), some("/home/user"));
        assert_eq!(path_parent("file.txt"), some(""));
        assert_eq!(path_parent("/"), none);
        assert_eq!(path_parent(""), none);
        assert_eq!(
            path_filename("/home/user/document.txt"),
            some("document.txt")
        );
        assert_eq!(path_filename("document"), some("document"));
        assert_eq!(path_filename("/"), none);
        assert_eq!(path_filename(""), none);
        assert_eq!(path_filename("a/.."), none);
        // Raw bytes stay bytes.
        let raw = from_bytes(b"/tmp/\xff/n\xfe".to_vec());
        let (parent, _) = path_parent(&raw);
        let (name, _) = path_filename(&raw);
        assert_eq!(to_bytes(&parent).as_ref(), b"/tmp/\xff");
        assert_eq!(to_bytes(&name).as_ref(), b"n\xfe");
        assert_eq!(
            to_bytes(&path_join(&parent, &name)).as_ref(),
            b"/tmp/\xff/n\xfe"
        );
    }

    #[test]
    fn platform_names() {
        assert_eq!(name(), std::env::consts::OS.replace("macos", "darwin"));
        assert_eq!(arch(), std::env::consts::ARCH);
    }

    #[test]
    fn exit_codes_out_of_range_are_errors_naming_the_word() {
        let message = std::panic::catch_unwind(|| exit(256)).unwrap_err();
        assert_eq!(
            message.downcast_ref::<String>().unwrap(),
            "os.exit: exit code must be in range 0-255, got 256"
        );
        assert!(std::panic::catch_unwind(|| exit(-1)).is_err());
    }
}
