//! Explicit configuration before the first strand; a second configuration is refused.

use seq_runtime::config::{self, Config, InitError};
use seq_runtime::{spawn, Channel};

#[test]
fn explicit_init_applies_once() {
    let wanted = Config::from_env().workers(1).stack_size(256 * 1024);
    assert_eq!(wanted.clone().init(), Ok(()));
    assert_eq!(config::current(), &wanted);
    match Config::default().workers(3).init() {
        Err(InitError::AlreadyInitialized(in_force)) => assert_eq!(in_force, wanted),
        other => panic!("second init accepted: {other:?}"),
    }
    // Strands run with it: recursion well within 256 KiB works.
    fn depth(n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            1 + depth(std::hint::black_box(n - 1))
        }
    }
    let out = Channel::new();
    let tx = out.clone();
    spawn(move || {
        tx.send(depth(1000) as i64);
    });
    assert_eq!(out.receive(), (1000, true));
}
