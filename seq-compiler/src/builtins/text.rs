//! The table's entries for Strings (indexes and lengths count characters), standard
//! output and input, program arguments and clocks.

use super::{b, Builtin, Emit, Input};
use proc_macro2::TokenStream;
use quote::quote;

/// `string.concat`: `a + &b`, except that a literal is not made a String only to be
/// copied. Two literals are joined at compile time; a literal last is appended as a
/// `&str`; a literal first goes in front of the other String, in that String's own
/// buffer when this is its last use (`String::from("line ") + &n` would allocate for the
/// literal, then grow it), else into one allocation of the joined length.
fn concat(inputs: &[Input]) -> TokenStream {
    let [a, b] = inputs else {
        unreachable!("the checker passes one input per declared input")
    };
    let (x, y) = (&a.expr, &b.expr);
    match (a.literal(), b.literal()) {
        (Some(a), Some(b)) => quote!(::std::string::String::from(::core::concat!(#a, #b))),
        (Some(a), None) if b.last_use => quote!(::seq::runtime::text::prepend(#a, #y)),
        (Some(a), None) => quote!(::seq::runtime::text::concat(#a, &#y)),
        (None, Some(b)) => quote!(#x + #b),
        (None, None) => quote!(#x + &#y),
    }
}

/// `string.equal?`: both sides as `&str`, so a literal is compared as it is.
fn equal(inputs: &[Input]) -> TokenStream {
    let [a, b] = inputs else {
        unreachable!("the checker passes one input per declared input")
    };
    let (a, b) = (a.as_str(), b.as_str());
    quote!(::seq::runtime::text::equal(#a, #b))
}

/// Strings, I/O, arguments and time.
pub static TEXT: &[Builtin] = &[
    // Strings (indexes and lengths count characters).
    b(
        "string.concat",
        "( String String -- String )",
        Emit::Inputs(concat),
    )
    .by_ref(&[1])
    .doc("The two Strings joined, the top one last."),
    b(
        "string.length",
        "( String -- Int )",
        code!(|a| #a.chars().count() as i64),
    )
    .by_ref(&[0])
    .doc("The number of characters."),
    b(
        "string.byte-length",
        "( String -- Int )",
        code!(|a| ::seq::runtime::bytes::byte_len(&#a)),
    )
    .by_ref(&[0])
    .doc("The number of bytes the String stands for (UTF-8)."),
    b(
        "string.empty?",
        "( String -- Bool )",
        code!(|a| #a.is_empty()),
    )
    .by_ref(&[0])
    .doc("Whether the String is \"\"."),
    b(
        "string.equal?",
        "( String String -- Bool )",
        Emit::Inputs(equal),
    )
    .by_ref(&[0, 1])
    .doc("Whether the two Strings are equal."),
    b(
        "string.char-at",
        "( String Int -- Int )",
        code!(|a, b| usize::try_from(#b)
        .ok()
        .and_then(|i| #a.chars().nth(i))
        .map_or(-1i64, ::seq::runtime::bytes::char_code)),
    )
    .by_ref(&[0])
    .doc("The code point of the character at the index; -1 when the index is out of range."),
    b(
        "string.substring",
        "( String Int Int -- String )",
        code!(|a, b, c| ::seq::runtime::text::substring(&#a, #b, #c)),
    )
    .by_ref(&[0])
    .doc(
        "`s start len`: len characters from character start; \"\" when start is outside, a \
             length past the end is clamped.",
    ),
    b(
        "string.find",
        "( String String -- Int )",
        code!(|a, b| ::seq::runtime::text::find(&#a, &#b)),
    )
    .by_ref(&[0, 1])
    .doc(
        "The character index of the first occurrence of the top String in the second; -1 if \
             none.",
    ),
    b(
        "string.contains",
        "( String String -- Bool )",
        code!(|a, b| #a.contains(#b.as_str())),
    )
    .by_ref(&[0, 1])
    .doc("Whether the top String occurs in the second."),
    b(
        "string.starts-with",
        "( String String -- Bool )",
        code!(|a, b| #a.starts_with(#b.as_str())),
    )
    .by_ref(&[0, 1])
    .doc("Whether the second String starts with the top one."),
    b(
        "string.trim",
        "( String -- String )",
        code!(|a| #a.trim().to_string()),
    )
    .by_ref(&[0])
    .doc("The String without leading and trailing whitespace."),
    b(
        "string.chomp",
        "( String -- String )",
        code!(|a| ::seq::runtime::text::chomp(#a)),
    )
    .doc("The String without one trailing `\\n` or `\\r\\n`."),
    b(
        "string.json-escape",
        "( String -- String )",
        code!(|a| ::seq::runtime::text::json_escape(&#a)),
    )
    .by_ref(&[0])
    .doc("The String escaped for a JSON string literal (quotes not added)."),
    b(
        "string.to-upper",
        "( String -- String )",
        code!(|a| #a.to_uppercase()),
    )
    .by_ref(&[0])
    .doc("Upper case (Unicode)."),
    b(
        "string.to-lower",
        "( String -- String )",
        code!(|a| #a.to_lowercase()),
    )
    .by_ref(&[0])
    .doc("Lower case (Unicode)."),
    // I/O and arguments.
    b(
        "io.write",
        "( String -- )",
        code!(|a| ::seq::runtime::io::write(&#a)),
    )
    .by_ref(&[0])
    .doc("Writes the String to standard output, without a newline."),
    b(
        "io.write-line",
        "( String -- )",
        code!(|a| ::seq::runtime::io::write_line(&#a)),
    )
    .by_ref(&[0])
    .doc("Writes the String and a newline to standard output."),
    b(
        "args.count",
        "( -- Int )",
        code!(|| ::seq::runtime::io::arg_count()),
    )
    .doc("The number of program arguments, the program name included."),
    b(
        "args.at",
        "( Int -- String )",
        code!(|a| ::seq::runtime::io::arg_at(#a)),
    )
    .doc("Argument n (0 is the program name); \"\" when out of range or not UTF-8."),
    b(
        "io.read-line",
        "( -- String Bool )",
        code!(|| ::seq::runtime::io::read_line()),
    )
    .doc(
        "The next line of standard input with its newline and true; \"\" and false at end of \
             input or on an error.",
    ),
    b(
        "time.nanos",
        "( -- Int )",
        code!(|| ::seq::runtime::io::nanos()),
    )
    .doc("Monotonic nanoseconds (only differences are meaningful)."),
    b(
        "time.now",
        "( -- Int )",
        code!(|| ::seq::runtime::io::now()),
    )
    .doc("Wall-clock microseconds since the Unix epoch."),
];
