//! An exhaustive check of the scheduling protocol ([`super`]) and of the deadlock
//! detector ([`super::watch`]): every interleaving of a few abstract carriers, plain
//! threads, the timer thread and strands over the protocol's atomic steps.
//!
//! **Why not loom.** loom runs real code on its own threads and atomics. The runtime's
//! code cannot run under it: carriers are May coroutines that switch stacks (and
//! threads) in assembly, the deques are crossbeam's (instrumented for loom only under
//! crossbeam's own `--cfg crossbeam_loom`), and parking goes through May's scheduler and
//! eventfds. A loom test would therefore check a hand-written abstraction of the protocol
//! anyway, and every step of that abstraction is a sequentially consistent
//! read-modify-write of the one word or of a task's state, or a queue, idle-list or
//! channel operation under a lock (linearizable): interleavings of whole steps are all
//! the executions there are. So this module enumerates them itself, without a
//! dependency, and checks each one.
//!
//! **The abstraction.** One queue holds pending strands, new or woken, each with the
//! point it resumes at (any entry may be taken, which covers LIFO pops, injector pops
//! and steals). The word has the three counters `A`, `O`, `B`. A strand waits one of two
//! ways: blocking its carrier (`Recv`, `Nap`: the carrier parks with it) or as a task
//! (`RecvAsync`, `NapAsync`: it registers its waker, its poll ends, and the carrier goes
//! back to searching; a wake-up queues it again, following the task states `Running`,
//! `Notified`, `Idle`, `Scheduled` of `task`). Each agent (carrier, plain thread, the
//! timer thread) executes its program one step at a time; composite operations
//! (starting a carrier, completing a waiter, ending a poll, the deadlock check) are
//! queued as *micro-steps* that the agent executes, one per transition, before its next
//! step, so other agents can run between any two. Unparking a carrier is immediate (the
//! ready list of [`super::queues`] only delays it to the waker's next park, which
//! changes no counter). Idle carriers and hand-offs to carriers on their way to idle are
//! modelled as the idle list does them. Not modelled: the carrier limit, carriers that
//! end instead of parking, spinning before blocking, bounded channels (a waiting sender
//! is registered, counted and woken exactly as a waiting receiver).
//!
//! **Checked** in every state: `A` and `O` never negative; no strand started twice; no
//! task queued while queued or running; no value received twice; no strand taken, woken
//! or running after a deadlock was declared (a declared deadlock must be real: a carrier
//! may still be started then, by one that saw a strand pending that another carrier
//! took, but it finds nothing to run); the declared `B` equals the strands actually
//! waiting on channels (carriers parked in receives and tasks registered as receivers,
//! not yet completed). In every final state (no agent can move): no strand pending (no
//! lost wake-up); no thread still waiting; every hand-off taken; and either every strand
//! and thread finished and every value sent was received, or (scenarios that deadlock)
//! the deadlock was declared and every waiting thread failed.

use std::collections::HashMap;

mod checks;
mod micro;
mod scenarios;
mod step;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Op {
    /// Spawn a strand running program `n`.
    Spawn(u8),
    Send(u8),
    /// A receive that blocks the carrier (or the thread).
    Recv(u8),
    /// A receive awaited by a task: it waits without its carrier.
    RecvAsync(u8),
    Close(u8),
    /// `sleep_ms` or `yield_now`: the carrier naps with its strand.
    Nap,
    /// `sleep_ms_async`: the task waits for the timer without its carrier.
    NapAsync,
    /// A future the runtime does not count (another runtime's I/O): the task counts
    /// itself awake; an uncounted waker (played by the timer thread) wakes it.
    AwaitForeign,
}

/// A waiter: carrier `n`, thread `n`, or the task of strand `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Who {
    Carrier(u8),
    Thread(u8),
    Task(u8),
    Timer,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Micro {
    StartRmw,
    StartPick,
    Count(Who),
    Done(Who, Option<u8>),
    /// Wake the task of strand `s`; `outside`: the waker is not a carrier (rule S from
    /// outside follows a push).
    Wake {
        s: u8,
        outside: bool,
    },
    /// A task's poll returned `Pending` without a counted wait: it counts itself awake.
    PollCount(u8),
    /// A task's poll returned `Pending`.
    PollEnd(u8),
    /// Take the delivery lock (waits while another agent holds it).
    Lock,
    Unlock,
    /// Queue the task of strand `s` (a delivery, under the lock).
    Push {
        s: u8,
        outside: bool,
    },
    /// A delivered sleeper leaves `O` (under the lock; a check follows the unlock).
    LeaveAwake,
    BlockRmw,
    NapRmw,
    GoingIdle,
    IdleDec,
    IdleLook {
        asleep: bool,
    },
    NotIdle,
    IdlePark,
    Retire,
    SpawnRead,
    RootsPush,
    SleepRmw,
    ExitRmw,
    CheckPending,
    CheckDeclare {
        outside: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Main {
    /// Carrier looking for a strand.
    Search,
    /// Carrier running strand `s`, or thread (s unused), at `pc`.
    Run {
        s: u8,
        pc: u8,
    },
    /// Blocked in a receive: carrier parked, or thread waiting (done or verdict).
    Parked {
        s: u8,
        pc: u8,
    },
    /// Carrier napping with its strand: a timer brings it back.
    Napping {
        s: u8,
        pc: u8,
    },
    /// Carrier in the idle list.
    Idle,
    /// Thread whose verdict a sender overtook: waits for `done`, gives a token back.
    Overtaken {
        pc: u8,
    },
    /// Thread failed by a verdict (its receive panicked); it exits next.
    Failed,
    Exited,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Agent {
    main: Main,
    micros: Vec<Micro>,
    /// A receive's slot: `Some(value or None for closed)` once done.
    done: Option<Option<u8>>,
    /// Idle carrier picked by `start_carrier`; thread given a verdict.
    flag: bool,
    in_roots: bool,
}

/// A task's state (see `task`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum TaskState {
    Scheduled,
    Running,
    Notified,
    Idle,
    Finished,
}

/// What a task waits for while its poll is over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Wait {
    Nothing,
    /// Registered as a receiver (until completed).
    Channel,
    /// An alarm that has not fired.
    Alarm,
    /// A future the runtime does not count, not yet woken.
    Foreign,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Strand {
    program: u8,
    started: bool,
    finished: bool,
    task: TaskState,
    /// Where the task resumes (the op after the one it waits in).
    resume: u8,
    wait: Wait,
    /// Counted awake while it waits for something uncounted (see `task`).
    foreign: bool,
    /// A task receive's slot, as [`Agent::done`].
    done: Option<Option<u8>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
struct Chan {
    values: Vec<u8>,
    waiters: Vec<Who>,
    closed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct State {
    a: i8,
    o: i8,
    b: i8,
    /// Pending strands: (strand, op to run next).
    queue: Vec<(u8, u8)>,
    chans: [Chan; 3],
    carriers: Vec<Agent>,
    threads: Vec<Agent>,
    timer: Vec<Micro>,
    idle: Vec<u8>,
    going_idle: i8,
    handoffs: i8,
    /// Who holds the delivery lock (see `watch::deliver`).
    lock: Option<Who>,
    strands: Vec<Strand>,
    sent: u64,
    received: u64,
    declared: bool,
}

/// A small program: plain threads and strand programs.
pub(super) struct Scenario {
    pub(super) workers: i8,
    pub(super) threads: Vec<Vec<Op>>,
    pub(super) programs: Vec<Vec<Op>>,
    pub(super) deadlock: bool,
    /// Publish a wake-up before counting the woken agent (the wrong order, to show that
    /// the model notices).
    pub(super) done_before_count: bool,
    /// End a poll without looking for a wake-up that came while it ran (the wrong
    /// protocol, to show that the model notices).
    pub(super) forget_notified: bool,
    /// Let deadlock checks and deliveries interleave (no delivery lock: the wrong
    /// protocol, to show that the model notices).
    pub(super) no_delivery_lock: bool,
}

/// What an exploration found.
#[derive(Debug)]
pub(super) struct Explored {
    pub(super) states: usize,
    pub(super) transitions: usize,
    /// Complete interleavings (paths from the start to a final state; `u128::MAX` means
    /// at least that many).
    pub(super) interleavings: u128,
}

fn agent(main: Main) -> Agent {
    Agent {
        main,
        micros: Vec::new(),
        done: None,
        flag: false,
        in_roots: false,
    }
}

impl Scenario {
    fn start(&self) -> State {
        State {
            a: 0,
            o: self.threads.len() as i8, // threads are registered from the start
            b: 0,
            queue: Vec::new(),
            chans: Default::default(),
            carriers: Vec::new(),
            threads: vec![agent(Main::Run { s: 0, pc: 0 }); self.threads.len()],
            timer: Vec::new(),
            idle: Vec::new(),
            going_idle: 0,
            handoffs: 0,
            lock: None,
            strands: Vec::new(),
            sent: 0,
            received: 0,
            declared: false,
        }
    }

    pub(super) fn explore(&self) -> Result<Explored, String> {
        let mut seen = HashMap::new();
        let mut transitions = 0;
        let interleavings = self.paths(self.start(), &mut seen, &mut transitions)?;
        Ok(Explored {
            states: seen.len(),
            transitions,
            interleavings,
        })
    }

    /// Depth-first: the number of complete interleavings from `st`, checking every state.
    fn paths(
        &self,
        st: State,
        seen: &mut HashMap<State, u128>,
        transitions: &mut usize,
    ) -> Result<u128, String> {
        if let Some(&n) = seen.get(&st) {
            return Ok(n);
        }
        let next = self
            .successors(&st)
            .map_err(|e| format!("{e}\nin {st:?}"))?;
        *transitions += next.len();
        let n = if next.is_empty() {
            self.check_final(&st)
                .map_err(|e| format!("{e}\nfinal {st:?}"))?;
            1
        } else {
            let mut n = 0u128;
            for s in next {
                n = n.saturating_add(self.paths(s, seen, transitions)?);
            }
            n
        };
        seen.insert(st, n);
        Ok(n)
    }

    fn successors(&self, st: &State) -> Result<Vec<State>, String> {
        let mut out = Vec::new();
        for i in 0..st.carriers.len() {
            if let Some(s) = self.step(st, Who::Carrier(i as u8))? {
                out.push(s);
            }
            // A searching carrier may take any pending strand.
            if st.carriers[i].main == Main::Search && st.carriers[i].micros.is_empty() {
                for k in 0..st.queue.len() {
                    out.push(self.take(st, i, k)?);
                }
            }
            // A napping strand's timer may fire at any time.
            if let (Main::Napping { s, pc }, true) =
                (st.carriers[i].main, st.carriers[i].micros.is_empty())
            {
                let mut n = st.clone();
                n.a += 1;
                n.o -= 1;
                n.carriers[i].main = Main::Run { s, pc: pc + 1 };
                out.push(n);
            }
        }
        for i in 0..st.threads.len() {
            if let Some(s) = self.step(st, Who::Thread(i as u8))? {
                out.push(s);
            }
        }
        if !st.timer.is_empty() {
            if !self.blocked_on_lock(st, Who::Timer) {
                let mut n = st.clone();
                let m = n.timer.remove(0);
                self.micro(&mut n, Who::Timer, m)?;
                out.push(n);
            }
        } else {
            // An alarm may fire at any time: the timer thread wakes its task, and the
            // task leaves `O`, under the delivery lock. A foreign wait's waker (also
            // played by the timer thread) just wakes the task.
            for (s, strand) in st.strands.iter().enumerate() {
                let wake = Micro::Wake {
                    s: s as u8,
                    outside: true,
                };
                let micros = match strand.wait {
                    Wait::Alarm => vec![Micro::Lock, wake, Micro::LeaveAwake, Micro::Unlock],
                    Wait::Foreign => vec![wake],
                    _ => continue,
                };
                let mut n = st.clone();
                n.strands[s].wait = Wait::Nothing;
                n.timer = micros;
                out.push(n);
            }
        }
        for s in &out {
            if s.a < 0 || s.o < 0 {
                return Err(format!("a counter went negative: A={} O={}", s.a, s.o));
            }
        }
        Ok(out)
    }

    /// Carrier `i` takes queue entry `k`.
    fn take(&self, st: &State, i: usize, k: usize) -> Result<State, String> {
        let mut n = st.clone();
        let (s, pc) = n.queue.remove(k);
        if n.declared {
            return Err(format!("strand {s} taken after a deadlock was declared"));
        }
        let strand = &mut n.strands[s as usize];
        if pc == 0 {
            if strand.started {
                return Err(format!("strand {s} started twice"));
            }
            strand.started = true;
        } else if strand.task != TaskState::Scheduled {
            return Err(format!(
                "strand {s} taken from the queue while {:?}",
                strand.task
            ));
        }
        strand.task = TaskState::Running;
        strand.done = None;
        n.carriers[i].main = Main::Run { s, pc };
        Ok(n)
    }

    fn agent<'a>(&self, n: &'a mut State, who: Who) -> &'a mut Agent {
        match who {
            Who::Carrier(i) => &mut n.carriers[i as usize],
            Who::Thread(i) => &mut n.threads[i as usize],
            Who::Task(_) | Who::Timer => unreachable!("{who:?} is not an agent"),
        }
    }

    /// True if `who`'s next micro-step takes the delivery lock another agent holds.
    fn blocked_on_lock(&self, st: &State, who: Who) -> bool {
        let next = match who {
            Who::Timer => st.timer.first(),
            Who::Carrier(i) => st.carriers[i as usize].micros.first(),
            Who::Thread(i) => st.threads[i as usize].micros.first(),
            Who::Task(_) => None,
        };
        next == Some(&Micro::Lock) && st.lock.is_some_and(|h| h != who) && !self.no_delivery_lock
    }

    /// The micro-steps `who` still has to execute.
    fn micros<'a>(&self, n: &'a mut State, who: Who) -> &'a mut Vec<Micro> {
        match who {
            Who::Timer => &mut n.timer,
            _ => &mut self.agent(n, who).micros,
        }
    }
}
