//! The model's verdicts: the deadlock detector's declaration (and that it is right), and
//! what a final state must satisfy.

use super::{Main, Scenario, State, Wait};

impl Scenario {
    pub(super) fn declare(&self, n: &mut State, outside: bool) -> Result<(), String> {
        if n.a + n.o != 0 {
            return Ok(());
        }
        let roots = n.threads.iter().filter(|t| t.in_roots).count();
        if roots == 0 && (outside || n.b == 0) {
            return Ok(());
        }
        let parked = n
            .carriers
            .iter()
            .filter(|c| matches!(c.main, Main::Parked { .. }) && c.done.is_none())
            .count()
            + n.strands.iter().filter(|s| s.wait == Wait::Channel).count();
        if n.b as usize != parked {
            return Err(format!("declared B={} but {parked} strands parked", n.b));
        }
        n.declared = true;
        for t in n.threads.iter_mut().filter(|t| t.in_roots && !t.flag) {
            n.o += 1;
            t.flag = true;
        }
        Ok(())
    }

    pub(super) fn check_final(&self, st: &State) -> Result<(), String> {
        if !st.queue.is_empty() {
            return Err("a pending strand was left with no carrier (lost wake-up)".into());
        }
        if st.threads.iter().any(|t| t.main != Main::Exited) {
            return Err("a thread still waits".into());
        }
        if st.handoffs != 0 || st.going_idle != 0 {
            return Err(format!(
                "{} hand-offs left, {} carriers still going idle",
                st.handoffs, st.going_idle
            ));
        }
        if self.deadlock {
            return match st.declared {
                true => Ok(()),
                false => Err("the deadlock was not declared".into()),
            };
        }
        if st.declared {
            return Err("a deadlock was declared".into());
        }
        if st.strands.iter().any(|s| !s.started || !s.finished) {
            return Err("a strand did not run to its end".into());
        }
        if st.sent & !st.received != 0 {
            return Err("a value sent was never received".into());
        }
        Ok(())
    }
}
