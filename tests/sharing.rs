//! Duplicated non-`Copy` values share one local and are cloned only where a move needs
//! its own copy. Each word here would fail to compile (use after move) if a clone were
//! missing, and each result checks no value was mixed up.

use seq::seq;

seq! {
    : self-concat ( String -- String ) dup string.concat ;
    : concat-over ( String String -- String String ) over string.concat ;
    : length-keep ( String -- String Int ) dup string.length ;
    : three-copies ( String -- String String String ) dup dup ;
    : moved-twice ( String -- String ) dup "-" string.concat swap string.concat ;
    : tail-dup ( String Int -- String ) dup 0 i.> [ 1 i.- swap dup string.concat swap tail-dup ] [ drop ] if ;
    : tail-shared-params ( String String Int -- String ) dup 0 i.> [ 1 i.- rot drop over swap tail-shared-params ] [ drop nip ] if ;
    : times-shared ( String -- String ) 3 [ dup string.concat ] times ;
    : times-keeps-copy ( String -- String String ) dup 2 [ "x" string.concat ] times ;
    : keep-string ( String -- Int String ) [ string.length ] keep ;
    : keep-consuming ( String -- String String ) [ "!" string.concat ] keep ;
    : dip-shared ( String -- String String ) dup [ "<" swap string.concat ] dip ;
    : bi-string ( String -- String String ) [ "a" string.concat ] [ "b" string.concat ] bi ;
    : branch-shared ( String Bool -- String String ) over swap [ "+" string.concat ] [ ] if ;
    : pick-shared ( String Int -- String Int String ) 1 pick ;
    : aux-shared ( String -- String String ) dup >aux "?" string.concat aux> ;
    : generic-dup ( T -- T T T ) dup dup ;
    : equal-self ( String -- Bool ) dup string.equal? ;
    : send-twice ( Channel<String> String -- Int )
        2dup swap chan.send drop swap chan.send drop 0 ;
}

#[test]
fn clones_only_where_needed_and_values_stay_right() {
    let s = |x: &str| x.to_string();
    assert_eq!(self_concat(s("ab")), "abab");
    assert_eq!(concat_over(s("a"), s("b")), (s("a"), s("ba")));
    assert_eq!(length_keep(s("héllo")), (s("héllo"), 5));
    assert_eq!(three_copies(s("x")), (s("x"), s("x"), s("x")));
    assert_eq!(moved_twice(s("a")), "a-a");
    assert_eq!(tail_dup(s("a"), 3), "aaaaaaaa");
    assert_eq!(tail_shared_params(s("a"), s("b"), 2), "b");
    assert_eq!(times_shared(s("a")), "aaaaaaaa");
    assert_eq!(times_keeps_copy(s("a")), (s("a"), s("axx")));
    assert_eq!(keep_string(s("abc")), (3, s("abc")));
    assert_eq!(keep_consuming(s("hi")), (s("hi!"), s("hi")));
    assert_eq!(dip_shared(s("x")), (s("<x"), s("x")));
    assert_eq!(bi_string(s("x")), (s("xa"), s("xb")));
    assert_eq!(branch_shared(s("x"), true), (s("x"), s("x+")));
    assert_eq!(branch_shared(s("x"), false), (s("x"), s("x")));
    assert_eq!(pick_shared(s("p"), 1), (s("p"), 1, s("p")));
    assert_eq!(aux_shared(s("q")), (s("q?"), s("q")));
    assert_eq!(generic_dup(vec![1]), (vec![1], vec![1], vec![1]));
    assert!(equal_self(s("same")));
    let ch = seq::runtime::Channel::new();
    assert_eq!(send_twice(ch.clone(), s("m")), 0);
    assert_eq!(ch.receive(), (s("m"), true));
    assert_eq!(ch.receive(), (s("m"), true));
}

// Lists built in loops: a loop variable only ever pushed onto is built as a `Vec`; any
// other use (a copy kept, a read, a replacement) keeps list semantics.
seq! {
    : built ( Int -- List<Int> ) list.make swap [ list.push ] each-integer ;
    : built-from ( List<Int> -- List<Int> ) list.make swap [ 2 i.* list.push ] list.each ;
    : copy-outside ( Int -- List<Int> List<Int> ) list.make dup rot [ swap 1 list.push swap ] times ;
    : read-inside ( Int -- List<Int> Int ) list.make 0 rot [ drop dup list.length swap 7 list.push swap ] times ;
    : copy-inside ( Int -- List<Int> ) list.make swap [ dup 5 list.push drop ] times ;
    : replaced ( Int -- List<Int> ) list.make swap [ 1 list.push drop list.make 2 list.push ] times ;
    : two-lists ( Int -- List<Int> List<Int> )
      list.make list.make rot [ list.push ] each-integer ;
}

#[test]
fn lists_built_in_loops_keep_value_semantics() {
    use seq::runtime::List;
    assert_eq!(built(4), List::from(vec![0, 1, 2, 3]));
    assert_eq!(built_from(List::from(vec![1, 2])), List::from(vec![2, 4]));
    let (grown, untouched) = copy_outside(3);
    assert_eq!((grown, untouched), (List::from(vec![1, 1, 1]), List::new()));
    assert_eq!(read_inside(3), (List::from(vec![7, 7, 7]), 2));
    assert_eq!(
        copy_inside(3),
        List::new(),
        "pushes onto copies are dropped"
    );
    assert_eq!(replaced(3), List::from(vec![2]));
    let (a, b) = two_lists(3);
    assert_eq!((a, b), (List::new(), List::from(vec![0, 1, 2])));
}
