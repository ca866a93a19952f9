//! Random well-typed Seq programs.
//!
//! The generator tracks the stack's types while it writes, so what it writes is a valid
//! program by construction (up to what the checker cannot know, see the driver): a graph
//! of words with random effects that call each other (recursion included), each body a
//! random sequence of operations valid on the stack it has reached, then reconciled with
//! the declared outputs (drop down to the longest common prefix, produce the rest).
//!
//! Operations: literals of every type (decimal, hex, binary and extreme Ints; Floats with
//! exponents, overflowing to infinity; strings with every escape and non-ASCII text),
//! shuffles (`pick`/`roll` included), the aux stack, typed words and arithmetic sugar,
//! both forms of `if`, `when`/`unless`, quotations run by `call`/`dip`/`keep`/`bi`/`times`/
//! `each-integer`/`integer-fold`, quotation values, lists and maps with their
//! higher-order words, channels and `strand.spawn`, and calls of the program's own words.
//! Typed operations are in `ops.rs`.

use super::rng::Rng;
use std::fmt;

/// A Seq type, as the generator tracks it.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Int,
    Float,
    Bool,
    Str,
    List(Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    Chan(Box<Ty>),
    Quot(Vec<Ty>, Vec<Ty>),
    /// `Closure[ a -- b ]`: only where a word's effect declares it.
    Closure(Vec<Ty>, Vec<Ty>),
    Sym,
    Variant,
    /// A union of the program, by name.
    Union(String),
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Int => write!(f, "Int"),
            Ty::Float => write!(f, "Float"),
            Ty::Bool => write!(f, "Bool"),
            Ty::Str => write!(f, "String"),
            Ty::List(t) => write!(f, "List<{t}>"),
            Ty::Map(k, v) => write!(f, "Map<{k}, {v}>"),
            Ty::Chan(t) => write!(f, "Channel<{t}>"),
            Ty::Quot(ins, outs) => write!(f, "[ {} -- {} ]", list(ins), list(outs)),
            Ty::Closure(ins, outs) => write!(f, "Closure[ {} -- {} ]", list(ins), list(outs)),
            Ty::Sym => write!(f, "Symbol"),
            Ty::Variant => write!(f, "Variant"),
            Ty::Union(name) => write!(f, "{name}"),
        }
    }
}

/// Types separated by spaces.
pub fn list(types: &[Ty]) -> String {
    types
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word of the generated program.
#[derive(Clone, Debug)]
pub struct Sig {
    pub name: String,
    pub ins: Vec<Ty>,
    pub outs: Vec<Ty>,
}

/// Where the generator is writing.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// Nesting of quotations and conditionals.
    pub depth: usize,
    /// Whether arithmetic sugar may be used (the operand types are visible to the
    /// checker: not inside quotation bodies).
    pub sugar: bool,
}

impl Ctx {
    pub fn nested(self) -> Ctx {
        Ctx {
            depth: self.depth + 1,
            ..self
        }
    }

    pub fn quotation(self) -> Ctx {
        Ctx {
            depth: self.depth + 1,
            sugar: false,
        }
    }
}

/// Deepest nesting of generated quotations and conditionals.
pub const MAX_DEPTH: usize = 3;

/// The program generator: a random source, the program's words, and the tokens written.
pub struct Gen {
    pub rng: Rng,
    pub words: Vec<Sig>,
    pub out: Vec<String>,
    pub unions: Vec<super::data::Union>,
}

/// Word names in the styles Seq uses (`{}` is the word's index).
const NAME_STYLES: &[&str] = &[
    "w{}", "go-{}", "calc.{}", "ok{}?", "to->s{}", "_u{}", "λ{}", "x2-{}", "sum-of{}",
];

impl Gen {
    pub fn new(seed: u64) -> Gen {
        Gen {
            rng: Rng::new(seed),
            words: Vec::new(),
            out: Vec::new(),
            unions: Vec::new(),
        }
    }

    /// A whole program.
    pub fn program(&mut self) -> String {
        // Unions come first or last: a program may use a name before its definition.
        let unions = self.unions();
        let unions_last = self.rng.chance(0.3);
        let n = self.rng.range(1, 6);
        self.words = (0..n)
            .map(|i| {
                let name = self.rng.pick(NAME_STYLES).replace("{}", &i.to_string());
                let ins = (0..self.rng.below(4)).map(|_| self.sig_ty()).collect();
                let outs = (0..self.rng.below(3)).map(|_| self.out_ty()).collect();
                Sig { name, ins, outs }
            })
            .collect();
        let mut text = String::new();
        if self.rng.chance(0.3) {
            text.push_str("#!/usr/bin/env seqc\n# generated\n");
        }
        if !unions_last {
            text.push_str(&unions);
        }
        for sig in self.words.clone() {
            self.out.clear();
            let mut st = sig.ins.clone();
            let ctx = Ctx {
                depth: 0,
                sugar: true,
            };
            let budget = self.rng.range(2, 10);
            self.ops(&mut st, budget, ctx);
            self.reconcile(&mut st, &sig.outs, ctx);
            let body = self.out.join(" ");
            let eol = if self.rng.chance(0.5) { "\n  " } else { " " };
            text.push_str(&format!(
                ": {} ( {} -- {} ){eol}{body} ;\n",
                sig.name,
                list(&sig.ins),
                list(&sig.outs)
            ));
        }
        if self.rng.chance(0.2) {
            text.push_str(": hyp ( Float Float -- Float ) extern f64::hypot ;\n");
        }
        if unions_last {
            text.push_str(&unions);
        }
        text
    }

    /// A type for a word's effect.
    fn sig_ty(&mut self) -> Ty {
        match self.rng.below(17) {
            14 => Ty::Sym,
            15 => Ty::Variant,
            16 => self.union_ty().unwrap_or(Ty::Int),
            0..=3 => Ty::Int,
            4 | 5 => Ty::Bool,
            6 => Ty::Float,
            7 | 8 => Ty::Str,
            9 => Ty::List(Box::new(self.simple_ty())),
            10 => Ty::Map(Box::new(self.key_ty()), Box::new(self.simple_ty())),
            11 => Ty::Chan(Box::new(self.simple_ty())),
            _ => self.quot_ty(),
        }
    }

    /// A type for a word's output: also a closure, which its body makes at its end.
    fn out_ty(&mut self) -> Ty {
        match (self.rng.chance(0.08), self.quot_ty()) {
            (true, Ty::Quot(ins, outs)) => Ty::Closure(ins, outs),
            _ => self.sig_ty(),
        }
    }

    pub fn simple_ty(&mut self) -> Ty {
        self.rng
            .pick(&[Ty::Int, Ty::Float, Ty::Bool, Ty::Str])
            .clone()
    }

    pub fn key_ty(&mut self) -> Ty {
        self.rng
            .pick(&[Ty::Int, Ty::Str, Ty::Bool, Ty::Sym])
            .clone()
    }

    pub fn quot_ty(&mut self) -> Ty {
        let ins = (0..self.rng.below(3)).map(|_| self.simple_ty()).collect();
        let outs = (0..self.rng.below(3)).map(|_| self.simple_ty()).collect();
        Ty::Quot(ins, outs)
    }

    /// A type to push as a value in a body.
    pub fn value_ty(&mut self) -> Ty {
        if self.rng.chance(0.8) {
            self.simple_ty()
        } else {
            self.sig_ty()
        }
    }

    pub fn emit(&mut self, token: impl Into<String>) {
        self.out.push(token.into());
    }

    /// Writes the word `name`, which takes `ins` (on top of the stack) and leaves `outs`.
    pub fn word(&mut self, st: &mut Vec<Ty>, name: &str, ins: &[Ty], outs: &[Ty]) {
        let at = st.len() - ins.len();
        assert_eq!(&st[at..], ins, "generator: `{name}` on {st:?}");
        st.truncate(at);
        st.extend_from_slice(outs);
        self.emit(name);
    }

    /// `budget` random operations.
    pub fn ops(&mut self, st: &mut Vec<Ty>, budget: usize, ctx: Ctx) {
        for _ in 0..budget {
            self.op(st, ctx);
        }
    }

    /// One random operation valid on `st`.
    fn op(&mut self, st: &mut Vec<Ty>, ctx: Ctx) {
        if st.len() > 6 {
            let top = st.last().cloned().unwrap();
            return self.word(st, "drop", &[top], &[]);
        }
        let nested = ctx.depth < MAX_DEPTH;
        match self.rng.below(22) {
            0..=2 => {
                let ty = self.value_ty();
                self.produce(st, &ty, ctx)
            }
            3..=5 if !st.is_empty() => self.shuffle(st),
            6..=9 if !st.is_empty() => self.typed(st, ctx),
            10 | 11 if nested => self.conditional(st, ctx),
            12 | 13 if nested => self.combinator(st, ctx),
            14 | 15 if nested => self.call_word(st, ctx),
            16 if nested && !st.is_empty() => {
                let top = st.pop().unwrap();
                self.emit(">aux");
                let budget = self.rng.range(0, 3);
                self.ops(st, budget, ctx.nested());
                self.emit("aux>");
                st.push(top);
            }
            17 if nested => self.strands(st, ctx),
            18 => {
                let (name, ty) = self
                    .rng
                    .pick(&[
                        ("int-bits", Ty::Int),
                        ("f.pi", Ty::Float),
                        ("f.tau", Ty::Float),
                        ("time.nanos", Ty::Int),
                        ("args.count", Ty::Int),
                    ])
                    .clone();
                self.word(st, name, &[], &[ty]);
            }
            19 | 20 if nested => match self.union_ty() {
                Some(ty) => {
                    self.produce(st, &ty, ctx);
                    self.data_op(st, ctx)
                }
                None => self.literal(st, &Ty::Sym),
            },
            _ => {
                let ty = self.simple_ty();
                self.literal(st, &ty)
            }
        }
    }

    /// Changes `st` into `target`: drops down to the longest common prefix, then produces
    /// the rest.
    pub fn reconcile(&mut self, st: &mut Vec<Ty>, target: &[Ty], ctx: Ctx) {
        let common = st.iter().zip(target).take_while(|(a, b)| a == b).count();
        while st.len() > common {
            if st.len() >= common + 3 && self.rng.chance(0.2) {
                let top: Vec<Ty> = st[st.len() - 3..].to_vec();
                self.word(st, "3drop", &top, &[]);
            } else if st.len() >= common + 2 && self.rng.chance(0.2) {
                let top: Vec<Ty> = st[st.len() - 2..].to_vec();
                self.word(st, "nip", &top, &top[1..]);
                let top = st.last().cloned().unwrap();
                self.word(st, "drop", &[top], &[]);
            } else {
                let top = st.last().cloned().unwrap();
                self.word(st, "drop", &[top], &[]);
            }
        }
        for ty in &target[common..] {
            self.produce(st, ty, ctx);
        }
    }

    /// A quotation literal whose body takes `ins` and leaves `outs`, on a stack of its own.
    pub fn quotation(&mut self, ins: &[Ty], outs: &[Ty], ctx: Ctx) {
        self.emit("[");
        let mut local = ins.to_vec();
        let budget = self.rng.range(0, 3);
        self.ops(&mut local, budget, ctx.quotation());
        self.reconcile(&mut local, outs, ctx.quotation());
        self.emit("]");
    }

    /// A quotation literal run on the enclosing stack `st` (inlined by the combinator):
    /// random operations, then, if `target` is given, reconciled with it.
    pub fn inline_quotation(&mut self, st: &mut Vec<Ty>, target: Option<&[Ty]>, ctx: Ctx) {
        self.emit("[");
        let budget = self.rng.range(0, 3);
        self.ops(st, budget, ctx.quotation());
        if let Some(target) = target {
            self.reconcile(st, target, ctx.quotation());
        }
        self.emit("]");
    }

    /// Pushes one value of type `ty`: a literal, or a small computation.
    pub fn produce(&mut self, st: &mut Vec<Ty>, ty: &Ty, ctx: Ctx) {
        let simple = ctx.depth >= MAX_DEPTH || self.rng.chance(0.6);
        match ty {
            Ty::Int | Ty::Float | Ty::Bool | Ty::Str if simple => self.literal(st, ty),
            Ty::Int | Ty::Float | Ty::Bool | Ty::Str => self.compute(st, ty, ctx),
            Ty::List(t) => {
                self.word(st, "list.make", &[], &[ty.clone()]);
                for _ in 0..self.rng.range(1, 2) {
                    self.produce(st, t, ctx.nested());
                    self.word(st, "list.push", &[ty.clone(), (**t).clone()], &[ty.clone()]);
                }
            }
            Ty::Map(k, v) => {
                self.word(st, "map.make", &[], &[ty.clone()]);
                for _ in 0..self.rng.range(1, 2) {
                    self.produce(st, k, ctx.nested());
                    self.produce(st, v, ctx.nested());
                    let ins = [ty.clone(), (**k).clone(), (**v).clone()];
                    self.word(st, "map.set", &ins, &[ty.clone()]);
                }
            }
            Ty::Chan(t) => {
                // An element is sent, so the channel's type is fixed.
                self.word(st, "chan.make", &[], &[ty.clone()]);
                self.word(st, "dup", &[ty.clone()], &[ty.clone(), ty.clone()]);
                self.produce(st, t, ctx.nested());
                let t = (**t).clone();
                self.word(
                    st,
                    "swap",
                    &[ty.clone(), t.clone()],
                    &[t.clone(), ty.clone()],
                );
                self.word(st, "chan.send", &[t, ty.clone()], &[Ty::Bool]);
                self.word(st, "drop", &[Ty::Bool], &[]);
            }
            Ty::Quot(ins, outs) => {
                self.quotation(ins, outs, ctx);
                st.push(ty.clone());
            }
            Ty::Closure(ins, outs) => {
                // Captures a value from below the literal, or nothing; at the end of a body,
                // where the literal becomes the declared closure.
                let captured = match ctx.depth == 0 && self.rng.chance(0.6) {
                    true => Some(self.simple_ty()),
                    false => None,
                };
                if let Some(t) = &captured {
                    self.produce(st, t, ctx.nested());
                    st.pop();
                }
                let all: Vec<Ty> = captured.into_iter().chain(ins.iter().cloned()).collect();
                self.quotation(&all, outs, ctx);
                st.push(ty.clone());
            }
            Ty::Sym => self.symbol(st),
            Ty::Variant | Ty::Union(_) => self.produce_data(st, ty, ctx),
        }
    }

    /// A literal of a simple type, in one of its many spellings.
    pub fn literal(&mut self, st: &mut Vec<Ty>, ty: &Ty) {
        let text = match ty {
            Ty::Int => match self.rng.below(4) {
                0 => (self.rng.next_u64() as i64 % 1000).to_string(),
                _ => self
                    .rng
                    .pick(&[
                        "0",
                        "1",
                        "-1",
                        "42",
                        "-7",
                        "0xFF",
                        "0XfF",
                        "-0x10",
                        "0b1010",
                        "0B11",
                        "9223372036854775807",
                        "-9223372036854775808",
                        "0xFFFFFFFFFFFFFFFF",
                        "0x8000000000000000",
                    ])
                    .to_string(),
            },
            Ty::Float => self
                .rng
                .pick(&[
                    "2.5",
                    "-0.5",
                    "1e9",
                    "2.5e-3",
                    "1E3",
                    "0.0",
                    "-0.0",
                    "1e308",
                    "1e999",
                    "-1e999",
                    "1e-400",
                    "3.141592653589793",
                    "1.0e+2",
                    "-7.25",
                ])
                .to_string(),
            Ty::Bool => self.rng.pick(&["true", "false"]).to_string(),
            Ty::Sym => return self.symbol(st),
            Ty::Str => self
                .rng
                .pick(&[
                    r#""""#,
                    r#""a""#,
                    r#""x y""#,
                    r#""tab\there""#,
                    r#""q\"uote""#,
                    r#""back\\slash""#,
                    r#""\x41\x7f\x00""#,
                    r#""\xff""#,
                    r#""é ü 日本""#,
                    r##""# not a comment""##,
                    r#""[ ] { } ( ) : ;""#,
                    r#""line\r\n""#,
                    r#""{}""#,
                    r#""$x {41}""#,
                ])
                .to_string(),
            _ => unreachable!("literal of {ty}"),
        };
        self.emit(text);
        st.push(ty.clone());
    }
}
