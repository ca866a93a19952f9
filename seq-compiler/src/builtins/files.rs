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
    on_path!("file.exists?", "( String -- Bool )", file_exists),
    on_path!("file.slurp", "( String -- String Bool )", file_slurp),
    to_path!("file.spit", file_spit),
    to_path!("file.append", file_append),
    on_path!("file.delete", "( String -- Bool )", file_delete),
    on_path!("file.size", "( String -- Int Bool )", file_size),
    b(
        "file.for-each-line",
        "( ..a String [ ..a String -- ..a ] -- ..a Bool )",
        Emit::Special(Special::Loop(Loop::FileLines)),
    ),
    on_path!("dir.exists?", "( String -- Bool )", dir_exists),
    on_path!("dir.make", "( String -- Bool )", dir_make),
    on_path!("dir.delete", "( String -- Bool )", dir_delete),
    on_path!("dir.list", "( String -- List<String> Bool )", dir_list),
];
