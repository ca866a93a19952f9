//! The table's entries for the combinators, conditionals and counted loops: every one is
//! [`Emit::Special`], checked and emitted by name; the effects here are for documentation
//! and messages.

use super::{b, Builtin, Emit, Special};
use crate::check::ir::Loop;

/// Combinators and loops.
pub static COMBINATORS: &[Builtin] = &[
    // Combinators.
    b(
        "call",
        "( ..a [ ..a -- ..b ] -- ..b )",
        Emit::Special(Special::Call),
    )
    .doc("Runs the quotation."),
    b(
        "dip",
        "( ..a T [ ..a -- ..b ] -- ..b T )",
        Emit::Special(Special::Dip),
    )
    .doc(
        "Runs the quotation on the stack below the top value, then puts that value back on \
             top.",
    ),
    b(
        "keep",
        "( ..a T [ ..a T -- ..b ] -- ..b T )",
        Emit::Special(Special::Keep),
    )
    .doc("Runs the quotation on the top value and puts a copy of that value back on top."),
    b(
        "bi",
        "( ..a T [ ..a T -- ..b ] [ ..b T -- ..c ] -- ..c )",
        Emit::Special(Special::Bi),
    )
    .doc("Runs the first quotation on the value, then the second on the same value."),
    b(
        "if",
        "( ..a Bool [ ..a -- ..b ] [ ..a -- ..b ] -- ..b )",
        Emit::Special(Special::If),
    )
    .doc(
        "`flag [then] [else] if`: runs the first quotation when the flag is true, else the \
             second; both must leave the same stack.",
    ),
    b(
        "when",
        "( ..a Bool [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::When),
    )
    .doc("Runs the quotation when the flag is true."),
    b(
        "unless",
        "( ..a Bool [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::Unless),
    )
    .doc("Runs the quotation when the flag is false."),
    b(
        "while",
        "( ..a [ ..a -- ..a Bool ] [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::While),
    )
    .doc("`[cond] [body] while`: runs cond, and body while cond leaves true."),
    b(
        "until",
        "( ..a [ ..a -- ..a Bool ] [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::Until),
    )
    .doc("`[cond] [body] until`: runs cond, and body while cond leaves false."),
    b(
        "cond",
        "( ..a V [ V -- V Bool ] [ V -- R ] Int -- ..a R )",
        Emit::Special(Special::Cond),
    )
    .doc(
        "`value [p1] [b1] ... n cond`: runs the body of the first predicate that leaves true \
             (n pairs, an Int literal); none matching is a runtime error.",
    ),
    b(
        "times",
        "( ..a Int [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::Loop(Loop::Times)),
    )
    .doc("Runs the quotation n times (none for n <= 0)."),
    b(
        "each-integer",
        "( ..a Int [ ..a Int -- ..a ] -- ..a )",
        Emit::Special(Special::Loop(Loop::EachInteger)),
    )
    .doc("Runs the quotation for each i from 0 to n-1, with i on top."),
    b(
        "integer-fold",
        "( Int T [ T Int -- T ] -- T )",
        Emit::Special(Special::Loop(Loop::Fold)),
    )
    .doc(
        "`n acc [q] integer-fold`: runs q on the accumulator and each i from 0 to n-1; leaves \
             the accumulator.",
    ),
];
