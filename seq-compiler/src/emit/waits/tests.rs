//! The waits analysis on small programs: what waits, what does not, and the components.

use super::Waits;
use crate::{check, lex, parse, Sources};

/// Runs `f` on the analysis of `src` and the checked words' Rust names.
fn analyze<T>(src: &str, f: impl FnOnce(&Waits, &[String]) -> T) -> T {
    Sources::scope(|| {
        let program = parse::parse(&lex::text::lex(src).unwrap()).unwrap();
        let checked = check::check(&program).unwrap();
        let names: Vec<String> = checked.words.iter().map(|w| w.rust.clone()).collect();
        f(&Waits::new(&checked.words), &names)
    })
}

fn waiting(src: &str) -> Vec<String> {
    analyze(src, |w, names| {
        names.iter().filter(|n| w.word(n)).cloned().collect()
    })
}

#[test]
fn waiting_builtins_and_their_callers_wait() {
    let src = "
        : get ( Channel<Int> -- Int ) chan.receive drop ;
        : put ( Int Channel<Int> -- ) chan.send drop ;
        : nap ( -- ) 1 time.sleep-ms ;
        : pause ( -- ) chan.yield ;
        : twice ( Channel<Int> -- Int ) dup get swap get i.+ ;
        : compute ( Int -- Int ) dup i.* ;
        : close ( Channel<Int> -- ) chan.close ;
        : make ( -- Channel<Int> ) 3 chan.make-bounded ;
    ";
    assert_eq!(waiting(src), ["get", "put", "nap", "pause", "twice"]);
}

#[test]
fn inline_bodies_are_part_of_the_word() {
    let src = "
        : in-if ( Channel<Int> Bool -- ) [ chan.receive drop drop ] [ drop ] if ;
        : in-times ( Channel<Int> -- ) 3 [ dup chan.receive drop drop ] times drop ;
        : in-call ( Channel<Int> -- Int ) [ chan.receive drop ] call ;
        : in-dip ( Channel<Int> Int -- Int Int ) [ chan.receive drop ] dip ;
        : in-while ( Channel<Int> -- ) [ dup chan.receive nip ] [ ] while drop ;
        : in-cond ( Int -- Int ) [ dup 0 i.< ] [ 1 time.sleep-ms ] [ true ] [ ] 2 cond ;
        : in-list ( List<Int> -- ) [ time.sleep-ms ] list.each ;
    ";
    assert_eq!(
        waiting(src),
        ["in_if", "in_times", "in_call", "in_dip", "in_while", "in_cond", "in_list"]
    );
}

#[test]
fn closures_spawns_weaves_and_quotation_values_do_not_wait_for_the_word() {
    let src = "
        : spawner ( Channel<Int> -- Int ) [ chan.receive drop drop ] strand.spawn nip ;
        : closure ( Channel<Int> -- Closure[ -- Int ] ) [ chan.receive drop ] ;
        : value ( Channel<Int> [ Channel<Int> -- Int ] -- Int ) call ;
        : weaver ( Channel<Int> -- Weave ) [ drop drop ] strand.weave nip ;
    ";
    assert!(waiting(src).is_empty());
}

#[test]
fn spawned_bodies_are_judged_on_their_own() {
    let src = "
        : spawner ( Channel<Int> -- ) [ chan.receive drop drop ] strand.spawn drop drop ;
        : quiet ( Int -- ) [ drop ] strand.spawn drop drop ;
    ";
    Sources::scope(|| {
        let program = parse::parse(&lex::text::lex(src).unwrap()).unwrap();
        let checked = check::check(&program).unwrap();
        let waits = Waits::new(&checked.words);
        let spawned = |i: usize| {
            checked.words[i]
                .body
                .ops
                .iter()
                .find_map(|op| match op {
                    crate::check::ir::Op::Spawn(sub, _) => Some(waits.sub(sub)),
                    _ => None,
                })
                .expect("a spawn")
        };
        assert!(spawned(0));
        assert!(!spawned(1));
        assert!(waits.spawns_waiting(&checked.words[0]));
        assert!(!waits.spawns_waiting(&checked.words[1]));
    });
}

#[test]
fn components_follow_all_calls() {
    let src = "
        : ping ( Channel<Int> Int -- ) dup 0 i.> [ over chan.receive drop drop 1 i.- pong ] [ drop drop ] if ;
        : pong ( Channel<Int> Int -- ) ping 1 time.sleep-ms ;
        : down ( Channel<Int> Int -- ) dup 0 i.> [ over chan.receive drop drop 1 i.- over swap [ down ] strand.spawn drop drop drop drop ] [ drop drop ] if ;
        : other ( Channel<Int> -- ) chan.receive drop drop ;
    ";
    analyze(src, |w, _| {
        assert!(w.recursive("ping", "pong") && w.recursive("pong", "ping"));
        assert!(w.recursive("down", "down"));
        assert!(!w.recursive("ping", "other") && !w.recursive("down", "ping"));
        assert_eq!(w.async_name("ping"), Some("ping_async"));
        assert_eq!(w.async_name("nothing"), None);
    });
}

#[test]
fn extern_async_calls_wait() {
    let src = "
        : fetch ( String -- String ) extern async crate::fetch ;
        : fetch-twice ( String -- String ) fetch fetch ;
        : hyp ( Float Float -- Float ) extern f64::hypot ;
        : use-hyp ( Float -- Float ) dup hyp ;
    ";
    assert_eq!(waiting(src), ["fetch_twice"]);
}

#[test]
fn async_names_avoid_the_words_rust_names() {
    let src = "
        : get ( Channel<Int> -- Int ) chan.receive drop ;
        : get-async ( -- Int ) 1 ;
    ";
    analyze(src, |w, _| {
        assert_eq!(w.async_name("get"), Some("get_async_2"))
    });
}
