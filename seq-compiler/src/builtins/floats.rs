//! The table's entries for Float arithmetic, comparison and math (IEEE `f64`), the
//! conversions between numbers and text, and the byte-string encoders of numbers.

use super::{b, Builtin, Emit};
use quote::quote;

const FF_F: &str = "( Float Float -- Float )";
const FF_B: &str = "( Float Float -- Bool )";
const F_F: &str = "( Float -- Float )";

/// Floats and conversions.
pub static FLOATS: &[Builtin] = &[
    // Float arithmetic and comparison (IEEE).
    b("f.+", FF_F, code!(|a, b| #a + #b)).doc("a + b."),
    b("f.-", FF_F, code!(|a, b| #a - #b)).doc("a - b."),
    b("f.*", FF_F, code!(|a, b| #a * #b)).doc("a * b."),
    b("f./", FF_F, code!(|a, b| #a / #b)).doc("a / b (an infinity or NaN for a zero divisor)."),
    b("f.=", FF_B, code!(|a, b| #a == #b)).doc("Whether a = b (false when either is NaN)."),
    b("f.<>", FF_B, code!(|a, b| #a != #b))
        .doc("Whether a differs from b (true when either is NaN)."),
    b("f.<", FF_B, code!(|a, b| #a < #b)).doc("Whether a < b."),
    b("f.>", FF_B, code!(|a, b| #a > #b)).doc("Whether a > b."),
    b("f.<=", FF_B, code!(|a, b| #a <= #b)).doc("Whether a <= b."),
    b("f.>=", FF_B, code!(|a, b| #a >= #b)).doc("Whether a >= b."),
    // Float math.
    b("f.sqrt", F_F, code!(|a| #a.sqrt())).doc("Square root (NaN below zero)."),
    b("f.cbrt", F_F, code!(|a| #a.cbrt())).doc("Cube root."),
    b("f.exp", F_F, code!(|a| #a.exp())).doc("e to the power x."),
    b("f.ln", F_F, code!(|a| #a.ln())).doc("Natural logarithm (NaN below zero, -inf at zero)."),
    b("f.log10", F_F, code!(|a| #a.log10())).doc("Base-10 logarithm."),
    b("f.log2", F_F, code!(|a| #a.log2())).doc("Base-2 logarithm."),
    b("f.sin", F_F, code!(|a| #a.sin())).doc("Sine, in radians."),
    b("f.cos", F_F, code!(|a| #a.cos())).doc("Cosine, in radians."),
    b("f.tan", F_F, code!(|a| #a.tan())).doc("Tangent, in radians."),
    b("f.asin", F_F, code!(|a| #a.asin())).doc("Arcsine, in radians (NaN outside -1..1)."),
    b("f.acos", F_F, code!(|a| #a.acos())).doc("Arccosine, in radians (NaN outside -1..1)."),
    b("f.atan", F_F, code!(|a| #a.atan())).doc("Arctangent, in radians."),
    b("f.floor", F_F, code!(|a| #a.floor())).doc("The largest integer value not above x."),
    b("f.ceil", F_F, code!(|a| #a.ceil())).doc("The smallest integer value not below x."),
    b("f.trunc", F_F, code!(|a| #a.trunc())).doc("x with its fraction dropped (toward zero)."),
    b("f.round", F_F, code!(|a| #a.round_ties_even()))
        .doc("x rounded to the nearest integer value, ties to even (`2.5` gives 2)."),
    // As upstream's std:fmath words: `0.0 - a`, and `a` unless it is below 0.0, so a zero
    // never comes out negative from `f.neg` and `-0.0 f.abs` stays -0.0.
    b("f.neg", F_F, code!(|a| 0.0f64 - #a)).doc("0.0 - x (so `0.0 f.neg` is 0, not -0)."),
    b(
        "f.abs",
        F_F,
        code!(|a| if #a < 0.0f64 { 0.0f64 - #a } else { #a }),
    )
    .doc("x without its sign when below zero (`-0.0 f.abs` stays -0)."),
    b("f.pow", FF_F, code!(|a, b| #a.powf(#b))).doc("a to the power b."),
    b("f.atan2", FF_F, code!(|a, b| #a.atan2(#b)))
        .doc("The angle of the point (b, a): `y x f.atan2`, in radians."),
    b("f.pi", "( -- Float )", code!(|| ::core::f64::consts::PI)).doc("π."),
    b("f.e", "( -- Float )", code!(|| ::core::f64::consts::E)).doc("Euler's number e."),
    b("f.tau", "( -- Float )", code!(|| ::core::f64::consts::TAU)).doc("τ = 2π."),
    // Conversions.
    b("int->float", "( Int -- Float )", code!(|a| #a as f64)).doc("The nearest Float."),
    b("float->int", "( Float -- Int )", code!(|a| #a as i64))
        .doc("The Float truncated toward zero, saturating at the Int range; NaN gives 0."),
    b(
        "int->string",
        "( Int -- String )",
        code!(|a| ::seq::runtime::text::int_to_string(#a)),
    )
    .doc("Decimal text (`-42`)."),
    b(
        "float->string",
        "( Float -- String )",
        // Rust's `Display`, as upstream: `3`, `0.1`, `-0`, `NaN`, `inf`, never an exponent.
        code!(|a| #a.to_string()),
    )
    .doc(
        "Shortest text that reads back the same, never with an exponent (`3`, `0.1`, `-0`, \
             `NaN`, `inf`).",
    ),
    b(
        "string->int",
        "( String -- Int Bool )",
        // Surrounding whitespace is ignored, as upstream ignores it (`string->float` keeps it).
        code!(|a| match #a.trim().parse::<i64>() {
            Ok(n) => (n, true),
            Err(_) => (0i64, false),
        }),
    )
    .by_ref(&[0])
    .doc(
        "The decimal Int the text holds (surrounding whitespace ignored) and true; 0 and \
             false otherwise.",
    ),
    b(
        "string->float",
        "( String -- Float Bool )",
        code!(|a| match #a.parse::<f64>() {
            Ok(x) => (x, true),
            Err(_) => (0.0f64, false),
        }),
    )
    .by_ref(&[0])
    .doc(
        "The Float the text holds and true; 0.0 and false otherwise (whitespace is not \
             ignored).",
    ),
    b(
        "char->string",
        "( Int -- String )",
        code!(|a| u32::try_from(#a)
        .ok()
        .and_then(::core::char::from_u32)
        .map(::std::string::String::from)
        .unwrap_or_default()),
    )
    .doc("The one-character String of a Unicode code point; \"\" for a number that is not one."),
    // Byte strings for binary encoders: one character per byte (see `seq::runtime::bytes`).
    b(
        "int.to-bytes-i32-be",
        "( Int -- String )",
        code!(|a| ::seq::runtime::bytes::i32_be(#a)),
    )
    .doc("The low 32 bits as four big-endian bytes (a byte string)."),
    b(
        "float.to-bytes-f32-be",
        "( Float -- String )",
        code!(|a| ::seq::runtime::bytes::f32_be(#a)),
    )
    .doc("The Float rounded to f32, as the four big-endian bytes of its IEEE encoding."),
];
