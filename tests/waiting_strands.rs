//! Many Seq strands waiting at once (`blocked` from `benches/programs/strands.rs`: each strand waits on
//! a channel of its own until the root holds every gate): alone in its test binary, so
//! that nothing else holds a carrier meanwhile. Strands that wait hold no stack: the
//! carrier count never passes the number of worker threads, and the run needs far more
//! strands than coroutine stacks the default memory-map limit (65,530) allows.
#![deny(warnings)]

#[test]
fn two_hundred_thousand_strands_wait_on_no_more_carriers_than_workers() {
    const N: i64 = 200_000;
    assert_eq!(seq_suite::strands::blocked(N), N * (N - 1) / 2);
    let workers = seq::runtime::config::current().get_workers();
    let stats = seq::runtime::strand::stats();
    assert!(stats.peak_carriers <= workers, "{stats:?}");
    assert_eq!(stats.blocked, 0, "{stats:?}");
}
