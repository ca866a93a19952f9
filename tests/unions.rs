//! Unions and `match`: the generated enum and words, both arm forms, nested and recursive
//! unions, lists and maps of unions, unions in tail-recursive loops and across strands,
//! and the runtime error of an accessor used on the wrong variant.

use seq::runtime::{Channel, List, Map, Symbol};
use seq::seq;

seq! {
    union Shape { Circle { r: Float } Rect { w: Float, h: Float } Empty }
    union Tree { Leaf { v: Int } Node { l: Tree, r: Tree } }
    union Named { Tagged { name: String, tag: Symbol, shape: Shape, ok: Bool } Anonymous }

    : area ( Shape -- Float )
      match
        Circle { >r } -> dup f.* 3.0 f.*
        Rect -> f.*
        Empty -> 0.0
      end ;
    // Named fields are pushed in declaration order, whatever order the braces list them.
    : rect-parts ( Shape -- Float Float )
      match
        Rect { >h >w } ->
        Circle -> 0.0
        Empty -> 0.0 0.0
      end ;
    : height ( Shape -- Float ) match Rect { >h } -> Circle -> drop 0.0 Empty -> 0.0 end ;
    : tree-sum ( Tree -- Int ) match Leaf -> Node -> tree-sum swap tree-sum i.+ end ;
    : depth ( Tree -- Int ) match Leaf { } -> 1 Node -> depth swap depth max 1 i.+ end ;
    : max ( Int Int -- Int ) 2dup i.< [ nip ] [ drop ] if ;
    : full ( Int -- Tree )
      dup 0 i.= if drop 1 Make-Leaf else 1 i.- dup full swap full Make-Node then ;
    : shapes ( -- List<Shape> )
      list.make 1.0 Make-Circle list.push 2.0 3.0 Make-Rect list.push Make-Empty list.push ;
    : total-area ( List<Shape> -- Float ) 0.0 [ area f.+ ] list.fold ;
    : circles ( List<Shape> -- List<Shape> ) [ is-Circle? ] list.filter ;
    : by-name ( -- Map<String, Shape> )
      map.make "unit" 1.0 Make-Circle map.set "wide" 4.0 1.0 Make-Rect map.set ;
    : lookup ( Map<String, Shape> String -- Shape Bool ) map.get ;
    : describe ( Named -- String )
      match
        Tagged { >name >tag >shape } -> area float->string " " string.concat
          swap symbol->string string.concat " " string.concat swap string.concat
        Anonymous -> "?"
      end ;
    : is-ok ( Named -- Bool ) match Tagged { >ok } -> Anonymous -> false end ;
    : tagged ( -- Named ) "sq" :box 2.0 2.0 Make-Rect true Make-Tagged ;
    : radius ( Shape -- Float ) Circle-r ;
    : checks ( Shape -- Bool Bool Bool ) dup is-Circle? over is-Rect? rot is-Empty? ;
    // Tail calls inside arms become a loop.
    : count-down ( Tree Int -- Int )
      swap match
        Leaf -> i.+
        Node -> drop swap 1 i.+ count-down
      end ;
    : send-shapes ( Channel<Shape> -- ) dup 5.0 Make-Circle swap chan.send drop Make-Empty swap chan.send drop ;
    : shape-first ( List<Shape> -- Shape Bool ) list.first ;

    // Fields of any type: a plain List, Map or Channel holds Variants.
    union Message {
        Ping { reply: Channel }
        Batch { items: List, counts: Map }
        Job { run: [ Int -- Int ] }
        Tally { counts: Map<String, Int>, each: List<Int> }
        Boxed { any: Variant }
    }
    : ping-back ( Int Message -- Bool ) Ping-reply chan.send ;
    : batch ( -- Message ) list.make 1 list.push "two" list.push map.make "a" 1 map.set Make-Batch ;
    : batch-size ( Message -- Int ) match Batch { >items } -> list.length Ping -> drop 0 Job -> drop 0 Boxed -> drop 0 Tally -> drop drop 0 end ;
    : run-job ( Int Message -- Int ) Job-run call ;
    : double-job ( -- Message ) [ 2 i.* ] Make-Job ;
    : tally ( -- Message ) map.make "a" 1 map.set list.make 5 list.push Make-Tally ;
}

#[test]
fn generated_words_and_both_arm_forms() {
    assert_eq!(area(Shape::Circle { r: 2.0 }), 12.0);
    assert_eq!(area(Shape::Rect { w: 2.0, h: 5.0 }), 10.0);
    assert_eq!(area(Shape::Empty), 0.0);
    assert_eq!(rect_parts(Shape::Rect { w: 2.0, h: 5.0 }), (2.0, 5.0));
    assert_eq!(rect_parts(Shape::Circle { r: 3.0 }), (3.0, 0.0));
    assert_eq!(height(Shape::Rect { w: 2.0, h: 5.0 }), 5.0);
    assert_eq!(radius(Shape::Circle { r: 1.5 }), 1.5);
    assert_eq!(checks(Shape::Circle { r: 1.0 }), (true, false, false));
    assert_eq!(checks(Shape::Empty), (false, false, true));
    assert_eq!(
        Shape::default(),
        Shape::Circle { r: 0.0 },
        "the first variant with default fields"
    );
}

#[test]
fn recursive_and_nested_unions() {
    let tree = full(10);
    assert_eq!(tree_sum(tree.clone()), 1024);
    assert_eq!(depth(tree.clone()), 11);
    // A copy is an independent value: taking the tree apart leaves the copy whole.
    let copy = tree.clone();
    assert_eq!(tree_sum(tree), tree_sum(copy.clone()));
    assert_eq!(depth(copy), 11);
    assert_eq!(Tree::default(), Tree::Leaf { v: 0 });
    let named = tagged();
    assert_eq!(
        describe(named.clone()),
        "4 box sq",
        "float->string prints as upstream"
    );
    assert!(is_ok(named));
    assert_eq!(describe(Named::Anonymous), "?");
    assert!(!is_ok(Named::Anonymous));
    let Named::Tagged { tag, .. } = tagged() else {
        panic!()
    };
    assert_eq!(tag, Symbol::new("box"));
}

#[test]
fn unions_in_lists_maps_and_channels() {
    let all = shapes();
    assert_eq!(all.len(), 3);
    assert_eq!(total_area(all.clone()), 3.0 + 6.0);
    assert_eq!(
        circles(all.clone()),
        List::from(vec![Shape::Circle { r: 1.0 }])
    );
    assert_eq!(all.len(), 3, "filtering a copy leaves the original");
    assert_eq!(shape_first(List::new()), (Shape::Circle { r: 0.0 }, false));
    let named: Map<String, Shape> = by_name();
    assert_eq!(
        lookup(named.clone(), "wide".into()),
        (Shape::Rect { w: 4.0, h: 1.0 }, true)
    );
    assert!(!lookup(named, "none".into()).1);
    let chan = Channel::new();
    send_shapes(chan.clone());
    assert_eq!(chan.receive(), (Shape::Circle { r: 5.0 }, true));
    assert_eq!(chan.receive(), (Shape::Empty, true));
}

#[test]
fn tail_calls_in_arms_loop() {
    let leaf = Tree::Leaf { v: 5 };
    assert_eq!(count_down(leaf, 1), 6);
    let node = full(1);
    assert_eq!(count_down(node, 0), 2);
}

#[test]
fn an_accessor_on_the_wrong_variant_names_the_word() {
    let err = std::panic::catch_unwind(|| radius(Shape::Empty)).unwrap_err();
    assert_eq!(
        err.downcast_ref::<&str>().copied(),
        Some("Circle-r: the Shape is not a Circle")
    );
}

#[test]
fn fields_of_any_type() {
    let reply = Channel::new();
    assert!(ping_back(
        7,
        Message::Ping {
            reply: reply.clone()
        }
    ));
    assert_eq!(reply.receive().0, seq::runtime::Value::Int(7));
    assert_eq!(batch_size(batch()), 2);
    assert_eq!(run_job(21, double_job()), 42);
    let Message::Tally { counts, each } = tally() else {
        panic!()
    };
    assert_eq!(counts.get(&"a".to_string()), (1, true));
    assert_eq!(each.len(), 1);
    let Message::Batch { counts, .. } = batch() else {
        panic!()
    };
    let key = seq::runtime::Value::String("a".into());
    assert_eq!(counts.get(&key), (seq::runtime::Value::Int(1), true));
}
