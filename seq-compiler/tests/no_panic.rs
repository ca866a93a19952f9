//! The compiler never panics: random token soups and random well-formed-looking programs
//! either compile to Rust that parses, or give diagnostics. Both front-ends are driven.

use proptest::prelude::*;

const VOCABULARY: &[&str] = &[
    ":",
    ";",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "--",
    "..a",
    "..b",
    "Int",
    "Float",
    "Bool",
    "String",
    "T",
    "U",
    "Channel",
    "Intt",
    "dup",
    "drop",
    "swap",
    "over",
    "rot",
    "nip",
    "tuck",
    "2dup",
    "3drop",
    "i.+",
    "i./",
    "i.<",
    "f.+",
    "f.sqrt",
    "call",
    "dip",
    "keep",
    "bi",
    "if",
    "else",
    "then",
    "when",
    "unless",
    "times",
    "pick",
    "roll",
    ">aux",
    "aux>",
    "0",
    "1",
    "2",
    "-2",
    "2.5",
    "\"s\"",
    "true",
    "false",
    "f",
    "g",
    "extern",
    "x::y",
    "+",
    "<",
    "string.concat",
    "io.write-line",
    "int->string",
    "negate",
    "not",
];

const BODY_WORDS: &[&str] = &[
    "dup",
    "drop",
    "swap",
    "over",
    "rot",
    "nip",
    "tuck",
    "2dup",
    "i.+",
    "i.-",
    "i./",
    "i.<",
    "not",
    "and",
    "call",
    "dip",
    "keep",
    "times",
    "when",
    "unless",
    "if",
    "else",
    "then",
    "1",
    "0",
    "true",
    "[",
    "]",
    "1 pick",
    "2 roll",
    ">aux",
    "aux>",
    "f",
    "g",
    "int->string",
    "string.length",
    "string.concat",
    "\"x\"",
    "bi",
    "[ dup ]",
    "[ drop ]",
    "[ i.+ ]",
    "[ swap ]",
    "[ 1 i.+ ]",
    "strand.spawn",
    "chan.make",
    "chan.send",
    "chan.receive",
    "chan.close",
    "3 pick",
    "3 roll",
    "rot",
    "tuck",
    "2dup",
    "nip",
    "+",
    "<",
];

const TYPES: &[&str] = &[
    "Int",
    "Bool",
    "String",
    "T",
    "[ Int -- Int ]",
    "Float",
    "Channel",
    "Channel<Int>",
    "[ -- ]",
];

fn check(source: &str) {
    match seq_compiler::compile_str(source) {
        Ok(tokens) => {
            syn::parse2::<syn::File>(tokens.clone())
                .unwrap_or_else(|e| panic!("generated Rust does not parse: {e}\n{tokens}"));
        }
        Err(diagnostics) => assert!(!diagnostics.is_empty()),
    }
    if let Ok(tokens) = source.parse::<proc_macro2::TokenStream>() {
        let _ = seq_compiler::compile(tokens);
    }
}

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCABULARY), 0..60).prop_map(|words| words.join(" "))
}

fn word(name: &'static str) -> impl Strategy<Value = String> {
    let types =
        || prop::collection::vec(prop::sample::select(TYPES), 0..4).prop_map(|t| t.join(" "));
    let body =
        prop::collection::vec(prop::sample::select(BODY_WORDS), 0..25).prop_map(|w| w.join(" "));
    (types(), types(), body).prop_map(move |(i, o, b)| format!(": {name} ( {i} -- {o} ) {b} ;"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("SEQ_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(2000)
    ))]

    #[test]
    fn token_soup(source in soup()) {
        check(&source);
    }

    #[test]
    fn definitions(f in word("f"), g in word("g")) {
        check(&format!("{f}\n{g}"));
    }
}

#[test]
fn some_generated_programs_compile() {
    // The generator is not vacuous: these shapes are in its space and compile.
    for source in [
        ": f ( Int -- Int ) dup i.+ ; : g ( -- ) ;",
        ": f ( Int Int -- Int ) [ i.+ ] call ; : g ( Bool -- Bool ) not ;",
        ": f ( T -- T T ) dup ; : g ( Int -- Int ) 0 pick i.+ ;",
    ] {
        assert!(seq_compiler::compile_str(source).is_ok(), "{source}");
    }
}
