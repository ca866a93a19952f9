//! The concurrency benchmarks written in Seq: skynet (spawn-heavy), pingpong (two strands
//! passing a number back and forth), fanout (one producer, 100 workers on one channel)
//! and blocked (many strands waiting at once, each on a channel of its own).
//! Each returns a number that checks the run was complete.

use seq::seq;

seq! {
    // ( result num size -- ): a leaf sends its number; a node spawns 10 children over
    // size/10 numbers each and sends the sum of what they send back.
    : skynet ( Channel<Int> Int Int -- )
        dup 1 i.= if
            drop swap chan.send drop
        else
            10 i./ drop
            chan.make
            0 spawn-children
            nip nip
            0 10 [ over chan.receive drop i.+ ] times
            nip swap chan.send drop
        then ;

    // ( num sub children i -- num sub children ): spawns children i..9.
    : spawn-children ( Int Int Channel<Int> Int -- Int Int Channel<Int> )
        dup 10 i.< if
            over 4 pick 2 pick 5 pick i.* i.+ 4 pick
            [ skynet ] strand.spawn drop drop drop drop
            1 i.+ spawn-children
        else
            drop
        then ;

    // The sum of 0 .. size-1, computed by a tree of `size` leaf strands.
    : skynet-sum ( Int -- Int )
        chan.make dup rot 0 swap [ skynet ] strand.spawn drop drop drop drop
        chan.receive drop ;

    // ( ping pong n -- ): n times, receive a number on ping and send it back on pong.
    : ponger ( Channel<Int> Channel<Int> Int -- )
        dup 0 i.> if
            >aux over chan.receive drop over chan.send drop aux> 1 i.- ponger
        else
            drop drop drop
        then ;

    // ( ping pong n i sum -- sum ): sends i on ping and adds what comes back, for i < n.
    : pinger ( Channel<Int> Channel<Int> Int Int Int -- Int )
        over 3 pick i.< if
            over 5 pick chan.send drop
            3 pick chan.receive drop i.+
            swap 1 i.+ swap pinger
        else
            nip nip nip nip
        then ;

    : pinger-done ( Channel<Int> Channel<Int> Channel<Int> Int -- )
        0 0 pinger swap chan.send drop ;

    // n round trips between two strands; the sum of 0 .. n-1 checks them.
    : pingpong ( Int -- Int )
        chan.make chan.make chan.make
        2 pick 2 pick 5 pick [ ponger ] strand.spawn drop drop drop drop
        dup 3 pick 3 pick 6 pick [ pinger-done ] strand.spawn drop drop drop drop drop
        chan.receive drop nip nip nip ;

    // ( work results sum -- ): adds what arrives on work until it is closed, then sends
    // the sum on results.
    : worker ( Channel<Int> Channel<Int> Int -- )
        2 pick chan.receive if
            i.+ worker
        else
            drop swap chan.send drop drop
        then ;

    // ( work n i -- ): sends i .. n-1 on work, then closes it.
    : producer ( Channel<Int> Int Int -- )
        dup 2 pick i.< if
            dup 3 pick chan.send drop 1 i.+ producer
        else
            drop drop chan.close
        then ;

    // ( work results k -- work results ): spawns k workers.
    : spawn-workers ( Channel<Int> Channel<Int> Int -- Channel<Int> Channel<Int> )
        dup 0 i.> if
            2 pick 2 pick 0 [ worker ] strand.spawn drop drop drop drop
            1 i.- spawn-workers
        else
            drop
        then ;

    // ( results k sum -- sum ): adds k numbers from results.
    : collect ( Channel<Int> Int Int -- Int )
        over 0 i.> if
            2 pick chan.receive drop i.+ swap 1 i.- swap collect
        else
            nip nip
        then ;

    // n messages from one producer to 100 workers; the total checks every one arrived once.
    : fanout ( Int -- Int )
        chan.make chan.make
        100 spawn-workers
        over 3 pick 0 [ producer ] strand.spawn drop drop drop drop
        100 0 collect
        nip nip ;

    // ( ready done -- ): makes a gate, hands it to the root on ready, waits on it, and
    // sends what arrives there on done.
    : waiter ( Channel<Channel<Int>> Channel<Int> -- )
        chan.make dup 3 pick chan.send drop
        chan.receive drop
        swap chan.send drop drop ;

    // ( ready done n -- ready done ): spawns n waiters.
    : spawn-waiters ( Channel<Channel<Int>> Channel<Int> Int -- Channel<Channel<Int>> Channel<Int> )
        dup 0 i.> if
            2 pick 2 pick [ waiter ] strand.spawn drop drop drop
            1 i.- spawn-waiters
        else
            drop
        then ;

    // ( ready n gates -- gates ): receives n gates onto the list.
    : gather ( Channel<Channel<Int>> Int List<Channel<Int>> -- List<Channel<Int>> )
        over 0 i.> if
            2 pick chan.receive drop list.push
            swap 1 i.- swap gather
        else
            nip nip
        then ;

    // n strands waiting at once, each on its own channel; once the root holds every
    // gate it sends i on gate i. The sum of 0 .. n-1 checks that each came back once.
    : blocked ( Int -- Int )
        >aux chan.make chan.make
        aux> dup >aux spawn-waiters
        over aux> dup >aux list.make gather
        0 [ over swap chan.send drop 1 i.+ ] list.fold drop
        aux> 0 collect
        nip ;
}
