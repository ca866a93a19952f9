//! SON, Seq Object Notation: a value written as the Seq source that builds it, exactly as
//! Seq's reference implementation writes it (`son.dump`, `son.dump-pretty`, `stack.dump`).
//!
//! - Int `42`; Float in Rust's shortest form with `.0` added to a whole finite number
//!   (`3.14`, `42.0`, `NaN`, `inf`); Bool `true` / `false`;
//! - String quoted, with `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f` and `\u00XX` for other
//!   control characters; Symbol `:name`;
//! - list `list-of 1 lv 2 lv`; map `map-of "k" 1 kv`, entries sorted as the reference
//!   sorts them (Int keys first, then Bool, then String; see `key_order`); variant
//!   `:Tag 1 2 wrap-2`;
//! - values that are not data: `<quotation>`, `<closure>`, `<channel>`, `<weave-ctx>`
//!   (weaves and their contexts), `<Name>` for a Rust type.
//!
//! Pretty printing puts each element, entry or field on a line of its own, indented two
//! spaces deeper than its container; a variant's `wrap-N` goes on a line of its own at
//! the variant's depth, after one space.

use super::Value;

/// `son.dump ( T -- String )`: the value as SON text on one line.
pub fn dump(value: &Value) -> String {
    let mut writer = Writer::new(false);
    writer.value(value, 0);
    writer.out
}

/// `son.dump-pretty ( T -- String )`: the value as indented SON text.
pub fn dump_pretty(value: &Value) -> String {
    let mut writer = Writer::new(true);
    writer.value(value, 0);
    writer.out
}

/// The line `stack.dump` prints: `»` and the values as SON, bottom first, one space
/// apart (`» 1 "a" list-of 2 lv`); just `»` for an empty stack.
pub fn stack_line(values: &[Value]) -> String {
    let mut line = String::from("»");
    for value in values {
        line.push(' ');
        line.push_str(&dump(value));
    }
    line
}

/// `stack.dump ( ..a -- )`: prints [`stack_line`] and a newline on standard output and
/// drops the values.
pub fn print_stack(values: Vec<Value>) {
    crate::io::write_line(&stack_line(&values));
}

/// SON text being written.
struct Writer {
    out: String,
    pretty: bool,
}

/// Spaces per level of indentation when pretty printing.
const INDENT: usize = 2;

impl Writer {
    fn new(pretty: bool) -> Writer {
        Writer {
            out: String::new(),
            pretty,
        }
    }

    /// Writes `value`, a value at nesting `depth`.
    fn value(&mut self, value: &Value, depth: usize) {
        match value {
            Value::Int(n) => self.out.push_str(&n.to_string()),
            Value::Float(x) => {
                let text = x.to_string();
                self.out.push_str(&text);
                if x.is_finite() && !text.contains('.') {
                    self.out.push_str(".0");
                }
            }
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::String(s) => quote(s, &mut self.out),
            Value::Symbol(s) => {
                self.out.push(':');
                self.out.push_str(s.name());
            }
            Value::Variant(v) if v.is_list() => {
                self.out.push_str("list-of");
                for element in v.fields().iter() {
                    let at = self.next_item(depth);
                    self.value(element, at);
                    self.out.push_str(" lv");
                }
            }
            Value::Variant(v) => {
                self.out.push(':');
                self.out.push_str(v.tag().name());
                for field in v.fields().iter() {
                    let at = self.next_item(depth);
                    self.value(field, at);
                }
                if self.pretty && !v.fields().is_empty() {
                    self.newline(depth);
                }
                self.out.push_str(&format!(" wrap-{}", v.fields().len()));
            }
            Value::Map(m) => {
                self.out.push_str("map-of");
                let mut entries: Vec<(String, &Value, &Value)> =
                    m.iter().map(|(k, v)| (key_order(k), k, v)).collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                for (_, key, value) in entries {
                    let at = self.next_item(depth);
                    self.key(key);
                    self.out.push(' ');
                    self.value(value, at);
                    self.out.push_str(" kv");
                }
            }
            Value::Other(o) => {
                let shown = match o.name() {
                    "quotation" => "quotation",
                    "closure" => "closure",
                    "Channel" => "channel",
                    "Weave" | "Ctx" => "weave-ctx",
                    other => other,
                };
                self.out.push('<');
                self.out.push_str(shown);
                self.out.push('>');
            }
        }
    }

    /// A map key: on the entry's line, never broken over lines.
    fn key(&mut self, key: &Value) {
        match key {
            Value::Int(_) | Value::Bool(_) | Value::String(_) => self.value(key, 0),
            other => self.out.push_str(&dump(other)),
        }
    }

    /// What comes before an element, entry or field of a container at `depth`: a new
    /// line one level deeper (pretty) or a space. Returns the item's depth.
    fn next_item(&mut self, depth: usize) -> usize {
        if self.pretty {
            self.newline(depth + 1);
            depth + 1
        } else {
            self.out.push(' ');
            depth
        }
    }

    /// A line break and the indentation of `depth`.
    fn newline(&mut self, depth: usize) {
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', depth * INDENT));
    }
}

/// The text a map key sorts by, as the reference sorts its keys: Ints (`0_` and the
/// number zero-padded to 20 characters, so negative numbers come first, smallest
/// magnitude first), then Bools, then Strings by their bytes; keys of other types, which
/// the reference cannot have, come last by their SON text.
fn key_order(key: &Value) -> String {
    match key {
        Value::Int(n) => format!("0_{n:020}"),
        Value::Bool(b) => format!("1_{b}"),
        Value::String(s) => format!("2_{s}"),
        other => format!("3_{}", dump(other)),
    }
}

/// A string literal: quoted, with the escapes Seq's lexer reads back.
fn quote(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests;
