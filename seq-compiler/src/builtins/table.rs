//! The table of builtin words: one entry per word, its effect in Seq syntax and its
//! emission. Verbose aliases and arithmetic sugar are in the parent module.

use super::{b, Builtin, Emit, Special};
use crate::check::ir::Loop;
use quote::quote;

const II_I: &str = "( Int Int -- Int )";
const II_IB: &str = "( Int Int -- Int Bool )";
const II_B: &str = "( Int Int -- Bool )";
const I_I: &str = "( Int -- Int )";
const FF_F: &str = "( Float Float -- Float )";
const FF_B: &str = "( Float Float -- Bool )";
const F_F: &str = "( Float -- Float )";
const BB_B: &str = "( Bool Bool -- Bool )";

/// Every builtin.
pub static BUILTINS: &[Builtin] = &[
    // Stack shuffles.
    b("dup", "( T -- T T )", Emit::Shuffle(&[0, 0])),
    b("drop", "( T -- )", Emit::Shuffle(&[])),
    b("swap", "( T U -- U T )", Emit::Shuffle(&[1, 0])),
    b("over", "( T U -- T U T )", Emit::Shuffle(&[0, 1, 0])),
    b("rot", "( T U V -- U V T )", Emit::Shuffle(&[1, 2, 0])),
    b("nip", "( T U -- U )", Emit::Shuffle(&[1])),
    b("tuck", "( T U -- U T U )", Emit::Shuffle(&[1, 0, 1])),
    b("2dup", "( T U -- T U T U )", Emit::Shuffle(&[0, 1, 0, 1])),
    b("3drop", "( T U V -- )", Emit::Shuffle(&[])),
    b("pick", "( ..x Int -- ..x T )", Emit::Special(Special::Pick)),
    b("roll", "( ..x Int -- ..x T )", Emit::Special(Special::Roll)),
    b(">aux", "( T -- )", Emit::Special(Special::ToAux)),
    b("aux>", "( -- T )", Emit::Special(Special::FromAux)),
    // Integer arithmetic: wrapping; division and remainder report success.
    b("i.+", II_I, code!(|a, b| #a.wrapping_add(#b))),
    b("i.-", II_I, code!(|a, b| #a.wrapping_sub(#b))),
    b("i.*", II_I, code!(|a, b| #a.wrapping_mul(#b))),
    // `checked_div` / `checked_rem` fail only for 0 (handled first) and MIN / -1, which
    // wraps (to MIN, remainder 0). Unlike `wrapping_*`, LLVM drops that second test where
    // it knows the dividend's range.
    b(
        "i./",
        II_IB,
        code!(|a, b| if #b == 0 { (0i64, false) } else { (#a.checked_div(#b).unwrap_or(#a), true) }),
    ),
    b(
        "i.%",
        II_IB,
        code!(|a, b| if #b == 0 { (0i64, false) } else { (#a.checked_rem(#b).unwrap_or(0), true) }),
    ),
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
    ),
    b("i.neg", I_I, code!(|a| #a.wrapping_neg())),
    // Integer comparison, terse and verbose.
    b("i.=", II_B, code!(|a, b| #a == #b)),
    b("i.<>", II_B, code!(|a, b| #a != #b)),
    b("i.<", II_B, code!(|a, b| #a < #b)),
    b("i.>", II_B, code!(|a, b| #a > #b)),
    b("i.<=", II_B, code!(|a, b| #a <= #b)),
    b("i.>=", II_B, code!(|a, b| #a >= #b)),
    // Boolean.
    b("and", BB_B, code!(|a, b| #a && #b)),
    b("or", BB_B, code!(|a, b| #a || #b)),
    b("not", "( Bool -- Bool )", code!(|a| !#a)),
    // Bitwise, on all 64 bits.
    b("band", II_I, code!(|a, b| #a & #b)),
    b("bor", II_I, code!(|a, b| #a | #b)),
    b("bxor", II_I, code!(|a, b| #a ^ #b)),
    b("bnot", I_I, code!(|a| !#a)),
    b(
        "shl",
        II_I,
        code!(|a, b| if (0..64).contains(&#b) { #a << #b } else { 0i64 }),
    ),
    b(
        "shr",
        II_I,
        code!(|a, b| if (0..64).contains(&#b) { ((#a as u64) >> #b) as i64 } else { 0i64 }),
    ),
    b("popcount", I_I, code!(|a| #a.count_ones() as i64)),
    b("clz", I_I, code!(|a| #a.leading_zeros() as i64)),
    b("ctz", I_I, code!(|a| #a.trailing_zeros() as i64)),
    b("int-bits", "( -- Int )", code!(|| 64i64)),
    // Float arithmetic and comparison (IEEE).
    b("f.+", FF_F, code!(|a, b| #a + #b)),
    b("f.-", FF_F, code!(|a, b| #a - #b)),
    b("f.*", FF_F, code!(|a, b| #a * #b)),
    b("f./", FF_F, code!(|a, b| #a / #b)),
    b("f.=", FF_B, code!(|a, b| #a == #b)),
    b("f.<>", FF_B, code!(|a, b| #a != #b)),
    b("f.<", FF_B, code!(|a, b| #a < #b)),
    b("f.>", FF_B, code!(|a, b| #a > #b)),
    b("f.<=", FF_B, code!(|a, b| #a <= #b)),
    b("f.>=", FF_B, code!(|a, b| #a >= #b)),
    // Float math.
    b("f.sqrt", F_F, code!(|a| #a.sqrt())),
    b("f.cbrt", F_F, code!(|a| #a.cbrt())),
    b("f.exp", F_F, code!(|a| #a.exp())),
    b("f.ln", F_F, code!(|a| #a.ln())),
    b("f.log10", F_F, code!(|a| #a.log10())),
    b("f.log2", F_F, code!(|a| #a.log2())),
    b("f.sin", F_F, code!(|a| #a.sin())),
    b("f.cos", F_F, code!(|a| #a.cos())),
    b("f.tan", F_F, code!(|a| #a.tan())),
    b("f.asin", F_F, code!(|a| #a.asin())),
    b("f.acos", F_F, code!(|a| #a.acos())),
    b("f.atan", F_F, code!(|a| #a.atan())),
    b("f.floor", F_F, code!(|a| #a.floor())),
    b("f.ceil", F_F, code!(|a| #a.ceil())),
    b("f.trunc", F_F, code!(|a| #a.trunc())),
    b("f.round", F_F, code!(|a| #a.round_ties_even())),
    // As upstream's std:fmath words: `0.0 - a`, and `a` unless it is below 0.0, so a zero
    // never comes out negative from `f.neg` and `-0.0 f.abs` stays -0.0.
    b("f.neg", F_F, code!(|a| 0.0f64 - #a)),
    b(
        "f.abs",
        F_F,
        code!(|a| if #a < 0.0f64 { 0.0f64 - #a } else { #a }),
    ),
    b("f.pow", FF_F, code!(|a, b| #a.powf(#b))),
    b("f.atan2", FF_F, code!(|a, b| #a.atan2(#b))),
    b("f.pi", "( -- Float )", code!(|| ::core::f64::consts::PI)),
    b("f.e", "( -- Float )", code!(|| ::core::f64::consts::E)),
    b("f.tau", "( -- Float )", code!(|| ::core::f64::consts::TAU)),
    // Conversions.
    b("int->float", "( Int -- Float )", code!(|a| #a as f64)),
    b("float->int", "( Float -- Int )", code!(|a| #a as i64)),
    b(
        "int->string",
        "( Int -- String )",
        code!(|a| #a.to_string()),
    ),
    b(
        "float->string",
        "( Float -- String )",
        // Rust's `Display`, as upstream: `3`, `0.1`, `-0`, `NaN`, `inf`, never an exponent.
        code!(|a| #a.to_string()),
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
    .by_ref(&[0]),
    b(
        "string->float",
        "( String -- Float Bool )",
        code!(|a| match #a.parse::<f64>() {
            Ok(x) => (x, true),
            Err(_) => (0.0f64, false),
        }),
    )
    .by_ref(&[0]),
    b(
        "char->string",
        "( Int -- String )",
        code!(|a| u32::try_from(#a)
        .ok()
        .and_then(::core::char::from_u32)
        .map(::std::string::String::from)
        .unwrap_or_default()),
    ),
    // Byte strings for binary encoders: one character per byte (see `seq::runtime::bytes`).
    b(
        "int.to-bytes-i32-be",
        "( Int -- String )",
        code!(|a| ::seq::runtime::bytes::i32_be(#a)),
    ),
    b(
        "float.to-bytes-f32-be",
        "( Float -- String )",
        code!(|a| ::seq::runtime::bytes::f32_be(#a)),
    ),
    // Strings (indexes and lengths count characters).
    b(
        "string.concat",
        "( String String -- String )",
        code!(|a, b| #a + &#b),
    )
    .by_ref(&[1]),
    b(
        "string.length",
        "( String -- Int )",
        code!(|a| #a.chars().count() as i64),
    )
    .by_ref(&[0]),
    b(
        "string.byte-length",
        "( String -- Int )",
        code!(|a| ::seq::runtime::bytes::byte_len(&#a)),
    )
    .by_ref(&[0]),
    b(
        "string.empty?",
        "( String -- Bool )",
        code!(|a| #a.is_empty()),
    )
    .by_ref(&[0]),
    b(
        "string.equal?",
        "( String String -- Bool )",
        code!(|a, b| #a == #b),
    )
    .by_ref(&[0, 1]),
    b(
        "string.char-at",
        "( String Int -- Int )",
        code!(|a, b| usize::try_from(#b)
        .ok()
        .and_then(|i| #a.chars().nth(i))
        .map_or(-1i64, ::seq::runtime::bytes::char_code)),
    )
    .by_ref(&[0]),
    b(
        "string.substring",
        "( String Int Int -- String )",
        code!(|a, b, c| ::seq::runtime::text::substring(&#a, #b, #c)),
    )
    .by_ref(&[0]),
    b(
        "string.find",
        "( String String -- Int )",
        code!(|a, b| ::seq::runtime::text::find(&#a, &#b)),
    )
    .by_ref(&[0, 1]),
    b(
        "string.contains",
        "( String String -- Bool )",
        code!(|a, b| #a.contains(#b.as_str())),
    )
    .by_ref(&[0, 1]),
    b(
        "string.starts-with",
        "( String String -- Bool )",
        code!(|a, b| #a.starts_with(#b.as_str())),
    )
    .by_ref(&[0, 1]),
    b(
        "string.trim",
        "( String -- String )",
        code!(|a| #a.trim().to_string()),
    )
    .by_ref(&[0]),
    b(
        "string.chomp",
        "( String -- String )",
        code!(|a| ::seq::runtime::text::chomp(#a)),
    ),
    b(
        "string.json-escape",
        "( String -- String )",
        code!(|a| ::seq::runtime::text::json_escape(&#a)),
    )
    .by_ref(&[0]),
    b(
        "string.to-upper",
        "( String -- String )",
        code!(|a| #a.to_uppercase()),
    )
    .by_ref(&[0]),
    b(
        "string.to-lower",
        "( String -- String )",
        code!(|a| #a.to_lowercase()),
    )
    .by_ref(&[0]),
    // I/O and arguments.
    b(
        "io.write",
        "( String -- )",
        code!(|a| ::seq::runtime::io::write(&#a)),
    )
    .by_ref(&[0]),
    b(
        "io.write-line",
        "( String -- )",
        code!(|a| ::seq::runtime::io::write_line(&#a)),
    )
    .by_ref(&[0]),
    b(
        "args.count",
        "( -- Int )",
        code!(|| ::seq::runtime::io::arg_count()),
    ),
    b(
        "args.at",
        "( Int -- String )",
        code!(|a| ::seq::runtime::io::arg_at(#a)),
    ),
    b(
        "io.read-line",
        "( -- String Bool )",
        code!(|| ::seq::runtime::io::read_line()),
    ),
    b(
        "time.nanos",
        "( -- Int )",
        code!(|| ::seq::runtime::io::nanos()),
    ),
    b(
        "time.now",
        "( -- Int )",
        code!(|| ::seq::runtime::io::now()),
    ),
    // Lists (immutable values; see `seq::runtime::List`).
    b(
        "list.make",
        "( -- List<T> )",
        code!(|| ::seq::runtime::List::new()),
    ),
    b(
        "list.push",
        "( List<T> T -- List<T> )",
        code!(|a, b| #a.push(#b)),
    ),
    b(
        "list.get",
        "( List<T> Int -- T Bool )",
        with_fallback!(|a, b; d| #a.get_or(#b, || #d)),
    )
    .by_ref(&[0]),
    b(
        "list.set",
        "( List<T> Int T -- List<T> Bool )",
        code!(|a, b, c| #a.set(#b, #c)),
    ),
    b("list.length", "( List<T> -- Int )", code!(|a| #a.len())).by_ref(&[0]),
    b(
        "list.empty?",
        "( List<T> -- Bool )",
        code!(|a| #a.is_empty()),
    )
    .by_ref(&[0]),
    b(
        "list.reverse",
        "( List<T> -- List<T> )",
        code!(|a| #a.reverse()),
    ),
    b(
        "list.first",
        "( List<T> -- T Bool )",
        with_fallback!(|a; d| #a.first_or(|| #d)),
    )
    .by_ref(&[0]),
    b(
        "list.last",
        "( List<T> -- T Bool )",
        with_fallback!(|a; d| #a.last_or(|| #d)),
    )
    .by_ref(&[0]),
    b(
        "list.each",
        "( ..a List<T> [ ..a T -- ..a ] -- ..a )",
        Emit::Special(Special::Loop(Loop::ListEach)),
    ),
    b(
        "list.map",
        "( ..a List<T> [ ..a T -- ..a U ] -- ..a List<U> )",
        Emit::Special(Special::Loop(Loop::ListMap)),
    ),
    b(
        "list.filter",
        "( ..a List<T> [ ..a T -- ..a Bool ] -- ..a List<T> )",
        Emit::Special(Special::Loop(Loop::ListFilter)),
    ),
    b(
        "list.fold",
        "( ..a List<T> U [ ..a U T -- ..a U ] -- ..a U )",
        Emit::Special(Special::Loop(Loop::ListFold)),
    ),
    b(
        "string.split",
        "( String String -- List<String> )",
        code!(|a, b| ::seq::runtime::text::split(&#a, &#b)),
    )
    .by_ref(&[0, 1]),
    b(
        "string.join",
        "( List<T> String -- String )",
        code!(|a, b| #a.join(&#b)),
    )
    .by_ref(&[0, 1]),
    // Maps (immutable values, keys in order; see `seq::runtime::Map`).
    b(
        "map.make",
        "( -- Map<K,V> )",
        code!(|| ::seq::runtime::Map::new()),
    ),
    b(
        "map.set",
        "( Map<K,V> K V -- Map<K,V> )",
        code!(|a, b, c| #a.set(#b, #c)),
    ),
    b(
        "map.get",
        "( Map<K,V> K -- V Bool )",
        with_fallback!(|a, b; d| #a.get_or(&#b, || #d)),
    )
    .by_ref(&[0, 1]),
    b(
        "map.has?",
        "( Map<K,V> K -- Bool )",
        code!(|a, b| #a.has(&#b)),
    )
    .by_ref(&[0, 1]),
    b(
        "map.remove",
        "( Map<K,V> K -- Map<K,V> )",
        code!(|a, b| #a.remove(&#b)),
    )
    .by_ref(&[1]),
    b("map.keys", "( Map<K,V> -- List<K> )", code!(|a| #a.keys())).by_ref(&[0]),
    b(
        "map.values",
        "( Map<K,V> -- List<V> )",
        code!(|a| #a.values()),
    )
    .by_ref(&[0]),
    b("map.size", "( Map<K,V> -- Int )", code!(|a| #a.size())).by_ref(&[0]),
    b(
        "map.empty?",
        "( Map<K,V> -- Bool )",
        code!(|a| #a.is_empty()),
    )
    .by_ref(&[0]),
    b(
        "map.each",
        "( ..a Map<K,V> [ ..a K V -- ..a ] -- ..a )",
        Emit::Special(Special::Loop(Loop::MapEach)),
    ),
    b(
        "map.fold",
        "( ..a Map<K,V> U [ ..a U K V -- ..a U ] -- ..a U )",
        Emit::Special(Special::Loop(Loop::MapFold)),
    ),
    // Combinators.
    b(
        "call",
        "( ..a [ ..a -- ..b ] -- ..b )",
        Emit::Special(Special::Call),
    ),
    b(
        "dip",
        "( ..a T [ ..a -- ..b ] -- ..b T )",
        Emit::Special(Special::Dip),
    ),
    b(
        "keep",
        "( ..a T [ ..a T -- ..b ] -- ..b T )",
        Emit::Special(Special::Keep),
    ),
    b(
        "bi",
        "( ..a T [ ..a T -- ..b ] [ ..b T -- ..c ] -- ..c )",
        Emit::Special(Special::Bi),
    ),
    b(
        "if",
        "( ..a Bool [ ..a -- ..b ] [ ..a -- ..b ] -- ..b )",
        Emit::Special(Special::If),
    ),
    b(
        "when",
        "( ..a Bool [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::When),
    ),
    b(
        "unless",
        "( ..a Bool [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::Unless),
    ),
    b(
        "while",
        "( ..a [ ..a -- ..a Bool ] [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::While),
    ),
    b(
        "until",
        "( ..a [ ..a -- ..a Bool ] [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::Until),
    ),
    b(
        "cond",
        "( ..a V [ V -- V Bool ] [ V -- R ] Int -- ..a R )",
        Emit::Special(Special::Cond),
    ),
    b(
        "times",
        "( ..a Int [ ..a -- ..a ] -- ..a )",
        Emit::Special(Special::Loop(Loop::Times)),
    ),
    b(
        "each-integer",
        "( ..a Int [ ..a Int -- ..a ] -- ..a )",
        Emit::Special(Special::Loop(Loop::EachInteger)),
    ),
    b(
        "integer-fold",
        "( Int T [ T Int -- T ] -- T )",
        Emit::Special(Special::Loop(Loop::Fold)),
    ),
];
