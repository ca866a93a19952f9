//! Generated code compiles without warnings: this file denies them all and uses every
//! construct the emitter has (each word is called, so dead-code warnings would be the
//! user's own, as for any Rust function).
#![deny(warnings)]

use seq::seq;

seq! {
    : ignore-all ( Int String Bool Float -- ) drop drop drop drop ;
    : ignore-some ( Int Int -- Int ) nip ;
    : copies ( String -- String String String ) dup dup ;
    : done? ( String -- String Bool ) dup "<done>" string.equal? ;
    : text-compares ( String -- String Bool Bool Bool Bool ) dup "" string.equal? over "a" swap string.equal? "b" dup string.equal? "b" "c" string.equal? ;
    : generic ( T U -- U T T ) swap dup ;
    : constants ( -- Int Float Bool String ) -1 -2.5 true "s" ;
    : unused-branch-value ( Int Bool -- Int ) [ drop 0 ] [ ] if ;
    : only-effects ( Bool -- ) [ "yes" io.write ] [ "" io.write ] if ;
    : nothing-either-way ( Bool -- ) [ ] [ ] if ;
    : when-effect ( Bool -- ) [ "" io.write ] when ;
    : loop-unused ( Int Int -- Int ) over 0 i.> [ drop 1 i.- 0 loop-unused ] [ drop ] if ;
    : loop-strings ( String Int -- String ) dup 0 i.> [ 1 i.- swap "." string.concat swap loop-strings ] [ drop ] if ;
    : labels ( Int String -- String String String String ) swap int->string "n=" swap string.concat swap "<" over string.concat swap ">" string.concat "a" "b" string.concat ;
    : times-nothing ( -- ) 3 [ ] times ;
    : times-unchanged ( Int -- Int ) 3 [ dup drop ] times ;
    : times-quotation ( -- Int ) [ 1 i.+ ] 0 3 [ over call ] times nip ;
    : closures ( -- [ Int -- Int ] [ -- ] ) [ 1 i.+ ] [ ] ;
    : choose ( Bool -- [ Int -- Int ] ) [ [ 1 i.+ ] ] [ [ 2 i.* ] ] if ;
    : apply ( Int [ Int -- Int ] -- Int ) call ;
    : apply-unused ( Int [ Int -- Int ] -- Int ) drop ;
    : aux ( Int Int -- Int Int ) >aux 1 i.+ aux> ;
    : picks ( Int String -- Int String Int String ) 1 pick 1 pick ;
    : rolls ( Int String Bool -- String Bool Int ) 2 roll ;
    : keep-bi ( String -- Int String Int Int ) [ string.length ] keep dup [ string.length ] [ string.empty? drop 0 ] bi ;
    : dip-strings ( String String -- String String ) [ "a" string.concat ] dip ;
    : bool-ops ( Int Int -- Bool ) 2dup i.< [ i.> ] dip or not ;
    : div-ok ( Int Int -- Int ) i./ drop ;
    : row-apply ( ..a [ ..a -- ..b ] -- ..b ) call ;
    : use-row ( Int -- Int ) [ 2 i.* ] row-apply ;
    : fn-literal ( -- Int ) 5 [ 10 i.* ] apply ;
    : loop ( Int -- Int ) dup 10 i.< [ 1 i.+ loop ] when ;
    : list-words ( Int -- List<Int> Int Bool ) list.make swap [ list.push ] each-integer dup 0 list.get ;
    : list-loops ( List<String> -- List<Int> List<String> String ) dup [ string.length ] list.map swap dup [ string.empty? ] list.filter swap "" [ string.concat ] list.fold ;
    : list-each-unused ( List<Int> -- ) [ drop ] list.each ;
    : map-words ( -- Map<String, Int> Int ) map.make "a" 1 map.set dup [ drop drop ] map.each dup 0 [ nip i.+ ] map.fold ;
    : tick ( Int String -- String ) over 0 i.> [ swap 1 i.- swap tock ] [ nip ] if ;
    : tock ( Int String -- String ) "t" string.concat tick ;
    union Shape { Circle { r: Float } Rect { w: Float, h: Float } Empty }
    union Tree { Leaf { v: Int } Node { l: Tree, r: Tree } }
    type Text = std::string::String ;
    : area ( Shape -- Float ) match Circle -> dup f.* Rect { >w } -> Empty -> 0.0 end ;
    : unused-fields ( Shape -- Int ) match Circle -> drop 1 Rect -> drop drop 2 Empty -> 3 end ;
    : leaves ( Tree -- Int ) match Leaf { } -> 1 Node -> leaves swap leaves i.+ end ;
    : shapes ( -- Shape Shape Bool Float ) 1.0 Make-Circle Make-Empty over is-Circle? 2.0 3.0 Make-Rect Rect-h ;
    : symbols ( -- Bool String ) :a :b symbol.= "c" string->symbol symbol->string ;
    : variants ( -- Int Symbol Variant ) 1 "x" :v variant.make-2 dup 0 variant.field-at swap dup variant.tag swap variant.init ;
    : texts ( Text -- Text Text ) dup ;
    : make-adder ( Int -- Closure[ Int -- Int ] ) [ i.+ ] ;
    : use-closure ( Int -- Int ) 5 make-adder call ;
    : unused-closure ( Int -- Int ) 5 make-adder drop ;
    : counter ( Ctx<Int> Int -- | Yield Int ) tuck yield rot i.+ counter ;
    : weave-once ( -- Int Bool ) [ counter ] strand.weave 1 strand.resume rot strand.weave-cancel ;
    : ignoring-weave ( -- ) [ drop drop ] strand.weave drop ;
    : classify ( Int -- Int ) [ dup 0 i.< ] [ drop -1 ] [ true ] [ drop 1 ] 2 cond ;
    : count-down ( Int -- Int ) [ dup 0 i.> ] [ 1 i.- ] while ;
    : count-up ( Int -- Int ) [ dup 5 i.>= ] [ 1 i.+ ] until ;
    // Words that wait also get `_async` forms, unused here.
    : relay-one ( Channel<Int> Channel<Int> -- ) swap chan.receive drop swap chan.send drop ;
    : nap ( -- ) 0 time.sleep-ms chan.yield ;
    : spawn-waiting ( Int -- Int ) chan.make 2dup [ chan.send drop ] strand.spawn drop drop drop chan.receive drop nip ;
    : ping-w ( Channel<Int> Int -- ) dup 0 i.> [ 1 i.- over chan.receive drop drop pong-w ] [ drop drop ] if ;
    : pong-w ( Channel<Int> Int -- ) ping-w ;
}

// A `.seq` file's words, and the file tracking, are warning-free too.
seq::include_seq!("tests/seq/helpers/double.seq");

#[test]
fn every_word_runs() {
    assert_eq!(double(21), 42);
    ignore_all(1, String::new(), true, 0.5);
    assert_eq!(ignore_some(1, 2), 2);
    assert_eq!(copies("a".into()).2, "a");
    assert_eq!(done_p("<done>".into()), ("<done>".to_string(), true));
    assert_eq!(
        text_compares("a".into()),
        ("a".to_string(), false, true, true, false)
    );
    assert_eq!(generic(1, 'x'), ('x', 1, 1));
    assert_eq!(constants().0, -1);
    assert_eq!(unused_branch_value(5, true), 0);
    only_effects(false);
    nothing_either_way(true);
    when_effect(false);
    assert_eq!(loop_unused(3, 9), 0);
    assert_eq!(loop_strings(String::new(), 3), "...");
    assert_eq!(
        labels(7, "s".into()),
        ("n=7".into(), "<s".into(), "s>".into(), "ab".into())
    );
    times_nothing();
    assert_eq!(times_unchanged(4), 4);
    assert_eq!(times_quotation(), 3);
    let (inc, noop) = closures();
    noop();
    assert_eq!(inc(1), 2);
    assert_eq!(choose(false)(3), 6);
    assert_eq!(apply(1, inc), 2);
    assert_eq!(apply_unused(1, inc), 1);
    assert_eq!(aux(1, 2), (2, 2));
    assert_eq!(picks(1, "s".into()).2, 1);
    assert_eq!(rolls(1, "s".into(), true).2, 1);
    assert_eq!(keep_bi("abc".into()), (3, "abc".to_string(), 3, 0));
    assert_eq!(dip_strings("x".into(), "y".into()).0, "xa");
    assert!(!bool_ops(1, 2));
    assert_eq!(div_ok(6, 3), 2);
    assert_eq!(use_row(4), 8);
    assert_eq!(fn_literal(), 50);
    assert_eq!(r#loop(0), 10);
    assert_eq!(tick(3, String::new()), "ttt");
    assert_eq!(list_words(2).1, 0);
    let words: seq::runtime::List<String> = ["a".to_string(), String::new()].into_iter().collect();
    assert_eq!(list_loops(words.clone()).2, "a");
    list_each_unused(list_words(3).0);
    assert_eq!(map_words().1, 1);
    assert_eq!(tock(0, String::new()), "t");
    assert_eq!(area(Shape::Rect { w: 2.0, h: 9.0 }), 2.0);
    assert_eq!(unused_fields(Shape::Empty), 3);
    assert_eq!(
        leaves(Tree::Node {
            l: Tree::Leaf { v: 1 }.into(),
            r: Tree::default().into()
        }),
        2
    );
    assert_eq!(shapes().3, 3.0);
    assert_eq!(symbols(), (false, "c".to_string()));
    assert_eq!(variants().0, 1);
    assert_eq!(texts("ab".into()).1, "ab");
    assert_eq!(use_closure(1), 6);
    assert_eq!(unused_closure(1), 1);
    assert_eq!(weave_once(), (1, true));
    ignoring_weave();
    assert_eq!(classify(-4), -1);
    assert_eq!(count_down(3), 0);
    assert_eq!(count_up(0), 5);
    let (a, b) = (seq::runtime::Channel::new(), seq::runtime::Channel::new());
    a.send(7);
    relay_one(a.clone(), b.clone());
    assert_eq!(b.receive(), (7, true));
    nap();
    assert_eq!(spawn_waiting(3), 3);
    a.send(1);
    a.send(2);
    ping_w(a, 2);
    pong_w(b, 0);
}
