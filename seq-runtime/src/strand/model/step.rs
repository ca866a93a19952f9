//! The model's agents taking one step: the next micro-step if one is queued, else the
//! next operation of the agent's program (or its wake-up from a wait).

use super::{Main, Micro, Op, Scenario, State, TaskState, Wait, Who};

impl Scenario {
    /// One step of `who`, or None if it cannot move.
    pub(super) fn step(&self, st: &State, who: Who) -> Result<Option<State>, String> {
        let mut n = st.clone();
        if self.blocked_on_lock(st, who) {
            return Ok(None);
        }
        let me = self.agent(&mut n, who);
        if !me.micros.is_empty() {
            let m = me.micros.remove(0);
            self.micro(&mut n, who, m)?;
            return Ok(Some(n));
        }
        let (main, done, flag) = (me.main, me.done, me.flag);
        match (who, main) {
            (Who::Carrier(_), Main::Search) => {
                if n.queue.is_empty() {
                    self.agent(&mut n, who).micros = vec![Micro::GoingIdle, Micro::IdleDec];
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
            Who::Carrier(_) => &self.programs[n.strands[s as usize].program as usize],
            Who::Thread(i) => &self.threads[i as usize],
            _ => unreachable!(),
        };
        // A distinct value per send: strands 0-4 use 0-39, threads 0-2 use 40-63.
        let value = match who {
            Who::Carrier(_) => s * 8 + pc,
            Who::Thread(i) => 40 + i * 8 + pc,
            _ => unreachable!(),
        };
        let next = Main::Run { s, pc: pc + 1 };
        let Some(&op) = program.get(pc as usize) else {
            if let Who::Carrier(_) = who {
                let strand = &mut n.strands[s as usize];
                strand.finished = true;
                strand.task = TaskState::Finished;
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
                n.strands.push(super::Strand {
                    program: p,
                    started: false,
                    finished: false,
                    task: TaskState::Scheduled,
                    resume: 0,
                    wait: Wait::Nothing,
                    foreign: false,
                    done: None,
                });
                n.queue.push((n.strands.len() as u8 - 1, 0));
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
                    let outside = matches!(who, Who::Thread(_));
                    self.agent(n, who).micros = self.wake(w, Some(value), outside);
                }
            }
            Op::Close(c) => {
                let ch = &mut n.chans[c as usize];
                if !ch.closed {
                    ch.closed = true;
                    let waiters = std::mem::take(&mut ch.waiters);
                    let outside = matches!(who, Who::Thread(_));
                    let micros = waiters
                        .into_iter()
                        .flat_map(|w| self.wake(w, None, outside));
                    self.agent(n, who).micros = micros.collect();
                }
            }
            Op::Recv(c) | Op::RecvAsync(c) => {
                let ch = &mut n.chans[c as usize];
                if !ch.values.is_empty() {
                    let v = ch.values.remove(0);
                    if n.received & (1 << v) != 0 {
                        return Err(format!("value {v} received twice"));
                    }
                    n.received |= 1 << v;
                } else if ch.closed {
                } else if let (Op::RecvAsync(_), Who::Carrier(_)) = (op, who) {
                    // Registered under the channel's lock, counted blocked; the poll
                    // ends next.
                    ch.waiters.push(Who::Task(s));
                    n.b += 1;
                    let strand = &mut n.strands[s as usize];
                    strand.wait = Wait::Channel;
                    strand.resume = pc + 1;
                    self.agent(n, who).micros = vec![Micro::PollEnd(s)];
                } else {
                    ch.waiters.push(who);
                    let me = self.agent(n, who);
                    me.main = Main::Parked { s, pc };
                    me.micros = match who {
                        Who::Carrier(_) => vec![Micro::BlockRmw],
                        _ => vec![Micro::RootsPush, Micro::SleepRmw],
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
            Op::AwaitForeign => {
                if let Who::Carrier(_) = who {
                    // Registered with a waker the runtime does not count; the poll ends
                    // without a counted wait.
                    let strand = &mut n.strands[s as usize];
                    strand.wait = Wait::Foreign;
                    strand.resume = pc + 1;
                    self.agent(n, who).micros = vec![Micro::PollCount(s), Micro::PollEnd(s)];
                }
            }
            Op::NapAsync => {
                if let Who::Carrier(_) = who {
                    // Counted awake, the alarm set; the poll ends next.
                    n.o += 1;
                    let strand = &mut n.strands[s as usize];
                    strand.wait = Wait::Alarm;
                    strand.resume = pc + 1;
                    self.agent(n, who).micros = vec![Micro::PollEnd(s)];
                }
            }
        }
        Ok(())
    }

    /// The micro-steps of completing waiter `w` with `value`: count, publish, wake.
    pub(super) fn wake(&self, w: Who, value: Option<u8>, outside: bool) -> Vec<Micro> {
        let mut micros = if self.done_before_count {
            vec![Micro::Done(w, value), Micro::Count(w)]
        } else {
            vec![Micro::Count(w), Micro::Done(w, value)]
        };
        if let Who::Task(s) = w {
            micros.push(Micro::Wake { s, outside });
        }
        micros
    }
}
