//! Words that wait (receive, send, sleep, yield, `extern async`) and their `_async` forms:
//! each is run both ways, the plain function on this thread and the future with
//! `block_on`, through non-tail and mutual recursion, quotations and closures, `cond`,
//! `match`, loops, tail groups, generic words, bounded channels and a tree of strands;
//! and the futures are `Send`.
#![deny(warnings)]

use seq::runtime::{block_on, spawn_async, Channel, List};
use seq::seq;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A future that is pending once (waking itself) before it is ready: a real wait.
struct PendingOnce(bool);

impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// A Rust `async fn` used as a Seq word.
pub async fn double_later(x: i64) -> i64 {
    PendingOnce(false).await;
    x * 2
}

seq! {
    // Non-tail recursion with a receive before and after the recursive call.
    : drain-nested ( Channel<Int> Int -- Int )
        dup 0 i.> if
            over chan.receive drop rot rot
            over swap 1 i.- drain-nested
            swap chan.receive drop i.+ i.+
        else
            drop drop 0
        then ;

    // Mutual non-tail recursion.
    : even-sum ( Channel<Int> Int -- Int )
        dup 0 i.> if over chan.receive drop >aux 1 i.- odd-sum aux> i.+ else drop drop 0 then ;
    : odd-sum ( Channel<Int> Int -- Int )
        dup 0 i.> if over chan.receive drop >aux 1 i.- even-sum aux> i.- else drop drop 0 then ;

    // Mutual tail recursion through a receive: one loop.
    : ping ( Channel<Int> Int Int -- Int )
        over 0 i.> if >aux 1 i.- over chan.receive drop aux> i.+ pong else nip nip then ;
    : pong ( Channel<Int> Int Int -- Int )
        over 0 i.> if >aux 1 i.- over chan.receive drop aux> swap i.- ping else nip nip then ;

    // A spawned quotation literal that waits, and a waiting quotation run in place.
    : via-strand ( Int -- Int )
        chan.make chan.make
        2dup [ swap chan.receive drop 1 i.+ swap chan.send drop ] strand.spawn drop drop drop
        rot rot chan.send drop
        chan.receive drop ;
    : call-receive ( Channel<Int> -- Int ) [ chan.receive drop ] call ;

    // Closures that capture and wait stay synchronous.
    : receiver ( Channel<Int> -- Closure[ -- Int ] ) [ chan.receive drop ] ;
    : closure-then-receive ( Channel<Int> -- Int ) dup receiver call swap chan.receive drop i.+ ;

    // `cond` with waiting predicates and bodies.
    : cond-receive ( Channel<Int> -- Int )
        [ dup chan.receive drop 0 i.> ] [ chan.receive drop ] [ true ] [ drop -1 ] 2 cond ;

    // `match` with a waiting arm.
    union Msg { Add { n: Int } Recv { ch: Channel<Int> } Stop }
    : handle ( Int Msg -- Int ) match Add -> i.+ Recv -> chan.receive drop i.+ Stop -> end ;

    // Loops around receives.
    : sum-n ( Channel<Int> Int -- Int ) 0 swap [ over chan.receive drop i.+ ] times nip ;
    : sum-until-closed ( Channel<Int> -- Int )
        0 over chan.receive [ dup ] [ drop i.+ over chan.receive ] while drop drop nip ;
    : receive-each ( Channel<Int> List<Int> -- Int )
        0 swap [ i.+ over chan.receive drop i.+ ] list.each nip ;
    : receive-all ( List<Channel<Int>> -- List<Int> ) [ chan.receive drop ] list.map ;

    // Generic waiting words.
    : relay ( Channel Channel -- ) swap chan.receive drop swap chan.send drop ;
    : pass ( T Channel<T> -- T ) tuck chan.send drop chan.receive drop ;
    : put ( T Channel<T> -- ) chan.send drop ;
    : spawn-put ( T -- T ) chan.make 2dup [ put ] strand.spawn drop drop drop chan.receive drop nip ;

    // Rust `async fn`s as words.
    : double ( Int -- Int ) extern async crate::double_later ;
    : quadruple ( Int -- Int ) double double ;

    // Bounded channels, sleeping and yielding.
    : bounded-pair ( Int Int -- Int Int )
        2 chan.make-bounded rot over chan.send drop swap over chan.send drop
        dup chan.receive drop swap chan.receive drop ;
    : nap-and-count ( Int -- Int ) 1 time.sleep-ms chan.yield 1 i.+ ;

    // A tree of strands: each node spawns its two halves (itself) and sums their replies.
    : tree-sum ( Channel<Int> Int Int -- )
        2dup i.>= if
            drop swap chan.send drop
        else
            2dup i.+ 2 i./ drop chan.make
            dup 4 pick 3 pick [ tree-sum ] strand.spawn drop drop drop drop
            dup 2 pick 1 i.+ 4 pick [ tree-sum ] strand.spawn drop drop drop drop
            dup chan.receive drop swap chan.receive drop i.+
            nip nip nip swap chan.send drop
        then ;
    : tree ( Int -- Int ) chan.make dup 1 3 pick [ tree-sum ] strand.spawn drop drop drop drop chan.receive drop nip ;
}

fn filled(values: &[i64]) -> Channel<i64> {
    let ch = Channel::new();
    for &v in values {
        ch.send(v);
    }
    ch
}

fn assert_send<T: Send>(_: &T) {}

#[test]
fn non_tail_recursion_waits_before_and_after_the_call() {
    let values: Vec<i64> = (1..=6).collect();
    assert_eq!(drain_nested(filled(&values), 3), 21);
    assert_eq!(block_on(drain_nested_async(filled(&values), 3)), 21);
    // even: x + rest, odd: rest - x.
    assert_eq!(even_sum(filled(&[1, 2, 3]), 3), 1 + (3 - 2));
    assert_eq!(block_on(even_sum_async(filled(&[1, 2, 3]), 3)), 1 + (3 - 2));
    assert_eq!(block_on(odd_sum_async(filled(&[5, 1]), 2)), 1 - 5);
}

#[test]
fn mutual_tail_recursion_waits_in_its_loop() {
    // ping adds what it receives, pong subtracts it.
    let expected = 1 - 2 + 3 - 4;
    assert_eq!(ping(filled(&[1, 2, 3, 4]), 4, 0), expected);
    assert_eq!(block_on(ping_async(filled(&[1, 2, 3, 4]), 4, 0)), expected);
    assert_eq!(block_on(pong_async(filled(&[7]), 1, 10)), 10 - 7);
}

#[test]
fn quotations_that_wait() {
    assert_eq!(via_strand(41), 42);
    assert_eq!(block_on(via_strand_async(41)), 42);
    assert_eq!(call_receive(filled(&[9])), 9);
    assert_eq!(block_on(call_receive_async(filled(&[9]))), 9);
}

#[test]
fn closures_that_wait_still_work() {
    assert_eq!(receiver(filled(&[3]))(), 3);
    assert_eq!(closure_then_receive(filled(&[3, 4])), 7);
    assert_eq!(block_on(closure_then_receive_async(filled(&[3, 4]))), 7);
}

#[test]
fn cond_and_match_wait_in_their_arms() {
    assert_eq!(cond_receive(filled(&[5, 7])), 7);
    assert_eq!(block_on(cond_receive_async(filled(&[5, 7]))), 7);
    assert_eq!(block_on(cond_receive_async(filled(&[-5]))), -1);
    assert_eq!(handle(1, Msg::Add { n: 2 }), 3);
    assert_eq!(handle(1, Msg::Recv { ch: filled(&[5]) }), 6);
    assert_eq!(block_on(handle_async(1, Msg::Recv { ch: filled(&[5]) })), 6);
    assert_eq!(block_on(handle_async(1, Msg::Stop)), 1);
}

#[test]
fn loops_around_receives() {
    assert_eq!(sum_n(filled(&[1, 2, 3]), 3), 6);
    assert_eq!(block_on(sum_n_async(filled(&[1, 2, 3]), 3)), 6);
    let closed = |values: &[i64]| {
        let ch = filled(values);
        ch.close();
        ch
    };
    assert_eq!(sum_until_closed(closed(&[1, 2, 3])), 6);
    assert_eq!(block_on(sum_until_closed_async(closed(&[1, 2, 3]))), 6);
    let list = List::from(vec![10, 20]);
    assert_eq!(receive_each(filled(&[1, 2]), list.clone()), 33);
    assert_eq!(block_on(receive_each_async(filled(&[1, 2]), list)), 33);
    let channels = || List::from(vec![filled(&[1]), filled(&[2])]);
    assert_eq!(receive_all(channels()), List::from(vec![1, 2]));
    assert_eq!(
        block_on(receive_all_async(channels())),
        List::from(vec![1, 2])
    );
}

#[test]
fn generic_words_wait_at_every_type() {
    let (from, to) = (filled(&[4]), Channel::new());
    relay(from, to.clone());
    assert_eq!(to.receive(), (4, true));
    let (from, to) = (Channel::new(), Channel::<String>::new());
    from.send("hi".to_string());
    block_on(relay_async(from, to.clone()));
    assert_eq!(to.receive(), ("hi".to_string(), true));
    assert_eq!(pass(5, Channel::new()), 5);
    assert_eq!(
        block_on(pass_async("s".to_string(), Channel::new())),
        "s".to_string()
    );
    // A generic value sent to a spawned future.
    assert_eq!(spawn_put("x".to_string()), "x");
    assert_eq!(block_on(spawn_put_async(5)), 5);
}

#[test]
fn extern_async_functions_from_sync_and_async_code() {
    assert_eq!(quadruple(3), 12);
    assert_eq!(block_on(quadruple_async(3)), 12);
}

#[test]
fn bounded_channels_sleeping_and_yielding() {
    assert_eq!(bounded_pair(1, 2), (1, 2));
    assert_eq!(block_on(bounded_pair_async(1, 2)), (1, 2));
    assert_eq!(nap_and_count(1), 2);
    assert_eq!(block_on(nap_and_count_async(1)), 2);
}

#[test]
fn a_tree_of_strands() {
    assert_eq!(tree(100), 5050);
    assert_eq!(block_on(tree_async(100)), 5050);
    let out = Channel::new();
    spawn_async(tree_sum_async(out.clone(), 1, 50));
    assert_eq!(out.receive(), (1275, true));
}

#[test]
fn the_futures_are_send() {
    assert_send(&drain_nested_async(Channel::new(), 0));
    assert_send(&even_sum_async(Channel::new(), 0));
    assert_send(&ping_async(Channel::new(), 0, 0));
    assert_send(&via_strand_async(0));
    assert_send(&closure_then_receive_async(Channel::new()));
    assert_send(&handle_async(0, Msg::Stop));
    assert_send(&receive_all_async(List::from(Vec::new())));
    assert_send(&relay_async::<String>(Channel::new(), Channel::new()));
    assert_send(&pass_async(0.5, Channel::new()));
    assert_send(&spawn_put_async(List::<i64>::from(Vec::new())));
    assert_send(&quadruple_async(0));
    assert_send(&tree_sum_async(Channel::new(), 0, 0));
}
