//! JSON for `std:json`: the parser its `json-parse*` words are bound to.
//!
//! The parser accepts what Seq's original `std:json` accepts, and stops where it stops,
//! so the words that take and return a position (`json-parse-value ( String Int -- String
//! Int Variant Bool )` and its helpers) agree with it on every input:
//!
//! * positions count characters; whitespace is space, tab, newline and carriage return;
//! * a string runs from its opening quote to the next quote: backslashes are kept as
//!   they are (there are no escapes), and the text may hold any character;
//! * a number is the longest run of digits and `+ - . e E` from a digit or `-`, read as
//!   `string->float` reads it (so `1.` and `01` are numbers, `1-2` is an error);
//! * `null`, `true`, `false` are matched character by character;
//! * text after a complete value is not examined (`json-parse` of `1 x` is the number 1).
//!
//! On failure a word returns `JsonNull`, false and the position where it gave up: inside
//! an array or object, the start of the element or member that failed (or the character
//! where `,` or the closing bracket was expected). Unlike the original, whose parser
//! fails with a runtime error on an object member without `:` or with an invalid value,
//! such a member is an ordinary parse failure here.
//!
//! Arrays and objects are parsed with an explicit stack rather than by recursion, so the
//! parser itself takes no strand stack per level of nesting.

use crate::{Symbol, Value, Variant};

/// The tag of `null`.
pub const NULL: Symbol = Symbol::new("JsonNull");
/// The tag of a boolean, whose field is an Int 0 or 1.
pub const BOOL: Symbol = Symbol::new("JsonBool");
/// The tag of a number, whose field is a Float.
pub const NUMBER: Symbol = Symbol::new("JsonNumber");
/// The tag of a string, whose field is a String.
pub const STRING: Symbol = Symbol::new("JsonString");
/// The tag of an array, whose fields are its elements.
pub const ARRAY: Symbol = Symbol::new("JsonArray");
/// The tag of an object, whose fields are its keys (`JsonString`s) and values, alternating.
pub const OBJECT: Symbol = Symbol::new("JsonObject");

fn tagged(tag: Symbol, fields: Vec<Value>) -> Value {
    Value::Variant(Variant::new(tag, fields))
}

fn null() -> Value {
    tagged(NULL, Vec::new())
}

/// `json-parse ( String -- Variant Bool )`: the value the text starts with (after
/// whitespace), and whether there is one; `JsonNull` and false if not.
pub fn parse(text: String) -> (Value, bool) {
    let (_, value, ok) = Text::new(&text).run(Start::Value, 0);
    (value, ok)
}

/// Binds a parse entry to a word `( String Int -- String Int Variant Bool )`.
macro_rules! entry {
    ($(#[$doc:meta])* $name:ident, $start:expr) => {
        $(#[$doc])*
        pub fn $name(text: String, pos: i64) -> (String, i64, Value, bool) {
            let (end, value, ok) = Text::new(&text).run($start, pos);
            (text, end, value, ok)
        }
    };
}

entry!(
    /// `json-parse-value`: any value at `pos`, after whitespace.
    parse_value,
    Start::Value
);
entry!(
    /// `json-parse-array`: an array whose `[` is at `pos` (the character is not checked).
    parse_array,
    Start::Array
);
entry!(
    /// `json-parse-array-contents`: the elements of an array and its `]`, from the first
    /// element at `pos`.
    parse_array_contents,
    Start::ArrayContents
);
entry!(
    /// `json-parse-object`: an object whose `{` is at `pos` (the character is not
    /// checked).
    parse_object,
    Start::Object
);
entry!(
    /// `json-parse-object-contents`: the members of an object and its `}`, from the first
    /// key at `pos`.
    parse_object_contents,
    Start::ObjectContents
);
entry!(
    /// `json-parse-string`: a string whose opening quote is at `pos`.
    parse_string,
    Start::Leaf(Text::string)
);
entry!(
    /// `json-parse-number`: the number at `pos`.
    parse_number,
    Start::Leaf(Text::number)
);
entry!(
    /// `json-parse-null`: `null` at `pos`.
    parse_null,
    Start::Leaf(|t, pos| t.keyword(pos, "null", null))
);
entry!(
    /// `json-parse-true`: `true` at `pos`.
    parse_true,
    Start::Leaf(|t, pos| t.keyword(pos, "true", || tagged(BOOL, vec![Value::Int(1)])))
);
entry!(
    /// `json-parse-false`: `false` at `pos`.
    parse_false,
    Start::Leaf(|t, pos| t.keyword(pos, "false", || tagged(BOOL, vec![Value::Int(0)])))
);

/// One step's result: where the parser stopped, the value (`JsonNull` on failure), and
/// whether it succeeded.
type Step = (i64, Value, bool);

fn fail(pos: i64) -> Step {
    (pos, null(), false)
}

/// What a parse starts with.
#[derive(Clone, Copy)]
enum Start {
    /// A value after optional whitespace.
    Value,
    /// `[` at the position, then the array.
    Array,
    /// The first element of an array.
    ArrayContents,
    /// `{` at the position, then the object.
    Object,
    /// The first key of an object.
    ObjectContents,
    /// A scalar.
    Leaf(fn(&Text, i64) -> Step),
}

/// An array or object being parsed.
struct Open {
    /// An object (else an array).
    object: bool,
    /// The elements, or the keys and values, so far.
    items: Vec<Value>,
    /// Where the current element or member starts.
    at: i64,
    /// The current member's key.
    key: Value,
}

/// What an open array or object does with the step that parsed its current element.
enum Outcome {
    /// It is closed, with this result.
    Close(Step),
    /// It goes on with the value at this position.
    Parse(i64),
}

/// The input as characters.
struct Text {
    chars: Vec<char>,
}

impl Text {
    fn new(text: &str) -> Text {
        Text {
            chars: text.chars().collect(),
        }
    }

    fn len(&self) -> i64 {
        self.chars.len() as i64
    }

    fn at_end(&self, pos: i64) -> bool {
        self.len() <= pos
    }

    /// The character at `pos`, or `None` outside the text.
    fn at(&self, pos: i64) -> Option<char> {
        usize::try_from(pos)
            .ok()
            .and_then(|i| self.chars.get(i).copied())
    }

    fn is(&self, pos: i64, c: char) -> bool {
        self.at(pos) == Some(c)
    }

    fn skip_ws(&self, mut pos: i64) -> i64 {
        while matches!(self.at(pos), Some(' ' | '\t' | '\n' | '\r')) {
            pos += 1;
        }
        pos
    }

    /// The characters from `start` up to `end` (`string.substring` semantics).
    fn slice(&self, start: i64, end: i64) -> String {
        match (usize::try_from(start), usize::try_from(end - start)) {
            (Ok(start), Ok(len)) => self.chars.iter().skip(start).take(len).collect(),
            _ => String::new(),
        }
    }

    fn keyword(&self, pos: i64, word: &str, value: fn() -> Value) -> Step {
        let mut at = pos;
        for c in word.chars() {
            if !self.is(at, c) {
                return fail(at);
            }
            at += 1;
        }
        (at, value(), true)
    }

    fn string(&self, pos: i64) -> Step {
        if !self.is(pos, '"') {
            return fail(pos);
        }
        let mut end = pos + 1;
        while !self.at_end(end) {
            if self.is(end, '"') {
                let text = self.slice(pos + 1, end);
                return (end + 1, tagged(STRING, vec![Value::String(text)]), true);
            }
            end += 1;
        }
        fail(pos)
    }

    fn number(&self, pos: i64) -> Step {
        let mut end = pos;
        while matches!(self.at(end), Some('0'..='9' | '-' | '+' | '.' | 'e' | 'E')) {
            end += 1;
        }
        match self.slice(pos, end).parse::<f64>() {
            Ok(x) => (end, tagged(NUMBER, vec![Value::Float(x)]), true),
            Err(_) => fail(end),
        }
    }

    /// The key of the member starting at `at` and where its value starts.
    fn member(&self, at: i64) -> Option<(Value, i64)> {
        let (end, key, ok) = self.string(at);
        if !ok {
            return None;
        }
        let colon = self.skip_ws(end);
        if !self.is(colon, ':') {
            return None;
        }
        Some((key, self.skip_ws(colon + 1)))
    }

    /// Parses what `start` names at `pos`.
    fn run(&self, start: Start, pos: i64) -> Step {
        let mut open: Vec<Open> = Vec::new();
        let mut start = start;
        let mut pos = pos;
        loop {
            let mut step = match start {
                Start::Value if self.at_end(pos) => fail(pos),
                Start::Value => {
                    let at = self.skip_ws(pos);
                    match self.at(at) {
                        Some('"') => self.string(at),
                        Some('n') => self.keyword(at, "null", null),
                        Some('t') => self.keyword(at, "true", || tagged(BOOL, vec![Value::Int(1)])),
                        Some('f') => {
                            self.keyword(at, "false", || tagged(BOOL, vec![Value::Int(0)]))
                        }
                        Some('-' | '0'..='9') => self.number(at),
                        Some('[') => {
                            (start, pos) = (Start::Array, at);
                            continue;
                        }
                        Some('{') => {
                            (start, pos) = (Start::Object, at);
                            continue;
                        }
                        _ => fail(at),
                    }
                }
                Start::Array | Start::Object => {
                    let array = matches!(start, Start::Array);
                    let at = self.skip_ws(pos + 1);
                    if self.at_end(at) {
                        fail(at)
                    } else if array && self.is(at, ']') {
                        (at + 1, tagged(ARRAY, Vec::new()), true)
                    } else if !array && self.is(at, '}') {
                        (at + 1, tagged(OBJECT, Vec::new()), true)
                    } else {
                        start = if array {
                            Start::ArrayContents
                        } else {
                            Start::ObjectContents
                        };
                        pos = at;
                        continue;
                    }
                }
                Start::ArrayContents => {
                    open.push(Open {
                        object: false,
                        items: Vec::new(),
                        at: pos,
                        key: Value::default(),
                    });
                    start = Start::Value;
                    continue;
                }
                Start::ObjectContents => match self.member(pos) {
                    Some((key, value_at)) => {
                        open.push(Open {
                            object: true,
                            items: Vec::new(),
                            at: pos,
                            key,
                        });
                        (start, pos) = (Start::Value, value_at);
                        continue;
                    }
                    None => fail(pos),
                },
                Start::Leaf(leaf) => leaf(self, pos),
            };
            // Hand the step to the innermost open array or object, closing those it ends.
            loop {
                let Some(top) = open.last_mut() else {
                    return step;
                };
                match self.deliver(top, step) {
                    Outcome::Close(closed) => {
                        open.pop();
                        step = closed;
                    }
                    Outcome::Parse(at) => {
                        (start, pos) = (Start::Value, at);
                        break;
                    }
                }
            }
        }
    }

    /// The open array or object `top` takes the step that parsed its current element.
    fn deliver(&self, top: &mut Open, (end, value, ok): Step) -> Outcome {
        if !ok {
            return Outcome::Close(fail(top.at));
        }
        if top.object {
            let key = std::mem::take(&mut top.key);
            top.items.push(key);
        }
        top.items.push(value);
        let after = self.skip_ws(end);
        let (closing, tag) = if top.object {
            ('}', OBJECT)
        } else {
            (']', ARRAY)
        };
        if self.is(after, closing) {
            let items = std::mem::take(&mut top.items);
            return Outcome::Close((after + 1, tagged(tag, items), true));
        }
        if !self.is(after, ',') {
            return Outcome::Close(fail(after));
        }
        top.at = self.skip_ws(after + 1);
        if !top.object {
            return Outcome::Parse(top.at);
        }
        match self.member(top.at) {
            Some((key, value_at)) => {
                top.key = key;
                Outcome::Parse(value_at)
            }
            None => Outcome::Close(fail(top.at)),
        }
    }
}

#[cfg(test)]
mod tests;
