//! The table's entries for lists and maps: immutable values (see `seq::runtime::List` and
//! `seq::runtime::Map`), with their loops (`list.each`, `map.fold`, ...), which the checker
//! and the emitter handle by name.

use super::{b, Builtin, Emit, Special};
use crate::check::ir::Loop;
use quote::quote;

/// Lists and maps.
pub static COLLECTIONS: &[Builtin] = &[
    // Lists (immutable values; see `seq::runtime::List`).
    b(
        "list.make",
        "( -- List<T> )",
        code!(|| ::seq::runtime::List::new()),
    )
    .doc("An empty list."),
    b(
        "list.push",
        "( List<T> T -- List<T> )",
        code!(|a, b| #a.push(#b)),
    )
    .doc("The list with the value appended."),
    b(
        "list.get",
        "( List<T> Int -- T Bool )",
        with_fallback!(|a, b; d| #a.get_or(#b, || #d)),
    )
    .by_ref(&[0])
    .doc("The element at the index and true; the type's default and false when out of range."),
    b(
        "list.set",
        "( List<T> Int T -- List<T> Bool )",
        code!(|a, b, c| #a.set(#b, #c)),
    )
    .doc(
        "The list with the element at the index replaced and true; the list unchanged and \
             false when out of range.",
    ),
    b("list.length", "( List<T> -- Int )", code!(|a| #a.len()))
        .by_ref(&[0])
        .doc("The number of elements."),
    b(
        "list.empty?",
        "( List<T> -- Bool )",
        code!(|a| #a.is_empty()),
    )
    .by_ref(&[0])
    .doc("Whether the list has no elements."),
    b(
        "list.reverse",
        "( List<T> -- List<T> )",
        code!(|a| #a.reverse()),
    )
    .doc("The elements in reverse order."),
    b(
        "list.first",
        "( List<T> -- T Bool )",
        with_fallback!(|a; d| #a.first_or(|| #d)),
    )
    .by_ref(&[0])
    .doc("The first element and true; the default and false for an empty list."),
    b(
        "list.last",
        "( List<T> -- T Bool )",
        with_fallback!(|a; d| #a.last_or(|| #d)),
    )
    .by_ref(&[0])
    .doc("The last element and true; the default and false for an empty list."),
    b(
        "list.each",
        "( ..a List<T> [ ..a T -- ..a ] -- ..a )",
        Emit::Special(Special::Loop(Loop::ListEach)),
    )
    .doc("Runs the quotation on each element in order, with the rest of the stack below."),
    b(
        "list.map",
        "( ..a List<T> [ ..a T -- ..a U ] -- ..a List<U> )",
        Emit::Special(Special::Loop(Loop::ListMap)),
    )
    .doc("The list of what the quotation leaves for each element."),
    b(
        "list.filter",
        "( ..a List<T> [ ..a T -- ..a Bool ] -- ..a List<T> )",
        Emit::Special(Special::Loop(Loop::ListFilter)),
    )
    .doc("The elements for which the quotation leaves true, in order."),
    b(
        "list.fold",
        "( ..a List<T> U [ ..a U T -- ..a U ] -- ..a U )",
        Emit::Special(Special::Loop(Loop::ListFold)),
    )
    .doc(
        "Runs the quotation on the accumulator and each element in order; leaves the final \
             accumulator.",
    ),
    b(
        "string.split",
        "( String String -- List<String> )",
        code!(|a, b| ::seq::runtime::text::split(&#a, &#b)),
    )
    .by_ref(&[0, 1])
    .doc(
        "The parts of the second String between occurrences of the top one (an empty \
             separator splits around every character).",
    ),
    b(
        "string.join",
        "( List<T> String -- String )",
        code!(|a, b| #a.join(&#b)),
    )
    .by_ref(&[0, 1])
    .doc(
        "The elements as text (numbers as `int->string`/`float->string` show them), joined \
             with the separator.",
    ),
    // Maps (immutable values, keys in order; see `seq::runtime::Map`).
    b(
        "map.make",
        "( -- Map<K,V> )",
        code!(|| ::seq::runtime::Map::new()),
    )
    .doc("An empty map."),
    b(
        "map.set",
        "( Map<K,V> K V -- Map<K,V> )",
        code!(|a, b, c| #a.set(#b, #c)),
    )
    .doc("The map with the key set to the value (replacing any value it had)."),
    b(
        "map.get",
        "( Map<K,V> K -- V Bool )",
        with_fallback!(|a, b; d| #a.get_or(&#b, || #d)),
    )
    .by_ref(&[0, 1])
    .doc("The key's value and true; the type's default and false when the key is missing."),
    b(
        "map.has?",
        "( Map<K,V> K -- Bool )",
        code!(|a, b| #a.has(&#b)),
    )
    .by_ref(&[0, 1])
    .doc("Whether the map has the key."),
    b(
        "map.remove",
        "( Map<K,V> K -- Map<K,V> )",
        code!(|a, b| #a.remove(&#b)),
    )
    .by_ref(&[1])
    .doc("The map without the key (unchanged if missing)."),
    b("map.keys", "( Map<K,V> -- List<K> )", code!(|a| #a.keys()))
        .by_ref(&[0])
        .doc("The keys, in key order."),
    b(
        "map.values",
        "( Map<K,V> -- List<V> )",
        code!(|a| #a.values()),
    )
    .by_ref(&[0])
    .doc("The values, in key order."),
    b("map.size", "( Map<K,V> -- Int )", code!(|a| #a.size()))
        .by_ref(&[0])
        .doc("The number of entries."),
    b(
        "map.empty?",
        "( Map<K,V> -- Bool )",
        code!(|a| #a.is_empty()),
    )
    .by_ref(&[0])
    .doc("Whether the map has no entries."),
    b(
        "map.each",
        "( ..a Map<K,V> [ ..a K V -- ..a ] -- ..a )",
        Emit::Special(Special::Loop(Loop::MapEach)),
    )
    .doc("Runs the quotation on each key and value, in key order."),
    b(
        "map.fold",
        "( ..a Map<K,V> U [ ..a U K V -- ..a U ] -- ..a U )",
        Emit::Special(Special::Loop(Loop::MapFold)),
    )
    .doc(
        "Runs the quotation on the accumulator, each key and value in key order; leaves the \
             final accumulator.",
    ),
];
