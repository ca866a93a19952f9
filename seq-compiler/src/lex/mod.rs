//! Lexing: source → Seq tokens.
//!
//! Two front-ends produce the same [`Token`]s: [`tokens::lex`] rebuilds Seq words from the
//! Rust tokens a proc macro receives (Rust splits `i.+` into three tokens; adjacency in the
//! source joins them again), and [`text::lex`] reads `.seq` source text. Both classify
//! each run of characters with [`classify`], so a word means the same in either.
//!
//! Invariant: delimiters `( ) [ ] { }` are always tokens of their own; every other token is
//! a maximal run of non-whitespace characters, except doc comments ([`Kind::Doc`]): one
//! token per line, which the parser attaches to the item that follows.

pub mod text;
pub mod tokens;

use crate::diag::Span;
use proc_macro2::TokenStream;

/// Which bracket a delimiter token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delim {
    /// `( )`: stack effects.
    Paren,
    /// `[ ]`: quotations and quotation types.
    Bracket,
    /// `{ }`: union and match syntax.
    Brace,
}

impl Delim {
    /// The opening character.
    pub fn open(self) -> char {
        match self {
            Delim::Paren => '(',
            Delim::Bracket => '[',
            Delim::Brace => '{',
        }
    }

    /// The closing character.
    pub fn close(self) -> char {
        match self {
            Delim::Paren => ')',
            Delim::Bracket => ']',
            Delim::Brace => '}',
        }
    }
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Any word: builtins, user words, and syntax such as `:`, `;`, `--`, `if`.
    Word(String),
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal, escapes already decoded.
    Str(String),
    /// A symbol literal `:name` (the name without the colon).
    Symbol(String),
    /// An opening delimiter.
    Open(Delim),
    /// A closing delimiter.
    Close(Delim),
    /// One line of a doc comment: `/// text` in Rust tokens (which arrives as
    /// `#[doc = " text"]`), `## text` in `.seq` text. `text` is what follows the marker,
    /// leading space included, as rustdoc expects it. `inner` is Rust's `//!` (or
    /// `#![doc = ..]`), which documents an enclosing module and is never accepted.
    Doc {
        /// The line.
        text: String,
        /// Whether it is an inner doc comment (`//!`).
        inner: bool,
    },
}

/// One Seq token.
#[derive(Clone, Debug)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// Its source text, as written.
    pub text: String,
    /// Where it is.
    pub span: Span,
    /// The Rust tokens it was made of (token front-end only); used where Seq embeds Rust,
    /// such as the path after `extern`.
    pub rust: Option<TokenStream>,
}

impl Token {
    /// The word, if this token is one.
    pub fn word(&self) -> Option<&str> {
        match &self.kind {
            Kind::Word(w) => Some(w),
            _ => None,
        }
    }

    /// Whether this token is exactly the word `w`.
    pub fn is(&self, w: &str) -> bool {
        self.word() == Some(w)
    }
}

/// Classifies a run of non-whitespace, non-delimiter characters that is not a string
/// literal: an Int or Float literal, a symbol, or a word. Fails only for an integer literal
/// that does not fit in 64 bits.
pub fn classify(text: &str) -> Result<Kind, String> {
    if let Some(int) = parse_int(text)? {
        return Ok(Kind::Int(int));
    }
    if let Some(float) = parse_float(text) {
        return Ok(Kind::Float(float));
    }
    if let Some(name) = text.strip_prefix(':') {
        if name.starts_with(|c: char| c.is_alphabetic()) {
            return Ok(Kind::Symbol(name.to_string()));
        }
    }
    Ok(Kind::Word(text.to_string()))
}

/// Decimal (`42`, `-7`), hex (`0xFF`) and binary (`0b1010`) integers, with an optional
/// leading `-`. Hex and binary literals may use all 64 bits (`0xFFFFFFFFFFFFFFFF` is -1).
fn parse_int(text: &str) -> Result<Option<i64>, String> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (radix, body) = if let Some(hex) = strip_prefix_ci(digits, "0x") {
        (16, hex)
    } else if let Some(bin) = strip_prefix_ci(digits, "0b") {
        (2, bin)
    } else {
        (10, digits)
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return Ok(None);
    }
    let too_big = || format!("the integer literal `{text}` does not fit in a 64-bit Int");
    let magnitude = u64::from_str_radix(body, radix).map_err(|_| too_big())?;
    let value = if radix == 10 {
        let signed = if negative {
            -(magnitude as i128)
        } else {
            magnitude as i128
        };
        i64::try_from(signed).map_err(|_| too_big())?
    } else if negative {
        (magnitude as i64).wrapping_neg()
    } else {
        magnitude as i64
    };
    Ok(Some(value))
}

fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// `3.14`, `-0.5`, `1e9`, `2.5e-3`: digits, then a fraction or an exponent or both.
fn parse_float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let digits = |s: &str| -> usize { s.chars().take_while(|c| c.is_ascii_digit()).count() };
    let int_len = digits(unsigned);
    if int_len == 0 {
        return None;
    }
    let mut rest = &unsigned[int_len..];
    let mut has_fraction = false;
    if let Some(frac) = rest.strip_prefix('.') {
        let n = digits(frac);
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
        has_fraction = true;
    }
    let mut has_exponent = false;
    if let Some(exp) = rest.strip_prefix(['e', 'E']) {
        let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        let n = digits(exp);
        if n == 0 {
            return None;
        }
        rest = &exp[n..];
        has_exponent = true;
    }
    if !rest.is_empty() || !(has_fraction || has_exponent) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_in_every_base() {
        assert_eq!(classify("42"), Ok(Kind::Int(42)));
        assert_eq!(classify("-7"), Ok(Kind::Int(-7)));
        assert_eq!(classify("0xFF"), Ok(Kind::Int(255)));
        assert_eq!(classify("0Xff"), Ok(Kind::Int(255)));
        assert_eq!(classify("0b1010"), Ok(Kind::Int(10)));
        assert_eq!(classify("-0x10"), Ok(Kind::Int(-16)));
        assert_eq!(classify("0xFFFFFFFFFFFFFFFF"), Ok(Kind::Int(-1)));
        assert_eq!(classify("-9223372036854775808"), Ok(Kind::Int(i64::MIN)));
        assert!(classify("9223372036854775808").is_err());
        assert!(classify("0x1FFFFFFFFFFFFFFFF").is_err());
    }

    #[test]
    fn floats_need_a_fraction_or_exponent() {
        assert_eq!(classify("2.75"), Ok(Kind::Float(2.75)));
        assert_eq!(classify("-0.5"), Ok(Kind::Float(-0.5)));
        assert_eq!(classify("1e9"), Ok(Kind::Float(1e9)));
        assert_eq!(classify("2.5e-3"), Ok(Kind::Float(2.5e-3)));
        assert_eq!(classify("1."), Ok(Kind::Word("1.".into())));
        assert_eq!(classify(".5"), Ok(Kind::Word(".5".into())));
    }

    #[test]
    fn words_that_look_numeric() {
        for w in [
            "2dup", "3drop", "-", "--", "i.-", "0x", "1e", "inf", "NaN", "-x",
        ] {
            assert_eq!(classify(w), Ok(Kind::Word(w.into())), "{w}");
        }
    }

    #[test]
    fn symbols() {
        assert_eq!(classify(":ok"), Ok(Kind::Symbol("ok".into())));
        assert_eq!(classify(":"), Ok(Kind::Word(":".into())));
        assert_eq!(classify("::a"), Ok(Kind::Word("::a".into())));
    }
}
