//! The table's entries for the stack (shuffles, `pick`/`roll`, the aux stack), Int
//! arithmetic and comparison, Booleans and bit operations. Int is `i64` with wrapping
//! arithmetic; division, remainder and power report success with a flag.

use super::{b, Builtin, Emit, Special};
use quote::quote;

const II_I: &str = "( Int Int -- Int )";
const II_IB: &str = "( Int Int -- Int Bool )";
const II_B: &str = "( Int Int -- Bool )";
const I_I: &str = "( Int -- Int )";
const BB_B: &str = "( Bool Bool -- Bool )";

/// Stack shuffles, integers, Booleans and bits.
pub static BUILTINS: &[Builtin] = &[
    // Stack shuffles.
    b("dup", "( T -- T T )", Emit::Shuffle(&[0, 0]))
        .doc("Copies the top value."),
    b("drop", "( T -- )", Emit::Shuffle(&[]))
        .doc("Discards the top value."),
    b("swap", "( T U -- U T )", Emit::Shuffle(&[1, 0]))
        .doc("Exchanges the top two values."),
    b("over", "( T U -- T U T )", Emit::Shuffle(&[0, 1, 0]))
        .doc("Copies the second value onto the top."),
    b("rot", "( T U V -- U V T )", Emit::Shuffle(&[1, 2, 0]))
        .doc("Moves the third value to the top."),
    b("nip", "( T U -- U )", Emit::Shuffle(&[1]))
        .doc("Discards the second value."),
    b("tuck", "( T U -- U T U )", Emit::Shuffle(&[1, 0, 1]))
        .doc("Copies the top value below the second."),
    b("2dup", "( T U -- T U T U )", Emit::Shuffle(&[0, 1, 0, 1]))
        .doc("Copies the top two values, in order."),
    b("3drop", "( T U V -- )", Emit::Shuffle(&[]))
        .doc("Discards the top three values."),
    b("pick", "( ..x Int -- ..x T )", Emit::Special(Special::Pick))
        .doc(
            "`n pick` copies the value n below the top onto the top (`0 pick` is `dup`); n is an \
             Int literal, at most 64.",
        ),
    b("roll", "( ..x Int -- ..x T )", Emit::Special(Special::Roll))
        .doc(
            "`n roll` moves the value n below the top to the top (`1 roll` is `swap`, `2 roll` is \
             `rot`); n is an Int literal, at most 64.",
        ),
    b(">aux", "( T -- )", Emit::Special(Special::ToAux))
        .doc(
            "Moves the top value onto the word's aux stack (balanced by `aux>` in the same body).",
        ),
    b("aux>", "( -- T )", Emit::Special(Special::FromAux))
        .doc(
            "Moves the top of the aux stack back onto the stack; an empty aux stack is a compile \
             error.",
        ),
    // Integer arithmetic: wrapping; division and remainder report success.
    b("i.+", II_I, code!(|a, b| #a.wrapping_add(#b)))
        .doc("a + b, wrapping on overflow."),
    b("i.-", II_I, code!(|a, b| #a.wrapping_sub(#b)))
        .doc("a - b, wrapping on overflow."),
    b("i.*", II_I, code!(|a, b| #a.wrapping_mul(#b)))
        .doc("a * b, wrapping on overflow."),
    // `checked_div` / `checked_rem` fail only for 0 (handled first) and MIN / -1, which
    // wraps (to MIN, remainder 0). Unlike `wrapping_*`, LLVM drops that second test where
    // it knows the dividend's range.
    b(
        "i./",
        II_IB,
        code!(|a, b| if #b == 0 { (0i64, false) } else { (#a.checked_div(#b).unwrap_or(#a), true) }),
    )
        .doc(
            "a / b truncated toward zero and true; 0 and false when b is 0 (MIN / -1 wraps to \
             MIN).",
        ),
    b(
        "i.%",
        II_IB,
        code!(|a, b| if #b == 0 { (0i64, false) } else { (#a.checked_rem(#b).unwrap_or(0), true) }),
    )
        .doc("The remainder of a / b (sign of a) and true; 0 and false when b is 0."),
    b(
        "i.pow",
        II_IB,
        // An exponent past u32 overflows unless the base is 0, 1 or -1.
        code!(|a, b| match u32::try_from(#b) {
            Ok(e) => match #a.checked_pow(e) {
                Some(power) => (power, true),
                None => (0i64, false),
            },
            Err(_) if #b > 0 && (#a == 0 || #a == 1) => (#a, true),
            Err(_) if #b > 0 && #a == -1 => (if #b % 2 == 0 { 1i64 } else { -1i64 }, true),
            Err(_) => (0i64, false),
        }),
    )
        .doc("a to the power b and true; 0 and false on overflow or for a negative exponent."),
    b("i.neg", I_I, code!(|a| #a.wrapping_neg()))
        .doc("-a, wrapping (the negation of MIN is MIN)."),
    // Integer comparison, terse and verbose.
    b("i.=", II_B, code!(|a, b| #a == #b))
        .doc("Whether a = b."),
    b("i.<>", II_B, code!(|a, b| #a != #b))
        .doc("Whether a differs from b."),
    b("i.<", II_B, code!(|a, b| #a < #b))
        .doc("Whether a < b."),
    b("i.>", II_B, code!(|a, b| #a > #b))
        .doc("Whether a > b."),
    b("i.<=", II_B, code!(|a, b| #a <= #b))
        .doc("Whether a <= b."),
    b("i.>=", II_B, code!(|a, b| #a >= #b))
        .doc("Whether a >= b."),
    // Boolean.
    b("and", BB_B, code!(|a, b| #a && #b))
        .doc("Logical and."),
    b("or", BB_B, code!(|a, b| #a || #b))
        .doc("Logical or."),
    b("not", "( Bool -- Bool )", code!(|a| !#a))
        .doc("Logical negation."),
    // Bitwise, on all 64 bits.
    b("band", II_I, code!(|a, b| #a & #b))
        .doc("Bitwise and."),
    b("bor", II_I, code!(|a, b| #a | #b))
        .doc("Bitwise or."),
    b("bxor", II_I, code!(|a, b| #a ^ #b))
        .doc("Bitwise exclusive or."),
    b("bnot", I_I, code!(|a| !#a))
        .doc("Bitwise complement of all 64 bits."),
    b(
        "shl",
        II_I,
        code!(|a, b| if (0..64).contains(&#b) { #a << #b } else { 0i64 }),
    )
        .doc("a shifted left by b bits; 0 when b is outside 0..63."),
    b(
        "shr",
        II_I,
        code!(|a, b| if (0..64).contains(&#b) { ((#a as u64) >> #b) as i64 } else { 0i64 }),
    )
        .doc("a shifted right by b bits, filling with zeros (logical); 0 when b is outside 0..63."),
    b("popcount", I_I, code!(|a| #a.count_ones() as i64))
        .doc("The number of one bits."),
    b("clz", I_I, code!(|a| #a.leading_zeros() as i64))
        .doc("The number of leading zero bits (64 for 0)."),
    b("ctz", I_I, code!(|a| #a.trailing_zeros() as i64))
        .doc("The number of trailing zero bits (64 for 0)."),
    b("int-bits", "( -- Int )", code!(|| 64i64))
        .doc("The width of Int in bits: 64."),
];
