//! Strands and channels through `seq!`: spawning from a plain thread and from strands,
//! every channel operation including the closed-channel cases, element types inferred or
//! left to callers, and the benchmark programs at sizes CI affords.

use seq::runtime::Channel;
use seq::seq;
use seq_suite::strands;

seq! {
    // Spawns a strand that sends the square of n; the caller receives it.
    : square-in-strand ( Int -- Int )
        chan.make dup rot [ dup i.* swap chan.send drop ] strand.spawn drop drop drop
        chan.receive drop ;

    // The child gets copies of the slots it consumes; the parent keeps its own.
    : spawn-copies ( String -- String String )
        chan.make 2dup [ swap "!" string.concat swap chan.send drop ] strand.spawn drop drop drop
        chan.receive drop ;

    // Spawning a quotation value.
    : spawn-value ( Channel<Int> [ Channel<Int> -- ] -- Int ) strand.spawn nip ;
    : send-seven ( Channel<Int> -- ) 7 swap chan.send drop ;

    : send ( Int Channel<Int> -- Bool ) chan.send ;
    : receive ( Channel<Int> -- Int Bool ) chan.receive ;
    : close ( Channel<Int> -- ) chan.close ;
    : make ( -- Channel<Int> ) chan.make ;
    : receive-string ( Channel<String> -- String Bool ) chan.receive ;

    // Element types left open: callers fix them.
    : relay ( Channel Channel -- ) swap chan.receive drop swap chan.send drop ;
    : relay-ints ( Int -- Int )
        chan.make chan.make 2dup [ relay ] strand.spawn drop drop drop
        rot 2 pick chan.send drop chan.receive drop nip ;
    : fresh ( -- Channel ) chan.make ;
    : fresh-strings ( -- Channel<String> ) fresh ;

    : yield-then ( Int -- Int ) chan.yield 1 i.+ ;
    : nap ( -- ) 5 time.sleep-ms ;

    // Many strands, each sending its number; the sum checks each arrived once.
    : spawn-many ( Channel<Int> Int -- )
        dup 0 i.> if
            2dup [ swap chan.send drop ] strand.spawn drop drop drop
            1 i.- spawn-many
        else
            drop drop
        then ;
    : sum-many ( Int -- Int )
        chan.make 2dup swap spawn-many
        0 rot [ over chan.receive drop i.+ ] times nip ;
}

#[test]
fn spawn_from_a_plain_thread() {
    assert_eq!(square_in_strand(12), 144);
    assert_eq!(sum_many(1_000), 500_500);
}

#[test]
fn spawned_strands_get_copies() {
    assert_eq!(
        spawn_copies("hi".into()),
        ("hi".to_string(), "hi!".to_string())
    );
}

#[test]
fn spawn_a_quotation_value() {
    let ch = make();
    let id = spawn_value(ch.clone(), send_seven);
    assert!(id > 0);
    assert_eq!(receive(ch), (7, true));
}

#[test]
fn channel_operations_and_closing() {
    let ch = make();
    assert!(send(1, ch.clone()));
    assert!(send(2, ch.clone()));
    close(ch.clone());
    close(ch.clone()); // idempotent
    assert!(!send(3, ch.clone()), "send after close reports false");
    assert_eq!(
        receive(ch.clone()),
        (1, true),
        "queued values drain after close"
    );
    assert_eq!(receive(ch.clone()), (2, true));
    assert_eq!(
        receive(ch.clone()),
        (0, false),
        "then the default and false"
    );
    assert_eq!(receive(ch), (0, false));
    let strings: Channel<String> = fresh_strings();
    strings.close();
    assert_eq!(receive_string(strings), (String::new(), false));
}

#[test]
fn close_wakes_a_blocked_receiver() {
    let ch = make();
    let waiter = {
        let ch = ch.clone();
        std::thread::spawn(move || receive(ch))
    };
    std::thread::sleep(std::time::Duration::from_millis(20));
    close(ch);
    assert_eq!(waiter.join().unwrap(), (0, false));
}

#[test]
fn element_types_left_to_callers() {
    assert_eq!(relay_ints(41), 41);
    let (a, b) = (Channel::<String>::new(), Channel::<String>::new());
    a.send("via relay".into());
    relay(a, b.clone());
    assert_eq!(b.receive(), ("via relay".to_string(), true));
}

#[test]
fn yield_and_sleep() {
    assert_eq!(yield_then(1), 2);
    let start = std::time::Instant::now();
    nap();
    assert!(start.elapsed() >= std::time::Duration::from_millis(5));
}

#[test]
fn skynet_100k_exact() {
    assert_eq!(strands::skynet_sum(100_000), 4_999_950_000);
}

#[test]
fn pingpong_and_fanout() {
    assert_eq!(strands::pingpong(10_000), 49_995_000);
    assert_eq!(strands::fanout(10_000), 49_995_000);
}
