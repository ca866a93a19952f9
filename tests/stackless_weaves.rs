//! Weaves whose bodies are futures (no quotation value of this program yields, so every
//! weave here is one): yields inside non-tail recursion, loops, `cond` and `match`;
//! bodies that wait on channels, resumed from strands that hold no carrier meanwhile;
//! and more suspended weaves at once than coroutine stacks could ever hold.
#![deny(warnings)]

use seq::runtime::{block_on, spawn_async, Channel, Weave};
use seq::seq;

seq! {
    // Yields 1 .. n in order, each after the recursive call returns (non-tail).
    : up-to ( Ctx<Int> Int -- Ctx<Int> | Yield Int )
        dup 0 i.> if dup >aux 1 i.- up-to aux> yield drop else drop then ;
    : counting ( -- Weave<Int> ) [ up-to drop ] strand.weave ;

    // The squares 1 .. n^2 from a counting loop.
    : square-loop ( Ctx<Int> Int -- Ctx<Int> | Yield Int )
        0 swap [ 1 i.+ dup dup i.* rot swap yield drop swap ] times drop ;
    : squares ( -- Weave<Int> ) [ square-loop drop ] strand.weave ;

    // Each number sent in is classified by `cond`: a multiple of three yields 100 times
    // itself, one more than a multiple yields itself, the rest yield nothing and are
    // classified again one higher.
    : classify ( Ctx<Int> Int -- Ctx<Int> Int | Yield Int )
        [ dup 3 i.% drop 0 i.= ] [ 100 i.* yield ]
        [ dup 3 i.% drop 1 i.= ] [ yield ]
        [ true ] [ 1 i.+ ] 3 cond ;
    : classify-all ( Ctx<Int> Int -- | Yield Int ) classify classify-all ;
    : classifier ( -- Weave<Int> ) [ classify-all ] strand.weave ;

    // Commands by `match`: some yield twice, one ends the weave.
    union Cmd { Twice { n: Int } Once { n: Int } Halt }
    : obey ( Ctx<Int, Cmd> Cmd -- | Yield Int )
        match
            Twice -> dup rot swap yield drop swap 10 i.* yield obey
            Once -> yield obey
            Halt -> drop
        end ;
    : obeying ( -- Weave<Int, Cmd> ) [ obey ] strand.weave ;

    // A body that waits: each resume sends a channel in; the weave yields what arrives
    // there, doubled.
    : relay ( Ctx<Int, Channel<Int>> Channel<Int> -- | Yield Int )
        chan.receive drop 2 i.* yield relay ;
    : relaying ( -- Weave<Int, Channel<Int>> ) [ relay ] strand.weave ;
    // A strand's loop: n resumes of a waiting weave, summed.
    : pull ( Weave<Int, Channel<Int>> Channel<Int> Int Int -- Int )
        over 0 i.> if
            >aux 1 i.- >aux
            swap over strand.resume drop
            aux> swap aux> i.+
            >aux >aux swap aux> aux> pull
        else
            nip nip nip
        then ;
    // ( gate done -- ): a strand resumes a relaying weave three times on one gate and
    // sends the sum on done.
    : puller ( Channel<Int> Channel<Int> -- )
        relaying rot 3 0 pull swap chan.send drop ;
}

fn resumed<Y: Send + Default + 'static, R: Send + 'static>(w: &Weave<Y, R>, value: R) -> Option<Y> {
    match w.resume(value, Y::default) {
        (y, true) => Some(y),
        (_, false) => None,
    }
}

#[test]
fn yields_inside_non_tail_recursion() {
    let w = counting();
    let mut got = vec![resumed(&w, 5).unwrap()];
    while let Some(v) = resumed(&w, 0) {
        got.push(v);
    }
    assert_eq!(got, [1, 2, 3, 4, 5]);
}

#[test]
fn yields_inside_a_loop_and_resumes_from_async_code() {
    let w = squares();
    let got = block_on(async {
        let mut got = vec![w.resume_async(4, || 0).await];
        for _ in 0..4 {
            got.push(w.resume_async(0, || 0).await);
        }
        got
    });
    assert_eq!(
        got,
        [(1, true), (4, true), (9, true), (16, true), (0, false)]
    );
}

#[test]
fn yields_inside_cond_and_match_arms() {
    let w = classifier();
    // 3 yields 300; 4 yields 4 (the value sent in then is 7: 1 more than a multiple).
    assert_eq!(resumed(&w, 3), Some(300));
    assert_eq!(resumed(&w, 4), Some(4));
    assert_eq!(resumed(&w, 7), Some(7));
    // 5 yields nothing: 6 is classified in the same resume.
    assert_eq!(resumed(&w, 5), Some(600));

    let w = obeying();
    assert_eq!(resumed(&w, Cmd::Twice { n: 4 }), Some(4));
    assert_eq!(resumed(&w, Cmd::Halt), Some(40));
    assert_eq!(resumed(&w, Cmd::Once { n: 7 }), Some(7));
    assert_eq!(resumed(&w, Cmd::Halt), None);
    assert_eq!(resumed(&w, Cmd::Once { n: 1 }), None);
}

#[test]
fn a_body_that_waits_makes_its_resume_wait() {
    let w = relaying();
    let gate = Channel::new();
    let sender = {
        let gate = gate.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(20));
            gate.send(21);
        })
    };
    assert_eq!(resumed(&w, gate.clone()), Some(42));
    sender.join().unwrap();
    gate.send(5);
    assert_eq!(block_on(w.resume_async(gate, || 0)), (10, true));
}

#[test]
fn strands_wait_in_their_weaves_without_carriers() {
    // Each of 2,000 strands resumes a weave of its own that waits on the strand's gate.
    const N: usize = 2_000;
    let done = Channel::new();
    let gates: Vec<Channel<i64>> = (0..N).map(|_| Channel::new()).collect();
    for gate in &gates {
        spawn_async(puller_async(gate.clone(), done.clone()));
    }
    while gates.iter().any(|g| g.receivers_waiting() == 0) {
        std::thread::yield_now();
    }
    let workers = seq::runtime::config::current().get_workers();
    let stats = seq::runtime::strand::stats();
    assert!(stats.carriers <= workers, "{stats:?}");
    for (i, gate) in gates.iter().enumerate() {
        for _ in 0..3 {
            gate.send(i as i64);
        }
    }
    let sum: i64 = (0..N).map(|_| done.receive().0).sum();
    // Each strand sums three doubled copies of its index.
    assert_eq!(sum, 6 * (N * (N - 1) / 2) as i64);
}

#[test]
fn more_suspended_weaves_than_stacks_could_hold() {
    // Each suspended weave on a coroutine stack takes two memory maps: 100,000 of them
    // would pass the default limit of 65,530.
    const N: i64 = 100_000;
    let weaves: Vec<Weave<i64>> = (0..N).map(|_| counting()).collect();
    let first: i64 = weaves.iter().map(|w| resumed(w, 3).unwrap()).sum();
    let second: i64 = weaves.iter().map(|w| resumed(w, 0).unwrap()).sum();
    assert_eq!((first, second), (N, 2 * N));
}

#[test]
fn the_weaves_are_futures() {
    let code = seq::runtime::Weave::<i64>::default();
    assert_eq!(code.resume(1, || -1), (-1, false));
    // `puller_async` holds a weave across awaits, and is `Send`.
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&puller_async(Channel::new(), Channel::new()));
}
