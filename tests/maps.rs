//! Maps: every map word with its edge cases, `map.each` / `map.fold` (keys in order, and
//! using the stack below), key and value types left to callers, and a shared map staying
//! unchanged when a copy is modified.

use seq::runtime::{List, Map};
use seq::seq;

seq! {
    : count-words ( String -- Map<String, Int> )
        " " string.split map.make swap [ over over map.get drop 1 i.+ map.set ] list.each ;
    : get ( Map<String, Int> String -- Int Bool ) map.get ;
    : has ( Map<String, Int> String -- Bool ) map.has? ;
    : remove ( Map<String, Int> String -- Map<String, Int> ) map.remove ;
    : keys ( Map<String, Int> -- List<String> ) map.keys ;
    : values ( Map<String, Int> -- List<Int> ) map.values ;
    : size ( Map<Int, Bool> -- Int ) map.size ;
    : empty ( Map<Int, Bool> -- Bool ) map.empty? ;
    : total ( Map<String, Int> -- Int ) 0 [ nip i.+ ] map.fold ;
    : key-order ( Map<String, Int> -- String ) "" [ drop string.concat ] map.fold ;
    // map.each may use the stack below.
    : count-at-least ( Map<String, Int> Int -- Int ) 0 rot [ nip 2 pick i.>= [ 1 i.+ ] when ] map.each nip ;
    : squares ( Int -- Map<Int, Int> ) map.make swap [ dup dup i.* map.set ] each-integer ;
    : set-copy ( Map<Int, Int> -- Map<Int, Int> Map<Int, Int> ) dup 7 70 map.set ;
    : generic-size ( Map -- Int ) map.size ;
}

fn map(entries: &[(&str, i64)]) -> Map<String, i64> {
    entries.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn map_words() {
    let words = count_words("b a b c b".into());
    assert_eq!(words, map(&[("a", 1), ("b", 3), ("c", 1)]));
    assert_eq!(get(words.clone(), "b".into()), (3, true));
    assert_eq!(get(words.clone(), "z".into()), (0, false));
    assert!(has(words.clone(), "a".into()) && !has(words.clone(), "z".into()));
    assert_eq!(
        remove(words.clone(), "a".into()),
        map(&[("b", 3), ("c", 1)])
    );
    assert_eq!(
        remove(words.clone(), "z".into()),
        words,
        "a missing key changes nothing"
    );
    assert_eq!(
        keys(words.clone()),
        ["a", "b", "c"]
            .iter()
            .map(|s| s.to_string())
            .collect::<List<_>>()
    );
    assert_eq!(
        values(words.clone()),
        List::from(vec![1, 3, 1]),
        "in key order"
    );
    assert_eq!((size(Map::new()), empty(Map::new())), (0, true));
    assert_eq!(generic_size(words), 3);
}

#[test]
fn map_loops() {
    let m = map(&[("x", 5), ("y", 1), ("w", 9)]);
    assert_eq!(total(m.clone()), 15);
    assert_eq!(key_order(m.clone()), "wxy");
    assert_eq!(count_at_least(m.clone(), 5), 2);
    assert_eq!(count_at_least(m, 50), 0);
    assert_eq!(total(Map::new()), 0);
}

#[test]
fn shared_maps_do_not_change() {
    let (original, changed) = set_copy(squares(3));
    assert_eq!(original, [(0, 0), (1, 1), (2, 4)].into_iter().collect());
    assert_eq!(changed.size(), 4);
}

// Maps of lists: grouping, and changing one group of a copy leaves the original alone.
seq! {
    : group-by-length ( List<String> -- Map<Int, List<String>> )
      map.make swap [ dup string.length swap add-to-group ] list.each ;
    : add-to-group ( Map<Int, List<String>> Int String -- Map<Int, List<String>> )
      >aux over over map.get drop aux> list.push map.set ;
    : group-sizes ( Map<Int, List<String>> -- List<Int> ) map.values [ list.length ] list.map ;
}

#[test]
fn maps_of_lists() {
    let words: List<String> = ["a", "bb", "c", "dd", "eee"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let groups = group_by_length(words);
    assert_eq!(group_sizes(groups.clone()), List::from(vec![2, 2, 1]));
    assert_eq!(
        groups.get(&2).0,
        ["bb", "dd"]
            .iter()
            .map(|s| s.to_string())
            .collect::<List<_>>()
    );
    let grown = add_to_group(groups.clone(), 1, "z".into());
    assert_eq!(grown.get(&1).0.len(), 3);
    assert_eq!(
        groups.get(&1).0.len(),
        2,
        "the original map and its lists are unchanged"
    );
    let fresh = add_to_group(groups, 9, "new".into());
    assert_eq!(
        fresh.get(&9),
        (List::from(vec!["new".to_string()]), true),
        "a missing key starts from the empty list"
    );
}
