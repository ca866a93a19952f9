//! The model's micro-steps: the parts of composite operations (starting a carrier,
//! completing a waiter, waking a task, ending a poll, going idle, the deadlock check),
//! each one atomic step of the real code.

use super::{agent, Main, Micro, Scenario, State, TaskState, Wait, Who};

impl Scenario {
    pub(super) fn micro(&self, n: &mut State, who: Who, m: Micro) -> Result<(), String> {
        let w = self.workers;
        let check = |outside| {
            [
                Micro::Lock,
                Micro::CheckPending,
                Micro::CheckDeclare { outside },
                Micro::Unlock,
            ]
        };
        let mut then: Vec<Micro> = Vec::new();
        // Micro-steps that come after everything queued (a check after an unlock).
        let mut after: Vec<Micro> = Vec::new();
        match m {
            Micro::StartRmw => n.a += 1,
            Micro::StartPick => {
                // (This may follow a declared deadlock: a carrier that blocked saw a
                // pending strand, which another carrier took before it blocked too. The
                // carrier started for it finds nothing and goes idle.)
                if let Some(c) = n.idle.pop() {
                    n.carriers[c as usize].flag = true;
                } else if n.going_idle > n.handoffs {
                    n.handoffs += 1;
                } else if n.a > w {
                    n.a -= 1; // others became active meanwhile: not needed
                } else {
                    n.carriers.push(agent(Main::Search));
                }
            }
            Micro::Count(Who::Carrier(_)) => {
                n.a += 1;
                n.b -= 1;
            }
            Micro::Count(Who::Thread(_)) => n.o += 1,
            Micro::Count(Who::Task(_)) => n.b -= 1,
            Micro::Count(Who::Timer) => unreachable!(),
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
                match target {
                    Who::Task(s) => {
                        let strand = &mut n.strands[s as usize];
                        strand.done = Some(value);
                        strand.wait = Wait::Nothing;
                    }
                    _ => self.agent(n, target).done = Some(value),
                }
            }
            Micro::Wake { s, outside } => {
                let strand = &mut n.strands[s as usize];
                match strand.task {
                    TaskState::Idle if strand.foreign => {
                        // Counted awake by itself: delivered under the lock.
                        strand.task = TaskState::Scheduled;
                        strand.foreign = false;
                        then.extend([
                            Micro::Lock,
                            Micro::Push { s, outside },
                            Micro::LeaveAwake,
                            Micro::Unlock,
                        ]);
                    }
                    TaskState::Idle => {
                        strand.task = TaskState::Scheduled;
                        then.push(Micro::Push { s, outside });
                    }
                    TaskState::Running => strand.task = TaskState::Notified,
                    _ => {}
                }
            }
            Micro::Push { s, outside } => {
                self.push(n, s)?;
                if outside {
                    then.push(Micro::SpawnRead);
                }
            }
            Micro::PollCount(s) => {
                n.o += 1;
                n.strands[s as usize].foreign = true;
            }
            Micro::PollEnd(s) => {
                let strand = &mut n.strands[s as usize];
                if strand.task == TaskState::Notified && !self.forget_notified {
                    // Woken while it ran: the carrier queues it again (the injector;
                    // the carrier is counted and searches next).
                    strand.task = TaskState::Scheduled;
                    if strand.foreign {
                        strand.foreign = false;
                        n.o -= 1;
                    }
                    self.push(n, s)?;
                } else {
                    strand.task = TaskState::Idle;
                }
                self.agent(n, who).main = Main::Search;
            }
            Micro::Lock => {
                if !self.no_delivery_lock {
                    n.lock = Some(who);
                }
            }
            Micro::Unlock => {
                if !self.no_delivery_lock {
                    n.lock = None;
                }
            }
            Micro::LeaveAwake => {
                n.o -= 1;
                if n.a + n.o == 0 {
                    after.extend(check(false));
                }
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
            Micro::GoingIdle => n.going_idle += 1,
            Micro::IdleDec => {
                n.a -= 1;
                then.push(Micro::IdleLook {
                    asleep: n.a + n.o == 0,
                });
            }
            Micro::IdleLook { asleep } => {
                if !n.queue.is_empty() {
                    then.push(Micro::NotIdle);
                } else {
                    if asleep {
                        then.extend(check(false));
                    }
                    then.push(Micro::IdlePark);
                }
            }
            Micro::NotIdle => {
                n.going_idle -= 1;
                if n.handoffs > 0 {
                    n.handoffs -= 1; // counted by the start that left it
                } else {
                    n.a += 1;
                }
            }
            Micro::IdlePark => {
                let Who::Carrier(i) = who else { unreachable!() };
                n.going_idle -= 1;
                if n.handoffs > 0 {
                    n.handoffs -= 1; // searches again, counted by the start
                    n.carriers[i as usize].main = Main::Search;
                } else {
                    n.idle.push(i);
                    n.carriers[i as usize].main = Main::Idle;
                }
            }
            Micro::Retire => {
                // Load, pending check and compare-exchange (the exchange fails if the
                // word changed since the load, so doing it at once is equivalent), then,
                // under the idle list's lock, a hand-off or the idle list.
                if n.a > w && n.queue.is_empty() {
                    let Who::Carrier(i) = who else { unreachable!() };
                    n.a -= 1;
                    if n.handoffs > 0 {
                        n.handoffs -= 1; // carries on, counted by the start
                    } else {
                        n.idle.push(i);
                        n.carriers[i as usize].main = Main::Idle;
                    }
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
                    self.micros(n, who).remove(0); // skip CheckDeclare
                }
            }
            Micro::CheckDeclare { outside } => self.declare(n, outside)?,
        }
        let micros = self.micros(n, who);
        then.append(micros);
        then.append(&mut after);
        *micros = then;
        Ok(())
    }

    /// Queues the task of strand `s` where it resumes.
    fn push(&self, n: &mut State, s: u8) -> Result<(), String> {
        if n.queue.iter().any(|&(q, _)| q == s) {
            return Err(format!("strand {s} queued twice"));
        }
        if n.declared {
            return Err(format!("strand {s} woken after a deadlock was declared"));
        }
        let resume = n.strands[s as usize].resume;
        n.queue.push((s, resume));
        Ok(())
    }
}
