//! An exhaustive check of the scheduling protocol ([`super`]) and of the deadlock
//! detector ([`super::watch`]): every interleaving of a few abstract carriers, plain
//! threads and strands over the protocol's atomic steps.
//!
//! **Why not loom.** loom runs real code on its own threads and atomics. The runtime's
//! code cannot run under it: carriers are May coroutines that switch stacks (and
//! threads) in assembly, the deques are crossbeam's (instrumented for loom only under
//! crossbeam's own `--cfg crossbeam_loom`), and parking goes through May's scheduler and
//! eventfds. A loom test would therefore check a hand-written abstraction of the protocol
//! anyway, and every step of that abstraction is a sequentially consistent
//! read-modify-write of the one word, or a queue or channel operation under a lock
//! (linearizable): interleavings of whole steps are all the executions there are. So this
//! module enumerates them itself, without a dependency, and checks each one.
//!
//! **The abstraction.** One queue holds pending strands (any of them may be taken, which
//! covers LIFO pops, injector pops and steals). The word has the three counters `A`, `O`,
//! `B`. Each agent (carrier or plain thread) executes its program one step at a time;
//! composite operations (starting a carrier, completing a waiter, the deadlock check) are
//! queued as *micro-steps* that the agent executes, one per transition, before its next
//! step, so other agents can run between any two. Unparking is immediate (the ready list
//! of [`super::queues`] only delays it to the waker's next park, which changes no
//! counter). Not modelled: the carrier limit, retiring carriers that end, spinning
//! before blocking.
//!
//! **Checked** in every state: `A` and `O` never negative; no strand started twice; no
//! value received twice; no strand taken, woken or running after a deadlock was declared
//! (a declared deadlock must be real: a carrier may still be started then, by one that
//! saw a strand pending that another carrier took, but it finds nothing to run); the declared `B` equals the strands actually parked
//! in receives. In every final state (no agent can move): no strand pending (no lost
//! wake-up); no thread still waiting; and either every strand and thread finished and
//! every value sent was received, or (scenarios that deadlock) the deadlock was declared
//! and every waiting thread failed.

use std::collections::HashMap;

mod checks;
mod scenarios;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Op {
    /// Spawn a strand running program `n`.
    Spawn(u8),
    Send(u8),
    Recv(u8),
    Close(u8),
    /// `sleep_ms` or `yield_now`.
    Nap,
}

/// A waiter: carrier `n` or thread `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Who {
    Carrier(u8),
    Thread(u8),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Micro {
    StartRmw,
    StartPick,
    Count(Who),
    Done(Who, Option<u8>),
    BlockRmw,
    NapRmw,
    IdleDec,
    IdleLook { asleep: bool },
    IdlePark,
    Retire,
    SpawnRead,
    RootsPush,
    SleepRmw,
    ExitRmw,
    CheckPending,
    CheckDeclare { outside: bool },
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
    queue: Vec<u8>,
    chans: [Chan; 3],
    carriers: Vec<Agent>,
    threads: Vec<Agent>,
    idle: Vec<u8>,
    /// Per strand: (program, started, finished).
    strands: Vec<(u8, bool, bool)>,
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
}

/// What an exploration found.
#[derive(Debug)]
pub(super) struct Explored {
    pub(super) states: usize,
    pub(super) transitions: usize,
    /// Complete interleavings (paths from the start to a final state).
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
            idle: Vec::new(),
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
                n += self.paths(s, seen, transitions)?;
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
                    let mut n = st.clone();
                    let s = n.queue.remove(k);
                    if n.strands[s as usize].1 {
                        return Err(format!("strand {s} started twice"));
                    }
                    if n.declared {
                        return Err(format!("strand {s} started after a deadlock was declared"));
                    }
                    n.strands[s as usize].1 = true;
                    n.carriers[i].main = Main::Run { s, pc: 0 };
                    out.push(n);
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
        for s in &out {
            if s.a < 0 || s.o < 0 {
                return Err(format!("a counter went negative: A={} O={}", s.a, s.o));
            }
        }
        Ok(out)
    }

    /// One step of `who`, or None if it cannot move.
    fn step(&self, st: &State, who: Who) -> Result<Option<State>, String> {
        let mut n = st.clone();
        let me = match who {
            Who::Carrier(i) => &mut n.carriers[i as usize],
            Who::Thread(i) => &mut n.threads[i as usize],
        };
        if !me.micros.is_empty() {
            let m = me.micros.remove(0);
            self.micro(&mut n, who, m)?;
            return Ok(Some(n));
        }
        let (main, done, flag) = (me.main, me.done, me.flag);
        match (who, main) {
            (Who::Carrier(_), Main::Search) => {
                if n.queue.is_empty() {
                    self.agent(&mut n, who).micros = vec![Micro::IdleDec];
                    return Ok(Some(n));
                }
                return Ok(None); // taking a strand: see `successors`
            }
            (_, Main::Run { s, pc }) => self.run(&mut n, who, s, pc)?,
            (Who::Carrier(_), Main::Parked { s, pc }) => {
                let Some(_) = done else { return Ok(None) };
                let me = self.agent(&mut n, who);
                me.done = None;
                me.main = Main::Run { s, pc: pc + 1 };
            }
            (Who::Thread(i), Main::Parked { pc, .. }) => {
                let me = &mut n.threads[i as usize];
                if done.is_some() {
                    me.done = None;
                    me.in_roots = false;
                    me.main = Main::Run { s: 0, pc: pc + 1 };
                    if flag {
                        n.o -= 1; // failed and woken at once: give one back
                    }
                } else if flag {
                    me.in_roots = false;
                    let ch = self.recv_chan(Who::Thread(i), &n);
                    let waiters = &mut n.chans[ch].waiters;
                    if let Some(k) = waiters.iter().position(|&w| w == who) {
                        waiters.remove(k);
                        n.threads[i as usize].main = Main::Failed;
                    } else {
                        n.threads[i as usize].main = Main::Overtaken { pc };
                    }
                } else {
                    return Ok(None);
                }
            }
            (Who::Thread(i), Main::Overtaken { pc }) => {
                let Some(_) = done else { return Ok(None) };
                n.o -= 1;
                let me = &mut n.threads[i as usize];
                me.done = None;
                me.main = Main::Run { s: 0, pc: pc + 1 };
            }
            (Who::Carrier(_), Main::Idle) if flag => {
                let me = self.agent(&mut n, who);
                me.flag = false;
                me.main = Main::Search;
            }
            (Who::Thread(_), Main::Failed) => {
                self.agent(&mut n, who).micros = vec![Micro::ExitRmw];
            }
            _ => return Ok(None),
        }
        Ok(Some(n))
    }

    fn agent<'a>(&self, n: &'a mut State, who: Who) -> &'a mut Agent {
        match who {
            Who::Carrier(i) => &mut n.carriers[i as usize],
            Who::Thread(i) => &mut n.threads[i as usize],
        }
    }

    /// The channel a parked thread waits on: the `Recv` at its pc.
    fn recv_chan(&self, who: Who, st: &State) -> usize {
        let Who::Thread(i) = who else { unreachable!() };
        let Main::Parked { pc, .. } = st.threads[i as usize].main else {
            unreachable!()
        };
        match self.threads[i as usize][pc as usize] {
            Op::Recv(c) => c as usize,
            op => unreachable!("{op:?}"),
        }
    }

    /// The next operation of `who`'s program.
    fn run(&self, n: &mut State, who: Who, s: u8, pc: u8) -> Result<(), String> {
        let program = match who {
            Who::Carrier(_) => &self.programs[n.strands[s as usize].0 as usize],
            Who::Thread(i) => &self.threads[i as usize],
        };
        // A distinct value per send: strands 0-4 use 0-39, threads 0-2 use 40-63.
        let value = match who {
            Who::Carrier(_) => s * 8 + pc,
            Who::Thread(i) => 40 + i * 8 + pc,
        };
        let next = Main::Run { s, pc: pc + 1 };
        let Some(&op) = program.get(pc as usize) else {
            if let Who::Carrier(_) = who {
                n.strands[s as usize].2 = true;
            }
            let me = self.agent(n, who);
            if let Who::Carrier(_) = who {
                me.main = Main::Search;
                me.micros = vec![Micro::Retire];
            } else {
                me.main = Main::Failed; // a thread that ends exits, as a failed one does
                me.micros = vec![Micro::ExitRmw];
            }
            return Ok(());
        };
        if n.declared && !matches!(op, Op::Nap) && matches!(who, Who::Carrier(_)) {
            return Err(format!(
                "strand {s} runs {op:?} after a deadlock was declared"
            ));
        }
        self.agent(n, who).main = next;
        match op {
            Op::Spawn(p) => {
                n.strands.push((p, false, false));
                n.queue.push(n.strands.len() as u8 - 1);
                if let Who::Thread(_) = who {
                    self.agent(n, who).micros = vec![Micro::SpawnRead];
                }
            }
            Op::Send(c) => {
                let ch = &mut n.chans[c as usize];
                if ch.closed {
                    return Ok(());
                }
                n.sent |= 1 << value;
                if ch.waiters.is_empty() {
                    ch.values.push(value);
                } else {
                    let w = ch.waiters.remove(0);
                    self.agent(n, who).micros = self.wake(w, Some(value));
                }
            }
            Op::Close(c) => {
                let ch = &mut n.chans[c as usize];
                if !ch.closed {
                    ch.closed = true;
                    let waiters = std::mem::take(&mut ch.waiters);
                    let micros = waiters.into_iter().flat_map(|w| self.wake(w, None));
                    self.agent(n, who).micros = micros.collect();
                }
            }
            Op::Recv(c) => {
                let ch = &mut n.chans[c as usize];
                if !ch.values.is_empty() {
                    let v = ch.values.remove(0);
                    if n.received & (1 << v) != 0 {
                        return Err(format!("value {v} received twice"));
                    }
                    n.received |= 1 << v;
                } else if !ch.closed {
                    ch.waiters.push(who);
                    let me = self.agent(n, who);
                    me.main = Main::Parked { s, pc };
                    me.micros = match who {
                        Who::Carrier(_) => vec![Micro::BlockRmw],
                        Who::Thread(_) => vec![Micro::RootsPush, Micro::SleepRmw],
                    };
                }
            }
            Op::Nap => {
                let me = self.agent(n, who);
                if let Who::Carrier(_) = who {
                    me.main = Main::Napping { s, pc };
                    me.micros = vec![Micro::NapRmw];
                }
            }
        }
        Ok(())
    }

    fn wake(&self, w: Who, value: Option<u8>) -> Vec<Micro> {
        if self.done_before_count {
            vec![Micro::Done(w, value), Micro::Count(w)]
        } else {
            vec![Micro::Count(w), Micro::Done(w, value)]
        }
    }

    fn micro(&self, n: &mut State, who: Who, m: Micro) -> Result<(), String> {
        let w = self.workers;
        let check = |outside| [Micro::CheckPending, Micro::CheckDeclare { outside }];
        let mut then: Vec<Micro> = Vec::new();
        match m {
            Micro::StartRmw => n.a += 1,
            Micro::StartPick => {
                // (This may follow a declared deadlock: a carrier that blocked saw a
                // pending strand, which another carrier took before it blocked too. The
                // carrier started for it finds nothing and goes idle.)
                if let Some(c) = n.idle.pop() {
                    n.carriers[c as usize].flag = true;
                } else {
                    n.carriers.push(agent(Main::Search));
                }
            }
            Micro::Count(Who::Carrier(_)) => {
                n.a += 1;
                n.b -= 1;
            }
            Micro::Count(Who::Thread(_)) => n.o += 1,
            Micro::Done(target, value) => {
                if n.declared {
                    return Err(format!("{target:?} woken after a deadlock was declared"));
                }
                if let Some(v) = value {
                    if n.received & (1 << v) != 0 {
                        return Err(format!("value {v} received twice"));
                    }
                    n.received |= 1 << v;
                }
                self.agent(n, target).done = Some(value);
            }
            Micro::BlockRmw | Micro::NapRmw => {
                n.a -= 1;
                if m == Micro::BlockRmw {
                    n.b += 1;
                } else {
                    n.o += 1;
                }
                if n.a < w && !n.queue.is_empty() {
                    then.extend([Micro::StartRmw, Micro::StartPick]);
                } else if m == Micro::BlockRmw && n.a + n.o == 0 {
                    then.extend(check(false));
                }
            }
            Micro::IdleDec => {
                n.a -= 1;
                then.push(Micro::IdleLook {
                    asleep: n.a + n.o == 0,
                });
            }
            Micro::IdleLook { asleep } => {
                if !n.queue.is_empty() {
                    n.a += 1; // back to Search
                } else {
                    if asleep {
                        then.extend(check(false));
                    }
                    then.push(Micro::IdlePark);
                }
            }
            Micro::IdlePark => {
                let Who::Carrier(i) = who else { unreachable!() };
                n.idle.push(i);
                n.carriers[i as usize].main = Main::Idle;
            }
            Micro::Retire => {
                // Load, pending check and compare-exchange: the exchange fails if the
                // word changed since the load, so doing it at once is equivalent.
                if n.a > w && n.queue.is_empty() {
                    n.a -= 1;
                    then.push(Micro::IdlePark);
                }
            }
            Micro::SpawnRead => {
                if n.a < w {
                    then.extend([Micro::StartRmw, Micro::StartPick]);
                }
            }
            Micro::RootsPush => self.agent(n, who).in_roots = true,
            Micro::SleepRmw | Micro::ExitRmw => {
                n.o -= 1;
                if m == Micro::ExitRmw {
                    self.agent(n, who).main = Main::Exited;
                }
                if n.a + n.o == 0 {
                    then.extend(check(m == Micro::ExitRmw));
                }
            }
            Micro::CheckPending => {
                if !n.queue.is_empty() {
                    self.agent(n, who).micros.remove(0); // skip CheckDeclare
                }
            }
            Micro::CheckDeclare { outside } => self.declare(n, outside)?,
        }
        let me = self.agent(n, who);
        then.append(&mut me.micros);
        me.micros = then;
        Ok(())
    }
}
