//! Data formats behind the standard modules `std:json` and `std:yaml`.
//!
//! The modules themselves are Seq (`seq-compiler/std/json.seq`, `yaml.seq`); what is here
//! is bound to their words with `extern`: the JSON parser (linear in the input, where a
//! parser written with `string.char-at` is quadratic), JSON string escaping and the text
//! of a number. Values are Seq's dynamic values ([`crate::Value`]) in the modules'
//! representation: variants tagged `JsonNull`, `JsonBool` (an Int 0 or 1), `JsonNumber`
//! (a Float), `JsonString` (a String), `JsonArray` (the elements as fields) and
//! `JsonObject` (keys and values alternating as fields, each key a `JsonString`).

pub mod json;
