//! The generator's operations on the stack it tracks: shuffles, typed builtins chosen by
//! the types on top, conditionals, combinators with quotations, calls of the program's
//! words, and channels/strands.

use super::gen::{Ctx, Gen, Ty};

type Candidate = (&'static str, Vec<Ty>);

const SHUFFLES: &[(&str, usize, &[usize])] = &[
    ("dup", 1, &[0, 0]),
    ("drop", 1, &[]),
    ("swap", 2, &[1, 0]),
    ("over", 2, &[0, 1, 0]),
    ("rot", 3, &[1, 2, 0]),
    ("nip", 2, &[1]),
    ("tuck", 2, &[1, 0, 1]),
    ("2dup", 2, &[0, 1, 0, 1]),
    ("3drop", 3, &[]),
];

/// Builtins on one value of type `a`: (name, outputs).
fn unary(a: &Ty) -> Vec<Candidate> {
    use Ty::*;
    let all = |names: &[&'static str], outs: &[Ty]| -> Vec<Candidate> {
        names.iter().map(|n| (*n, outs.to_vec())).collect()
    };
    match a {
        Int => [
            all(
                &["i.neg", "negate", "bnot", "popcount", "clz", "ctz"],
                &[Int],
            ),
            all(&["int->float"], &[Float]),
            all(
                &["int->string", "char->string", "int.to-bytes-i32-be"],
                &[Str],
            ),
        ]
        .concat(),
        Float => [
            all(
                &[
                    "f.sqrt", "f.sin", "f.exp", "f.floor", "f.round", "f.neg", "f.abs",
                ],
                &[Float],
            ),
            all(&["float->int"], &[Int]),
            all(&["float->string", "float.to-bytes-f32-be"], &[Str]),
        ]
        .concat(),
        Bool => all(&["not"], &[Bool]),
        Str => [
            all(&["string.length", "string.byte-length"], &[Int]),
            all(
                &[
                    "string.trim",
                    "string.chomp",
                    "string.to-upper",
                    "string.to-lower",
                    "string.json-escape",
                ],
                &[Str],
            ),
            all(&["string.empty?"], &[Bool]),
            all(&["string->int"], &[Int, Bool]),
            all(&["string->float"], &[Float, Bool]),
            all(&["string->symbol"], &[Sym]),
        ]
        .concat(),
        List(t) => [
            all(&["list.length"], &[Int]),
            all(&["list.empty?"], &[Bool]),
            all(&["list.reverse"], &[a.clone()]),
            all(&["list.first", "list.last"], &[(**t).clone(), Bool]),
        ]
        .concat(),
        Map(k, v) => [
            all(&["map.size"], &[Int]),
            all(&["map.empty?"], &[Bool]),
            all(&["map.keys"], &[List(k.clone())]),
            all(&["map.values"], &[List(v.clone())]),
        ]
        .concat(),
        Chan(t) => [
            all(&["chan.close"], &[]),
            all(&["chan.receive"], &[(**t).clone(), Bool]),
        ]
        .concat(),
        Sym => all(&["symbol->string"], &[Str]),
        Quot(..) | Closure(..) | Variant | Union(_) => vec![],
    }
}

/// Builtins on `a` under `b`: (name, outputs).
fn binary(a: &Ty, b: &Ty, sugar: bool) -> Vec<Candidate> {
    use Ty::*;
    let all = |names: &[&'static str], outs: &[Ty]| -> Vec<Candidate> {
        names.iter().map(|n| (*n, outs.to_vec())).collect()
    };
    let mut out = match (a, b) {
        (Int, Int) => [
            all(
                &[
                    "i.+", "i.-", "i.*", "band", "bor", "bxor", "shl", "shr", "i.add",
                ],
                &[Int],
            ),
            all(
                &["i./", "i.%", "i.pow", "i.divide", "i.modulo"],
                &[Int, Bool],
            ),
            all(
                &["i.=", "i.<", "i.>", "i.<=", "i.>=", "i.<>", "i.lt"],
                &[Bool],
            ),
        ]
        .concat(),
        (Float, Float) => [
            all(&["f.+", "f.-", "f.*", "f./", "f.pow", "f.atan2"], &[Float]),
            all(
                &["f.=", "f.<", "f.>", "f.<=", "f.>=", "f.<>", "f.eq"],
                &[Bool],
            ),
        ]
        .concat(),
        (Bool, Bool) => all(&["and", "or"], &[Bool]),
        (Sym, Sym) => all(&["symbol.="], &[Bool]),
        (Str, Str) => [
            all(&["string.concat"], &[Str]),
            all(
                &["string.contains", "string.starts-with", "string.equal?"],
                &[Bool],
            ),
            all(&["string.find"], &[Int]),
            all(&["string.split"], &[List(Box::new(Str))]),
        ]
        .concat(),
        (Str, Int) => all(&["string.char-at"], &[Int]),
        (List(t), x) if **t == *x => all(&["list.push"], &[a.clone()]),
        (List(t), Int) => all(&["list.get"], &[(**t).clone(), Bool]),
        (Map(k, v), x) if **k == *x => [
            all(&["map.get"], &[(**v).clone(), Bool]),
            all(&["map.has?"], &[Bool]),
            all(&["map.remove"], &[a.clone()]),
        ]
        .concat(),
        (x, Chan(t)) if **t == *x => all(&["chan.send"], &[Bool]),
        _ => vec![],
    };
    if let (List(t), Str) = (a, b) {
        if **t == Str {
            out.extend(all(&["string.join"], &[Str]));
        }
    }
    if sugar && matches!((a, b), (Int, Int) | (Float, Float)) {
        let result = a.clone();
        out.extend(all(&["+", "-", "*"], &[result.clone()]));
        out.extend(all(&["=", "<", ">", "<=", ">=", "<>"], &[Bool]));
        if *a == Int {
            out.extend(all(&["/", "%"], &[Int, Bool]));
        } else {
            out.extend(all(&["/"], &[Float]));
        }
    }
    if sugar && matches!((a, b), (Str, Str)) {
        out.extend(all(&["+"], &[Str]));
        out.extend(all(&["="], &[Bool]));
    }
    out
}

impl Gen {
    /// A shuffle word, or `n pick` / `n roll`.
    pub fn shuffle(&mut self, st: &mut Vec<Ty>) {
        let n = st.len();
        if self.rng.chance(0.25) {
            let depth = self.rng.below(n);
            let ty = st[n - 1 - depth].clone();
            self.emit(depth.to_string());
            if self.rng.chance(0.5) {
                self.emit("pick");
            } else {
                self.emit("roll");
                st.remove(n - 1 - depth);
            }
            return st.push(ty);
        }
        let fits: Vec<_> = SHUFFLES.iter().filter(|s| s.1 <= n).collect();
        let (name, arity, outs) = **self.rng.pick(&fits);
        let ins = st[n - arity..].to_vec();
        let outs: Vec<Ty> = outs.iter().map(|&i| ins[i].clone()).collect();
        self.word(st, name, &ins, &outs);
    }

    /// A builtin chosen by the type on top: on it alone, on it and the value below, on it
    /// and a produced operand, or a higher-order word with a quotation.
    pub fn typed(&mut self, st: &mut Vec<Ty>, ctx: Ctx) {
        let a = st.last().cloned().unwrap();
        if matches!(a, Ty::Variant | Ty::Union(_)) {
            return self.data_op(st, ctx);
        }
        let n = st.len();
        if n >= 2 && self.rng.chance(0.3) {
            let below = st[n - 2].clone();
            let fits = binary(&below, &a, ctx.sugar);
            if !fits.is_empty() {
                let (name, outs) = self.rng.pick(&fits).clone();
                return self.word(st, name, &[below, a], &outs);
            }
        }
        if ctx.depth < super::gen::MAX_DEPTH && self.rng.chance(0.3) && self.higher_order(st, ctx) {
            return;
        }
        if self.rng.chance(0.5) {
            let operand = match &a {
                Ty::Str if self.rng.chance(0.3) => Ty::Int,
                Ty::List(t) if self.rng.chance(0.5) => (**t).clone(),
                Ty::List(_) => Ty::Int,
                Ty::Map(k, _) => (**k).clone(),
                Ty::Chan(_) | Ty::Quot(..) | Ty::Closure(..) => return self.quot_or_chan(st, ctx),
                other => other.clone(),
            };
            self.produce(st, &operand, ctx);
            let fits = binary(&a, &operand, ctx.sugar);
            let (name, outs) = self.rng.pick(&fits).clone();
            return self.word(st, name, &[a, operand], &outs);
        }
        match &a {
            Ty::Str if self.rng.chance(0.2) => {
                self.produce(st, &Ty::Int, ctx);
                self.produce(st, &Ty::Int, ctx);
                self.word(
                    st,
                    "string.substring",
                    &[Ty::Str, Ty::Int, Ty::Int],
                    &[Ty::Str],
                )
            }
            Ty::List(t) if self.rng.chance(0.3) => {
                let t = (**t).clone();
                self.produce(st, &Ty::Int, ctx);
                self.produce(st, &t, ctx);
                self.word(st, "list.set", &[a.clone(), Ty::Int, t], &[a, Ty::Bool])
            }
            Ty::Map(k, v) if self.rng.chance(0.3) => {
                let (k, v) = ((**k).clone(), (**v).clone());
                self.produce(st, &k, ctx);
                self.produce(st, &v, ctx);
                self.word(st, "map.set", &[a.clone(), k, v], &[a])
            }
            Ty::Quot(..) | Ty::Closure(..) => self.quot_or_chan(st, ctx),
            _ => {
                let fits = unary(&a);
                let (name, outs) = self.rng.pick(&fits).clone();
                self.word(st, name, &[a], &outs)
            }
        }
    }

    /// With a quotation on top: `call` it (its inputs produced under it via the aux
    /// stack). With a channel on top: send to it, receive from it, or close it.
    fn quot_or_chan(&mut self, st: &mut Vec<Ty>, ctx: Ctx) {
        match st.last().cloned().unwrap() {
            Ty::Quot(ins, outs) | Ty::Closure(ins, outs) => {
                let q = st.pop().unwrap();
                self.emit(">aux");
                for t in &ins {
                    self.produce(st, t, ctx);
                }
                self.emit("aux>");
                st.push(q.clone());
                let all = [ins, vec![q]].concat();
                self.word(st, "call", &all, &outs);
            }
            Ty::Chan(t) if self.rng.chance(0.5) => {
                let chan = st.last().cloned().unwrap();
                self.produce(st, &t, ctx);
                self.word(
                    st,
                    "swap",
                    &[chan.clone(), (*t).clone()],
                    &[(*t).clone(), chan.clone()],
                );
                self.word(st, "chan.send", &[(*t).clone(), chan], &[Ty::Bool]);
            }
            a => {
                let fits = unary(&a);
                let (name, outs) = self.rng.pick(&fits).clone();
                self.word(st, name, &[a], &outs)
            }
        }
    }

    /// `list.map/filter/fold/each` or `map.each/fold` with a quotation on a stack of its
    /// own; false when the top is no collection.
    fn higher_order(&mut self, st: &mut Vec<Ty>, ctx: Ctx) -> bool {
        let a = st.last().cloned().unwrap();
        match &a {
            Ty::List(t) => {
                let t = (**t).clone();
                match self.rng.below(4) {
                    0 => {
                        let u = self.simple_ty();
                        self.quotation(&[t.clone()], &[u.clone()], ctx);
                        st.pop();
                        st.push(Ty::List(Box::new(u)));
                        self.emit("list.map");
                    }
                    1 => {
                        self.quotation(&[t], &[Ty::Bool], ctx);
                        self.emit("list.filter");
                    }
                    2 => {
                        let acc = self.simple_ty();
                        self.produce(st, &acc, ctx);
                        self.quotation(&[acc.clone(), t], &[acc.clone()], ctx);
                        st.truncate(st.len() - 2);
                        st.push(acc);
                        self.emit("list.fold");
                    }
                    _ => {
                        self.quotation(&[t], &[], ctx);
                        st.pop();
                        self.emit("list.each");
                    }
                }
                true
            }
            Ty::Map(k, v) => {
                let (k, v) = ((**k).clone(), (**v).clone());
                if self.rng.chance(0.5) {
                    self.quotation(&[k, v], &[], ctx);
                    st.pop();
                    self.emit("map.each");
                } else {
                    let acc = self.simple_ty();
                    self.produce(st, &acc, ctx);
                    self.quotation(&[acc.clone(), k, v], &[acc.clone()], ctx);
                    st.truncate(st.len() - 2);
                    st.push(acc);
                    self.emit("map.fold");
                }
                true
            }
            _ => false,
        }
    }

    /// A Bool (the one on top, or a fresh comparison), then one of: block `if`/`else`/
    /// `then`, block `if`/`then`, combinator `if`, `when`, `unless`.
    pub fn conditional(&mut self, st: &mut Vec<Ty>, ctx: Ctx) {
        if st.last() != Some(&Ty::Bool) {
            self.produce(st, &Ty::Bool, ctx);
        }
        st.pop();
        let start = st.clone();
        let budget = self.rng.range(0, 3);
        match self.rng.below(5) {
            0 => {
                self.emit("if");
                self.ops(st, budget, ctx.nested());
                let end = st.clone();
                self.emit("else");
                let mut other = start;
                self.ops(&mut other, budget, ctx.nested());
                self.reconcile(&mut other, &end, ctx.nested());
                self.emit("then");
            }
            1 => {
                self.emit("if");
                self.ops(st, budget, ctx.nested());
                self.reconcile(st, &start, ctx.nested());
                self.emit("then");
            }
            2 => {
                self.inline_quotation(st, None, ctx);
                let end = st.clone();
                let mut other = start;
                self.inline_quotation(&mut other, Some(&end), ctx);
                self.emit("if");
            }
            k => {
                self.inline_quotation(st, Some(&start), ctx);
                self.emit(if k == 3 { "when" } else { "unless" });
            }
        }
    }

    /// `[ .. ] call`, `dip`, `keep`, `bi`, `times`, `each-integer` or `integer-fold`.
    pub fn combinator(&mut self, st: &mut Vec<Ty>, ctx: Ctx) {
        match self.rng.below(10) {
            7 | 8 => {
                // `[ cond ] [ body ] while` / `until`: both keep the stack as it was.
                let start = st.clone();
                self.emit("[");
                let budget = self.rng.range(0, 2);
                self.ops(st, budget, ctx.quotation());
                self.reconcile(st, &start, ctx.quotation());
                self.produce(st, &Ty::Bool, ctx.quotation());
                st.pop();
                self.emit("]");
                self.inline_quotation(st, Some(&start), ctx);
                let word = if self.rng.chance(0.5) {
                    "while"
                } else {
                    "until"
                };
                self.emit(word);
            }
            9 if !st.is_empty() => {
                // `value [ pred ] [ body ] ... n cond`, each quotation on a stack of its own.
                let v = st.pop().unwrap();
                let result = self.simple_ty();
                let pairs = self.rng.range(1, 3);
                for _ in 0..pairs {
                    self.emit("[");
                    let mut local = vec![v.clone()];
                    let budget = self.rng.range(0, 2);
                    self.ops(&mut local, budget, ctx.quotation());
                    self.reconcile(&mut local, std::slice::from_ref(&v), ctx.quotation());
                    self.produce(&mut local, &Ty::Bool, ctx.quotation());
                    self.emit("]");
                    self.quotation(std::slice::from_ref(&v), std::slice::from_ref(&result), ctx);
                }
                self.emit(pairs.to_string());
                self.emit("cond");
                st.push(result);
            }
            0 => {
                self.inline_quotation(st, None, ctx);
                self.emit("call");
            }
            1 | 2 if !st.is_empty() => {
                let top = st.pop().unwrap();
                if self.rng.chance(0.5) {
                    self.inline_quotation(st, None, ctx);
                    self.emit("dip");
                } else {
                    st.push(top.clone());
                    self.inline_quotation(st, None, ctx);
                    self.emit("keep");
                }
                st.push(top);
            }
            3 if !st.is_empty() => {
                let top = st.last().cloned().unwrap();
                self.inline_quotation(st, None, ctx);
                st.push(top);
                self.inline_quotation(st, None, ctx);
                self.emit("bi");
            }
            4 => {
                self.produce(st, &Ty::Int, ctx);
                st.pop();
                let start = st.clone();
                self.inline_quotation(st, Some(&start), ctx);
                self.emit("times");
            }
            5 => {
                self.produce(st, &Ty::Int, ctx);
                let start = st[..st.len() - 1].to_vec();
                self.inline_quotation(st, Some(&start), ctx);
                self.emit("each-integer");
            }
            _ => {
                let acc = self.simple_ty();
                self.produce(st, &Ty::Int, ctx);
                self.produce(st, &acc, ctx);
                self.quotation(&[acc.clone(), Ty::Int], &[acc.clone()], ctx);
                st.truncate(st.len() - 2);
                st.push(acc);
                self.emit("integer-fold");
            }
        }
    }

    /// A call of one of the program's words (itself included), its inputs taken from the
    /// stack when they are there and produced otherwise.
    pub fn call_word(&mut self, st: &mut Vec<Ty>, ctx: Ctx) {
        let sig = self.rng.pick(&self.words).clone();
        if !st.ends_with(&sig.ins) || self.rng.chance(0.3) {
            for t in &sig.ins {
                self.produce(st, t, ctx.nested());
            }
        }
        self.word(st, &sig.name, &sig.ins, &sig.outs);
    }

    /// Channels and strands: a value sent and received back, `chan.yield`, or a strand
    /// spawned on (a copy of) the stack.
    pub fn strands(&mut self, st: &mut Vec<Ty>, ctx: Ctx) {
        match self.rng.below(3) {
            0 => {
                let t = self.simple_ty();
                let chan = Ty::Chan(Box::new(t.clone()));
                self.produce(st, &chan, ctx);
                self.word(st, "chan.receive", &[chan], &[t, Ty::Bool]);
            }
            1 => self.emit("chan.yield"),
            _ => {
                let mut child = st.clone();
                self.inline_quotation(&mut child, None, ctx);
                st.push(Ty::Int);
                self.emit("strand.spawn");
            }
        }
    }

    /// A value of a simple type computed from others.
    pub fn compute(&mut self, st: &mut Vec<Ty>, ty: &Ty, ctx: Ctx) {
        let inner = ctx.nested();
        let from: Vec<Ty> = match (ty, self.rng.below(3)) {
            (Ty::Int, 0) => vec![Ty::Str],
            (Ty::Int, 1) => vec![Ty::Float],
            (Ty::Float, 0) => vec![Ty::Int],
            (Ty::Str, 0) => vec![Ty::Int],
            (Ty::Str, 1) => vec![Ty::Float],
            (Ty::Bool, 0) => vec![Ty::Str],
            (Ty::Bool, 1) => vec![Ty::Float, Ty::Float],
            (Ty::Str, _) => vec![Ty::Str, Ty::Str],
            (Ty::Bool, _) | (Ty::Int, _) => vec![Ty::Int, Ty::Int],
            (Ty::Float, _) => vec![Ty::Float, Ty::Float],
            _ => unreachable!("compute of {ty}"),
        };
        for t in &from {
            self.produce(st, t, inner);
        }
        let fits: Vec<Candidate> = if from.len() == 2 {
            binary(&from[0], &from[1], ctx.sugar)
        } else {
            unary(&from[0])
        }
        .into_iter()
        .filter(|(_, outs)| outs.first() == Some(ty))
        .collect();
        let (name, outs) = self.rng.pick(&fits).clone();
        self.word(st, name, &from, &outs);
        // Keep only the first output (`string->int` leaves a flag above the Int).
        for _ in 1..outs.len() {
            let top = st.last().cloned().unwrap();
            self.word(st, "drop", &[top], &[]);
        }
    }
}
