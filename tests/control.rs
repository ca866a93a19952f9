//! Conditionals (both forms), combinators, quotations, the aux stack, pick/roll, and
//! guaranteed tail calls.

use seq::seq;

seq! {
    // Both forms of `if` compile to the same Rust `if`.
    : sign-block ( Int -- Int ) dup 0 i.< if drop -1 else 0 i.> if 1 else 0 then then ;
    : sign-combinator ( Int -- Int ) dup 0 i.< [ drop -1 ] [ 0 i.> [ 1 ] [ 0 ] if ] if ;
    : abs-when ( Int -- Int ) dup 0 i.< [ negate ] when ;
    : abs-unless ( Int -- Int ) dup 0 i.>= [ negate ] unless ;
    : clamp-block ( Int -- Int ) dup 100 i.> if drop 100 then ;

    // Arms that reach different depths.
    : pick-arm ( Int Int Bool -- Int ) [ i.+ ] [ nip ] if ;
    : deep-arm ( Int Int Int Bool -- Int Int ) if rot drop else nip then ;

    // Combinators with literal quotations (inlined) and with quotation values.
    : dip-test ( Int Int -- Int Int ) [ 10 i.* ] dip ;
    : keep-test ( Int -- Int Int ) [ 1 i.+ ] keep ;
    : bi-test ( Int -- Int Int ) [ 2 i.* ] [ 3 i.* ] bi ;
    : call-test ( Int -- Int ) [ 7 i.+ ] call ;
    : times-test ( Int -- Int ) 5 [ 2 i.* ] times ;
    : times-zero ( Int -- Int ) 0 [ 2 i.* ] times ;
    : times-negative ( Int -- Int ) -3 [ 2 i.* ] times ;
    : times-two-slots ( Int Int Int -- Int Int ) [ swap over i.+ ] times ;
    : apply-value ( Int [ Int -- Int ] -- Int ) call ;
    : twice ( Int [ Int -- Int ] -- Int ) dup [ call ] dip call ;
    : dip-value ( Int Int [ Int -- Int ] -- Int Int ) dip ;
    : keep-value ( Int [ Int -- Int Int ] -- Int Int Int ) keep ;
    : bi-value ( Int [ Int -- Int ] [ Int -- Int ] -- Int Int ) bi ;
    : if-value ( Int Bool [ Int -- Int ] [ Int -- Int ] -- Int ) if ;
    : times-value ( Int Int [ Int -- Int ] -- Int ) times ;
    : sum-below ( Int -- Int ) 0 swap [ i.+ ] each-integer ;
    : digits-below ( Int -- String ) "" swap [ int->string string.concat ] each-integer ;
    : count-evens ( Int -- Int ) 0 [ 2 i.% drop 0 i.= [ 1 i.+ ] when ] integer-fold ;
    : fold-value ( Int Int [ Int Int -- Int ] -- Int ) integer-fold ;
    : each-value ( Int Int [ Int Int -- Int ] -- Int ) each-integer ;
    : add-three ( -- [ Int -- Int ] ) [ 3 i.+ ] ;
    : pick-quotation ( Bool -- [ Int -- Int ] ) [ [ 1 i.+ ] ] [ [ 100 i.* ] ] if ;
    : use-values ( Int -- Int ) add-three apply-value false pick-quotation apply-value ;
    : pass-literal ( Int -- Int ) [ 4 i.* ] apply-value ;
    : quotation-in-quotation ( Int -- Int ) [ [ 1 i.+ ] call ] call ;
    : stored-then-called ( Int -- Int ) [ 2 i.+ ] swap over call swap call ;
    : literal-through-shuffles ( Int -- Int ) [ 5 i.+ ] >aux 1 i.+ aux> call ;
    : quotation-returning-two ( -- [ Int -- Int Int ] ) [ dup ] ;

    // The aux stack and pick / roll.
    : aux-swap ( Int Int -- Int Int ) >aux >aux aux> aux> ;
    : pick0 ( Int -- Int Int ) 0 pick ;
    : pick2 ( Int Int Int -- Int Int Int Int ) 2 pick ;
    : roll1 ( Int Int -- Int Int ) 1 roll ;
    : roll2 ( Int Int Int -- Int Int Int ) 2 roll ;
    : pick-string ( String Int -- String Int String ) 1 pick ;

    // Generic words.
    : dup-any ( T -- T T ) dup ;
    : swap-any ( T U -- U T ) swap ;

    // A word whose effect has row variables is expanded at each use.
    : apply-row ( ..a [ ..a -- ..b ] -- ..b ) call ;
    : use-apply-row ( Int Int -- Int ) [ i.+ ] apply-row ;
    : use-apply-row-deep ( Int Int Int -- Int ) [ i.+ i.+ ] apply-row ;

    // Tail calls: every form of conditional, and plain.
    : count-block ( Int Int -- Int ) over 0 i.> if swap 1 i.- swap 1 i.+ count-block else nip then ;
    : count-combinator ( Int Int -- Int ) over 0 i.> [ swap 1 i.- swap 1 i.+ count-combinator ] [ nip ] if ;
    : count-when ( Int Int -- Int Int ) over 0 i.> [ swap 1 i.- swap 1 i.+ count-when ] when ;
    : count-unless ( Int Int -- Int Int ) over 0 i.<= [ swap 1 i.- swap 1 i.+ count-unless ] unless ;
    : count-nested ( Int Int -- Int ) over 0 i.> if over 2 i.% drop 0 i.= if swap 1 i.- swap 1 i.+ count-nested else swap 1 i.- swap 2 i.+ count-nested then else nip then ;
    : count-call ( Int Int -- Int ) over 0 i.> [ [ swap 1 i.- swap 1 i.+ count-call ] call ] [ nip ] if ;
    : count-strings ( String Int -- String ) dup 0 i.> [ 1 i.- swap "x" string.concat swap count-strings ] [ drop ] if ;

    // Mutual tail recursion runs in constant stack too.
    : even? ( Int -- Bool ) dup 0 i.= [ drop true ] [ 1 i.- odd? ] if ;
    : odd? ( Int -- Bool ) dup 0 i.= if drop false else 1 i.- even? then ;
    : ping ( Int Int -- Int ) over 0 i.> [ swap 1 i.- swap 1 i.+ pong ] [ nip ] if ;
    : pong ( Int Int -- Int ) over 0 i.> [ swap 1 i.- swap 2 i.+ pang ] [ nip ] if ;
    : pang ( Int Int -- Int ) over 0 i.> [ swap 1 i.- swap 3 i.+ ping ] [ nip ] if ;
    : shout-down ( String Int -- String ) dup 0 i.> [ 1 i.- swap "!" string.concat swap whisper-down ] [ drop ] if ;
    : whisper-down ( String Int -- String ) dup 0 i.> [ 1 i.- shout-down ] [ drop ] if ;

    // Non-tail recursion stays recursion.
    : fib ( Int -- Int ) dup 2 i.< if else dup 1 i.- fib swap 2 i.- fib i.+ then ;
}

#[test]
fn both_if_forms_agree() {
    for n in [-5, -1, 0, 1, 7] {
        assert_eq!(sign_block(n), n.signum());
        assert_eq!(sign_combinator(n), n.signum());
        assert_eq!(abs_when(n), n.abs());
        assert_eq!(abs_unless(n), n.abs());
    }
    assert_eq!(clamp_block(150), 100);
    assert_eq!(clamp_block(50), 50);
}

#[test]
fn arms_of_different_depth() {
    assert_eq!(pick_arm(2, 3, true), 5);
    assert_eq!(pick_arm(2, 3, false), 3);
    assert_eq!(deep_arm(1, 2, 3, true), (2, 3));
    assert_eq!(deep_arm(1, 2, 3, false), (1, 3));
}

#[test]
fn combinators_with_literals() {
    assert_eq!(dip_test(2, 3), (20, 3));
    assert_eq!(keep_test(4), (5, 4));
    assert_eq!(bi_test(5), (10, 15));
    assert_eq!(call_test(1), 8);
    assert_eq!(times_test(1), 32);
    assert_eq!(times_zero(1), 1);
    assert_eq!(times_negative(1), 1);
    // Fibonacci by iteration: (a, b) -> (b, a + b).
    assert_eq!(times_two_slots(0, 1, 10), (55, 89));
}

#[test]
fn quotation_values() {
    assert_eq!(apply_value(5, |x| x * 3), 15);
    assert_eq!(twice(5, |x| x + 10), 25);
    assert_eq!(dip_value(1, 2, |x| x - 10), (-9, 2));
    assert_eq!(keep_value(3, |x| (x, x * x)), (3, 9, 3));
    assert_eq!(bi_value(6, |x| x + 1, |x| x - 1), (7, 5));
    assert_eq!(if_value(6, true, |x| x + 1, |x| x - 1), 7);
    assert_eq!(if_value(6, false, |x| x + 1, |x| x - 1), 5);
    assert_eq!(times_value(1, 4, |x| x * 10), 10_000);
    assert_eq!(sum_below(10), 45);
    assert_eq!(sum_below(0), 0);
    assert_eq!(sum_below(-5), 0);
    assert_eq!(digits_below(5), "01234");
    assert_eq!(count_evens(10), 5);
    assert_eq!(fold_value(4, 100, |acc, i| acc - i), 94);
    assert_eq!(each_value(100, 4, |acc, i| acc * 10 + i), 1_000_123);
    assert_eq!(add_three()(4), 7);
    assert_eq!(pick_quotation(true)(4), 5);
    assert_eq!(pick_quotation(false)(4), 400);
    assert_eq!(use_values(1), 400);
    assert_eq!(pass_literal(3), 12);
    assert_eq!(quotation_in_quotation(1), 2);
    assert_eq!(stored_then_called(1), 5);
    assert_eq!(literal_through_shuffles(1), 7);
    assert_eq!(quotation_returning_two()(9), (9, 9));
}

#[test]
fn aux_pick_roll() {
    assert_eq!(aux_swap(1, 2), (1, 2));
    assert_eq!(pick0(4), (4, 4));
    assert_eq!(pick2(1, 2, 3), (1, 2, 3, 1));
    assert_eq!(roll1(1, 2), (2, 1));
    assert_eq!(roll2(1, 2, 3), (2, 3, 1));
    assert_eq!(
        pick_string("a".into(), 1),
        ("a".to_string(), 1, "a".to_string())
    );
}

#[test]
fn generic_words() {
    assert_eq!(dup_any("x".to_string()), ("x".to_string(), "x".to_string()));
    assert_eq!(dup_any(1.5), (1.5, 1.5));
    assert_eq!(swap_any(1, "y"), ("y", 1));
}

#[test]
fn row_polymorphic_words_expand() {
    assert_eq!(use_apply_row(2, 3), 5);
    assert_eq!(use_apply_row_deep(1, 2, 3), 6);
}

/// Runs `f` on a thread with a 64 KB stack: a recursion that is not a loop overflows it.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(f)
        .expect("spawn thread")
        .join()
        .expect("no stack overflow")
}

#[test]
fn tail_calls_are_loops() {
    const N: i64 = 10_000_000;
    assert_eq!(on_small_stack(|| count_block(N, 0)), N);
    assert_eq!(on_small_stack(|| count_combinator(N, 0)), N);
    assert_eq!(on_small_stack(|| count_when(N, 0)), (0, N));
    assert_eq!(on_small_stack(|| count_unless(N, 0)), (0, N));
    assert_eq!(on_small_stack(|| count_nested(N, 0)), N + N / 2);
    assert_eq!(on_small_stack(|| count_call(N, 0)), N);
    assert_eq!(
        on_small_stack(|| count_strings(String::new(), 100_000).len()),
        100_000
    );
}

#[test]
fn mutual_tail_calls_are_loops() {
    const N: i64 = 10_000_000;
    assert!(on_small_stack(|| even_p(N)));
    assert!(on_small_stack(|| odd_p(N + 1)));
    assert!(!even_p(7) && odd_p(7));
    // Each full round of ping, pong, pang adds 6.
    assert_eq!(on_small_stack(|| ping(3 * N, 0)), 6 * N);
    assert_eq!(ping(4, 0), 1 + 2 + 3 + 1);
    assert_eq!(
        on_small_stack(|| shout_down(String::new(), 200_000).len()),
        100_000
    );
}

#[test]
fn non_tail_recursion() {
    assert_eq!(fib(20), 6765);
}

// `while` and `until` (std:loops upstream; builtins here).
seq! {
    : collatz-steps ( Int -- Int )
        0 swap [ dup 1 i.> ] [ dup 2 i.% drop 0 i.= [ 2 i./ drop ] [ 3 i.* 1 i.+ ] if swap 1 i.+ swap ] while drop ;
    : count-up ( Int -- Int ) 0 [ 2dup i.<= ] [ 1 i.+ ] until nip ;
    // The condition may change the stack; stopping keeps what it left.
    : drain ( Int -- Int ) [ 1 i.- dup 0 i.> ] [ ] while ;
    : long-while ( Int -- Int ) 0 swap [ dup 0 i.> ] [ 1 i.- swap 1 i.+ swap ] while drop ;
    : strings-while ( Int -- String ) "" swap [ dup 0 i.> ] [ 1 i.- swap "ab" string.concat swap ] while drop ;
}

#[test]
fn while_and_until_loops() {
    assert_eq!(collatz_steps(1), 0);
    assert_eq!(collatz_steps(6), 8);
    assert_eq!(collatz_steps(27), 111);
    assert_eq!(count_up(5), 5);
    assert_eq!(count_up(-3), 0);
    assert_eq!(drain(5), 0);
    assert_eq!(long_while(10_000_000), 10_000_000);
    assert_eq!(strings_while(3), "ababab");
}
