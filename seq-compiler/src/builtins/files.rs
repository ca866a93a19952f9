//! The table's entries for files and directories (`file.*`, `dir.*`, as upstream's):
//! each calls `seq::runtime::fs`, where every failure is a false flag. Paths and contents
//! are byte strings. `file.for-each-line` is a loop (the checker and emitter handle it
//! by name, as `list.each`): its quotation runs on the stack below the path, taking each
//! line.

use super::{b, Builtin, Emit, Special};
use crate::check::ir::Loop;
use quote::quote;

/// A word whose one input, a path it only reads, goes to `seq::runtime::fs::$f`.
macro_rules! on_path {
    ($name:literal, $effect:literal, $f:ident) => {
        b(
            $name,
            $effect,
            code!(|p| ::seq::runtime::fs::$f(&#p)),
        )
        .by_ref(&[0])
    };
}

/// A word `( String String -- Bool )` writing the content (below) to the path (on top).
macro_rules! to_path {
    ($name:literal, $f:ident) => {
        b(
            $name,
            "( String String -- Bool )",
            code!(|content, p| ::seq::runtime::fs::$f(&#content, &#p)),
        )
        .by_ref(&[0, 1])
    };
}

/// Files and directories.
pub static FILES: &[Builtin] = &[
    on_path!("file.exists?", "( String -- Bool )", file_exists)
        .doc("Whether a file or directory exists at the path."),
    on_path!("file.slurp", "( String -- String Bool )", file_slurp)
        .doc("The whole file and true; \"\" and false if it cannot be read."),
    to_path!("file.spit", file_spit)
        .doc("`content path`: writes the file, creating or replacing it; whether that worked."),
    to_path!("file.append", file_append)
        .doc("`content path`: appends to the file, creating it if needed; whether that worked."),
    on_path!("file.delete", "( String -- Bool )", file_delete)
        .doc("Removes the file (not a directory); whether that worked."),
    on_path!("file.size", "( String -- Int Bool )", file_size)
        .doc("The size in bytes and true; 0 and false when nothing is there."),
    b(
        "file.for-each-line",
        "( ..a String [ ..a String -- ..a ] -- ..a Bool )",
        Emit::Special(Special::Loop(Loop::FileLines)),
    )
    .doc(
        "Runs the quotation on each line of the file; whether the whole file was read (false \
             if it cannot be opened).",
    ),
    on_path!("dir.exists?", "( String -- Bool )", dir_exists)
        .doc("Whether a directory exists at the path."),
    on_path!("dir.make", "( String -- Bool )", dir_make).doc(
        "Creates the directory and missing parents; true also when it exists, false when it \
             cannot be made.",
    ),
    on_path!("dir.delete", "( String -- Bool )", dir_delete)
        .doc("Removes the directory if it is empty; whether that worked."),
    on_path!("dir.list", "( String -- List<String> Bool )", dir_list).doc(
        "The names in the directory (sorted, without `.` and `..`) and true; an empty list \
             and false if it cannot be read.",
    ),
];
