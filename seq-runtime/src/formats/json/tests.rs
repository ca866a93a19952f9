use super::*;

fn show(text: &str) -> String {
    let (value, ok) = parse(text.to_string());
    format!("{value:?} {ok}")
}

fn at(entry: fn(String, i64) -> (String, i64, Value, bool), text: &str, pos: i64) -> String {
    let (back, end, value, ok) = entry(text.to_string(), pos);
    assert_eq!(back, text);
    format!("{end} {value:?} {ok}")
}

#[test]
fn scalars() {
    assert_eq!(show("null"), ":JsonNull() true");
    assert_eq!(show(" \t\r\ntrue"), ":JsonBool(1) true");
    assert_eq!(show("false"), ":JsonBool(0) true");
    assert_eq!(show("-2.5e3"), ":JsonNumber(-2500) true");
    assert_eq!(show("01"), ":JsonNumber(1) true");
    assert_eq!(show("\"hé\""), ":JsonString(\"hé\") true");
    assert_eq!(show("1 trailing"), ":JsonNumber(1) true");
}

#[test]
fn strings_keep_backslashes() {
    assert_eq!(
        at(parse_string, r#""a\"b""#, 0),
        r#"4 :JsonString("a\\") true"#
    );
    assert_eq!(at(parse_string, "\"open", 0), "0 :JsonNull() false");
    assert_eq!(at(parse_string, "x", 0), "0 :JsonNull() false");
}

#[test]
fn numbers() {
    assert_eq!(at(parse_number, "12,", 0), "2 :JsonNumber(12) true");
    assert_eq!(at(parse_number, "1e", 0), "2 :JsonNull() false");
    assert_eq!(at(parse_number, "1-2]", 0), "3 :JsonNull() false");
    assert_eq!(at(parse_number, "x", 0), "0 :JsonNull() false");
    assert_eq!(show("-"), ":JsonNull() false");
    assert_eq!(show("1."), ":JsonNumber(1) true");
}

#[test]
fn keywords_stop_at_the_first_mismatch() {
    assert_eq!(at(parse_null, "nul", 0), "3 :JsonNull() false");
    assert_eq!(at(parse_true, "trUe", 0), "2 :JsonNull() false");
    assert_eq!(at(parse_false, "false!", 0), "5 :JsonBool(0) true");
    assert_eq!(show("nil"), ":JsonNull() false");
}

#[test]
fn arrays_and_objects() {
    assert_eq!(
        show(r#"[1, [true, null], {"k": "v", "n": {}}, []]"#),
        r#":JsonArray(:JsonNumber(1), :JsonArray(:JsonBool(1), :JsonNull()), :JsonObject(:JsonString("k"), :JsonString("v"), :JsonString("n"), :JsonObject()), :JsonArray()) true"#
    );
    assert_eq!(at(parse_array, "[ ] x", 0), "3 :JsonArray() true");
    assert_eq!(
        at(parse_object, "{\"a\":1}", 0),
        "7 :JsonObject(:JsonString(\"a\"), :JsonNumber(1)) true"
    );
}

#[test]
fn failures_report_where_the_parser_gave_up() {
    // An element that fails: the start of that element in the outermost array.
    assert_eq!(at(parse_array, "[1, [2, x]]", 0), "4 :JsonNull() false");
    assert_eq!(at(parse_array, "[1,]", 0), "3 :JsonNull() false");
    // A missing separator: where it was expected.
    assert_eq!(at(parse_array, "[1 2]", 0), "3 :JsonNull() false");
    assert_eq!(at(parse_array, "[1", 0), "2 :JsonNull() false");
    assert_eq!(at(parse_array, "[  ", 0), "3 :JsonNull() false");
    // A member without `:` or with an invalid value: the member's start.
    assert_eq!(at(parse_object, "{\"a\" 1}", 0), "1 :JsonNull() false");
    assert_eq!(
        at(parse_object, "{\"a\": 1, \"b\": x}", 0),
        "9 :JsonNull() false"
    );
    assert_eq!(at(parse_object, "{1: 2}", 0), "1 :JsonNull() false");
    assert_eq!(
        at(parse_object, "{\"a\": 1 \"b\": 2}", 0),
        "8 :JsonNull() false"
    );
    assert_eq!(at(parse_value, "", 0), "0 :JsonNull() false");
    assert_eq!(at(parse_value, "   ", 0), "3 :JsonNull() false");
    assert_eq!(at(parse_value, "  ]", 0), "2 :JsonNull() false");
    assert_eq!(at(parse_value, "1", -1), "-1 :JsonNull() false");
}

#[test]
fn contents_entries_start_inside() {
    assert_eq!(
        at(parse_array_contents, "[1]", 1),
        "3 :JsonArray(:JsonNumber(1)) true"
    );
    assert_eq!(
        at(parse_object_contents, "\"a\":null}", 0),
        "9 :JsonObject(:JsonString(\"a\"), :JsonNull()) true"
    );
}

#[test]
fn nesting_takes_no_parser_stack() {
    // The parser keeps open arrays on the heap (dropping the value still recurses, once
    // per level, which bounds how deep a test can go).
    let depth = 3_000;
    let text = "[".repeat(depth) + &"]".repeat(depth);
    let (end, _, ok) = Text::new(&text).run(Start::Value, 0);
    assert!(ok);
    assert_eq!(end, 2 * depth as i64);
}
