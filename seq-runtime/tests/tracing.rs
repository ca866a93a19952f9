//! The `tracing` feature: every strand has a `strand` span (fields `id` and, when a
//! strand spawned it, `parent`) entered while it runs, and the runtime emits `spawn`,
//! `wait`, `wake` and `end` events. A small subscriber written here records every span
//! and event, and checks on each exit that the span exited is the one the thread
//! entered last (a span left entered across a carrier switch would break that).
//!
//! Run with `cargo test -p seq-runtime --features tracing --test tracing`; without the
//! feature this file is empty.
#![cfg(feature = "tracing")]

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use seq_runtime::config::Config;
use seq_runtime::strand::{spawn_joinable, spawn_joinable_async, StrandPanic};
use seq_runtime::{sleep_ms, sleep_ms_async, spawn, spawn_async, yield_now_async, Channel};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use tracing_core::span::Current;

/// The fields of a span or event, as text.
#[derive(Clone, Debug, Default)]
struct Fields(HashMap<&'static str, String>);

impl Visit for Fields {
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name(), value.to_string());
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name(), value.to_string());
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name(), value.to_string());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name(), value.to_string());
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name(), format!("{value:?}"));
    }
}

impl Fields {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// The Int field `name`.
    fn int(&self, name: &str) -> Option<i64> {
        self.get(name).map(|v| v.parse().expect("an integer field"))
    }
}

/// A span as the subscriber saw it.
struct SpanRecord {
    meta: &'static Metadata<'static>,
    fields: Fields,
    root: bool,
    follows_from: Vec<u64>,
    refs: usize,
    entered: i64,
    closed: bool,
}

/// An event as the subscriber saw it: its name, fields, and the span the emitting thread
/// was in.
#[derive(Clone, Debug)]
struct EventRecord {
    name: &'static str,
    target: String,
    fields: Fields,
    span: Option<u64>,
}

static SPANS: Mutex<Vec<SpanRecord>> = Mutex::new(Vec::new());
static EVENTS: Mutex<Vec<EventRecord>> = Mutex::new(Vec::new());
static ERRORS: Mutex<Vec<String>> = Mutex::new(Vec::new());
static PANICS: Mutex<Vec<StrandPanic>> = Mutex::new(Vec::new());

thread_local! {
    /// The spans entered on this thread, innermost last.
    static STACK: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Records everything; span ids are indexes into `SPANS`, plus one.
struct Recorder;

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        let mut spans = lock(&SPANS);
        spans.push(SpanRecord {
            meta: attrs.metadata(),
            fields,
            root: attrs.is_root(),
            follows_from: Vec::new(),
            refs: 1,
            entered: 0,
            closed: false,
        });
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        values.record(&mut lock(&SPANS)[span.into_u64() as usize - 1].fields);
    }

    fn record_follows_from(&self, span: &Id, follows: &Id) {
        lock(&SPANS)[span.into_u64() as usize - 1]
            .follows_from
            .push(follows.into_u64());
    }

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let span = match event.parent() {
            Some(id) => Some(id.into_u64()),
            None if event.is_contextual() => STACK.with(|s| s.borrow().last().copied()),
            None => None,
        };
        lock(&EVENTS).push(EventRecord {
            name: event.metadata().name(),
            target: event.metadata().target().to_string(),
            fields,
            span,
        });
    }

    fn enter(&self, span: &Id) {
        STACK.with(|s| s.borrow_mut().push(span.into_u64()));
        lock(&SPANS)[span.into_u64() as usize - 1].entered += 1;
    }

    fn exit(&self, span: &Id) {
        let top = STACK.with(|s| s.borrow_mut().pop());
        if top != Some(span.into_u64()) {
            lock(&ERRORS).push(format!(
                "span {} exited on a thread whose innermost span is {top:?}",
                span.into_u64()
            ));
        }
        lock(&SPANS)[span.into_u64() as usize - 1].entered -= 1;
    }

    fn clone_span(&self, span: &Id) -> Id {
        lock(&SPANS)[span.into_u64() as usize - 1].refs += 1;
        span.clone()
    }

    fn try_close(&self, span: Id) -> bool {
        let mut spans = lock(&SPANS);
        let record = &mut spans[span.into_u64() as usize - 1];
        record.refs -= 1;
        record.closed = record.refs == 0;
        record.closed
    }

    fn current_span(&self) -> Current {
        match STACK.with(|s| s.borrow().last().copied()) {
            Some(id) => Current::new(Id::from_u64(id), lock(&SPANS)[id as usize - 1].meta),
            None => Current::none(),
        }
    }
}

/// Waits until `done` holds. Not a timing check: the bound only keeps a broken runtime
/// from hanging the test run.
fn wait_until(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "never: {what}");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// The runtime's events named `name` about strand `id`.
fn events(name: &str, id: i64) -> Vec<EventRecord> {
    lock(&EVENTS)
        .iter()
        .filter(|e| e.name == name && e.fields.int("id") == Some(id))
        .filter(|e| e.target == "seq_runtime::strand")
        .cloned()
        .collect()
}

/// The `strand` span of strand `id` (its index in `SPANS`, plus one).
fn span_of(id: i64) -> u64 {
    let spans = lock(&SPANS);
    let found: Vec<u64> = (0..spans.len())
        .filter(|&i| spans[i].meta.name() == "strand" && spans[i].fields.int("id") == Some(id))
        .map(|i| i as u64 + 1)
        .collect();
    assert_eq!(found.len(), 1, "one span for strand {id}");
    found[0]
}

/// True if strand `id` waited for `kind` (blocking its carrier or not).
fn waited(id: i64, kind: &str, blocking: bool) -> bool {
    events("wait", id).iter().any(|e| {
        e.fields.get("kind") == Some(kind)
            && e.fields.get("blocking") == Some(&blocking.to_string())
    })
}

#[test]
fn strands_have_spans_and_events() {
    Config::from_env()
        .workers(2)
        .on_strand_panic(|p| lock(&PANICS).push(p))
        .init()
        .expect("configured before the first strand");
    tracing::subscriber::set_global_default(Recorder).expect("the only subscriber");
    let mut ids = Vec::new();

    // A strand waits on a channel without a stack; this thread wakes it.
    let (ch, out) = (Channel::<i64>::new(), Channel::<i64>::new());
    let (rx, tx) = (ch.clone(), out.clone());
    let receiver = spawn_async(async move {
        let (n, _) = rx.receive_async().await;
        tracing::info!(n, "received");
        tx.send_async(n + 1).await;
    });
    ids.push(receiver);
    wait_until("the receiver waits", || ch.receivers_waiting() == 1);
    ch.send(41);
    assert_eq!(out.receive(), (42, true));

    // A strand spawns one that waits, and wakes it once it waits.
    let report = Channel::<i64>::new();
    let to_main = report.clone();
    let parent = spawn_async(async move {
        let ch = Channel::<i64>::new();
        let (rx, tx) = (ch.clone(), to_main.clone());
        let child = spawn_async(async move {
            let (n, _) = rx.receive_async().await;
            tx.send_async(n * 2).await;
        });
        to_main.send_async(child).await;
        while ch.receivers_waiting() == 0 {
            yield_now_async().await;
        }
        ch.send_async(21).await;
    });
    let (child, _) = report.receive();
    assert_eq!(report.receive(), (42, true));
    ids.extend([parent, child]);

    // A strand blocks its carrier in a receive.
    let (ch, out) = (Channel::<i64>::new(), Channel::<i64>::new());
    let (rx, tx) = (ch.clone(), out.clone());
    let blocker = spawn(move || {
        let (n, _) = rx.receive();
        tx.send(n);
    });
    ids.push(blocker);
    wait_until("the blocking receiver waits", || {
        ch.receivers_waiting() == 1
    });
    ch.send(7);
    assert_eq!(out.receive(), (7, true));

    // Sleeps, without a stack and blocking.
    let done = Channel::<i64>::new();
    let tx = done.clone();
    let sleeper = spawn_async(async move {
        sleep_ms_async(1).await;
        tx.send_async(1).await;
    });
    let tx = done.clone();
    let blocking_sleeper = spawn(move || {
        sleep_ms(1);
        tx.send(2);
    });
    ids.extend([sleeper, blocking_sleeper]);
    let mut got = [done.receive().0, done.receive().0];
    got.sort_unstable();
    assert_eq!(got, [1, 2]);

    // A join awaited: the joined strand ends only once this thread sees the join wait.
    let gate = Channel::<i64>::new();
    let (rx, tx) = (gate.clone(), done.clone());
    let joiner = spawn_async(async move {
        let joined = spawn_joinable_async(async move { rx.receive_async().await.0 });
        let id = joined.id();
        let value = joined.join_async().await.expect("no panic");
        tx.send_async(id).await;
        tx.send_async(value).await;
    });
    wait_until(
        "the joiner waits in its join, the joined in a receive",
        || waited(joiner, "join", false) && gate.receivers_waiting() == 1,
    );
    gate.send(5);
    let joined = done.receive().0;
    assert_eq!(done.receive(), (5, true));
    ids.extend([joiner, joined]);

    // Panics: one the handler gets, one a join gets.
    let panicker = spawn(|| panic!("on purpose"));
    ids.push(panicker);
    wait_until("the handler got the panic", || lock(&PANICS).len() == 1);
    let handle = spawn_joinable(|| -> i64 { panic!("joined on purpose") });
    ids.push(handle.id());
    let joined_panicker = handle.id();
    assert!(handle.join().is_err());

    // Every strand has ended and its span is closed.
    wait_until("every strand ended, its span closed", || {
        ids.iter().all(|&id| events("end", id).len() == 1) && lock(&SPANS).iter().all(|s| s.closed)
    });

    // One span and one spawn per strand, and nothing else spawned.
    let spawned: HashSet<i64> = lock(&EVENTS)
        .iter()
        .filter(|e| e.name == "spawn")
        .map(|e| e.fields.int("id").expect("spawn has an id"))
        .collect();
    let all: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(all.len(), ids.len(), "ids are unique");
    assert_eq!(spawned, all);
    let spawns = lock(&EVENTS).iter().filter(|e| e.name == "spawn").count();
    assert_eq!(spawns, ids.len());
    let strand_spans = lock(&SPANS)
        .iter()
        .filter(|s| s.meta.name() == "strand")
        .count();
    assert_eq!(strand_spans, ids.len());

    for &id in &ids {
        let span = span_of(id);
        {
            let spans = lock(&SPANS);
            let record = &spans[span as usize - 1];
            assert!(record.root, "strand spans are roots");
            assert_eq!(record.entered, 0, "strand {id}'s span is not left entered");
            assert_eq!(record.meta.level(), &tracing::Level::DEBUG);
        }
        // The end, and every wait without a stack, comes from inside the strand's span.
        let ends = events("end", id);
        assert_eq!(ends[0].span, Some(span), "strand {id} ends in its span");
        let outcome = ends[0].fields.get("outcome");
        match id == panicker || id == joined_panicker {
            true => assert_eq!(outcome, Some("panicked"), "strand {id}"),
            false => assert_eq!(outcome, Some("finished"), "strand {id}"),
        }
        for wait in events("wait", id) {
            assert_eq!(wait.span, Some(span), "strand {id} waits in its span");
        }
    }

    // Spawned by a strand: `parent` names it, the spawn happened in its span, and the
    // child's span follows from it.
    let (child_span, parent_span) = (span_of(child), span_of(parent));
    {
        let spans = lock(&SPANS);
        let child_record = &spans[child_span as usize - 1];
        assert_eq!(child_record.fields.int("parent"), Some(parent));
        assert_eq!(child_record.follows_from, vec![parent_span]);
        assert_eq!(spans[parent_span as usize - 1].fields.int("parent"), None);
    }
    assert_eq!(events("spawn", child)[0].span, Some(parent_span));
    assert_eq!(events("spawn", parent)[0].span, None);

    // Waits and wake-ups, with what was waited for and who woke whom.
    assert!(waited(receiver, "receive", false));
    let wakes = events("wake", receiver);
    assert!(!wakes.is_empty(), "the receiver was woken");
    assert!(
        wakes.iter().all(|w| w.fields.get("by").is_none()),
        "by a thread"
    );
    assert!(waited(child, "receive", false));
    let by_parent = events("wake", child);
    assert!(by_parent.iter().any(|w| w.fields.int("by") == Some(parent)));
    assert!(by_parent
        .iter()
        .any(|w| w.fields.int("by") == Some(parent) && w.span == Some(span_of(parent))));
    assert!(events("wait", parent)
        .iter()
        .all(|w| w.fields.get("kind") == Some("yield")));
    assert!(waited(blocker, "receive", true));
    assert!(events("wake", blocker)
        .iter()
        .any(|w| w.fields.get("blocking") == Some("true") && w.span == Some(span_of(blocker))));
    assert!(waited(sleeper, "sleep", false));
    assert!(!events("wake", sleeper).is_empty());
    assert!(waited(blocking_sleeper, "sleep", true));
    assert!(waited(joined, "receive", false));

    // What a strand's own code emits is inside its span.
    let received: Vec<EventRecord> = lock(&EVENTS)
        .iter()
        .filter(|e| e.fields.get("message") == Some("received"))
        .cloned()
        .collect();
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].span, Some(span_of(receiver)));
    assert_eq!(received[0].fields.int("n"), Some(41));

    let errors = lock(&ERRORS).clone();
    assert!(errors.is_empty(), "{errors:?}");
}
