//! The generator's data: union definitions (fields of every allowed type, unions that
//! contain themselves or an earlier union), their constructors, predicates, accessors and
//! `match` (all fields, or a `{ >named }` subset); symbols; and variants (`variant.make-n`
//! / `wrap-n`, their reads typed by the word that consumes them).

use super::gen::{Ctx, Gen, Ty, MAX_DEPTH};

/// A generated union: its name and its variants with their fields (declaration order).
#[derive(Clone, Debug)]
pub struct Union {
    pub name: String,
    pub variants: Vec<Variant>,
}

#[derive(Clone, Debug)]
pub struct Variant {
    pub name: String,
    pub fields: Vec<(String, Ty)>,
}

const UNION_NAMES: &[&str] = &["Shape", "Tree", "Msg", "Opt"];
const VARIANT_NAMES: &[&str] = &["Circle", "Leaf", "Node", "Empty", "Some", "Pair"];
const FIELD_NAMES: &[&str] = &["x", "y", "val", "next", "left", "right", "r2", "name"];

impl Gen {
    /// Zero to two unions for the program, and their definitions' text.
    pub fn unions(&mut self) -> String {
        self.unions.clear();
        let mut text = String::new();
        for u in 0..self.rng.below(3) {
            let name = format!("{}{u}", self.rng.pick(UNION_NAMES));
            let n = self.rng.range(1, 4);
            // One variant holds no union, so every value can be built and `Default` exists.
            let base = self.rng.below(n);
            let variants = (0..n)
                .map(|v| {
                    let count = self.rng.below(4);
                    let mut names: Vec<&str> = FIELD_NAMES.to_vec();
                    let fields = (0..count)
                        .map(|_| {
                            let field = names.remove(self.rng.below(names.len())).to_string();
                            let ty = if v != base && self.rng.chance(0.3) {
                                // Itself (recursive) or an earlier union.
                                let earlier = self.rng.below(self.unions.len() + 1);
                                Ty::Union(match self.unions.get(earlier) {
                                    Some(e) => e.name.clone(),
                                    None => name.clone(),
                                })
                            } else {
                                self.field_ty()
                            };
                            (field, ty)
                        })
                        .collect();
                    Variant {
                        name: format!("{}{u}{v}", self.rng.pick(VARIANT_NAMES)),
                        fields,
                    }
                })
                .collect::<Vec<_>>();
            text.push_str(&format!("union {name} {{"));
            for v in &variants {
                text.push_str(&format!(" {}", v.name));
                if !v.fields.is_empty() {
                    let fields: Vec<String> =
                        v.fields.iter().map(|(f, t)| format!("{f}: {t}")).collect();
                    let comma = if self.rng.chance(0.3) { "," } else { "" };
                    text.push_str(&format!(" {{ {}{comma} }}", fields.join(", ")));
                }
            }
            text.push_str(" }\n");
            self.unions.push(Union { name, variants });
        }
        text
    }

    fn field_ty(&mut self) -> Ty {
        self.rng
            .pick(&[Ty::Int, Ty::Float, Ty::Bool, Ty::Str, Ty::Sym])
            .clone()
    }

    /// A union of the program, if it has one.
    pub fn union_ty(&mut self) -> Option<Ty> {
        if self.unions.is_empty() {
            return None;
        }
        let u = self.rng.below(self.unions.len());
        Some(Ty::Union(self.unions[u].name.clone()))
    }

    fn union(&self, name: &str) -> Union {
        self.unions
            .iter()
            .find(|u| u.name == name)
            .cloned()
            .expect("a generated union")
    }

    /// A symbol literal.
    pub fn symbol(&mut self, st: &mut Vec<Ty>) {
        let name = self
            .rng
            .pick(&[":ok", ":a-b", ":x.y?", ":done!", ":Tag_2", ":é"]);
        self.emit(*name);
        st.push(Ty::Sym);
    }

    /// A value of a union (fields produced, then `Make-V`) or a variant.
    pub fn produce_data(&mut self, st: &mut Vec<Ty>, ty: &Ty, ctx: Ctx) {
        match ty {
            Ty::Union(name) => {
                let u = self.union(name);
                // Deep down, the variant without unions: recursion ends.
                let v = if ctx.depth >= MAX_DEPTH {
                    u.variants
                        .iter()
                        .find(|v| !v.fields.iter().any(|(_, t)| matches!(t, Ty::Union(_))))
                        .expect("a base variant")
                } else {
                    self.rng.pick(&u.variants)
                };
                let fields: Vec<Ty> = v.fields.iter().map(|(_, t)| t.clone()).collect();
                for t in &fields {
                    self.produce(st, t, ctx.nested());
                }
                self.word(st, &format!("Make-{}", v.name), &fields, &[ty.clone()]);
            }
            Ty::Variant => {
                let n = self.rng.below(3);
                let fields: Vec<Ty> = (0..n).map(|_| self.simple_ty()).collect();
                for t in &fields {
                    self.produce(st, t, ctx.nested());
                }
                self.symbol(st);
                let name = if self.rng.chance(0.5) {
                    format!("variant.make-{n}")
                } else {
                    format!("wrap-{n}")
                };
                let ins = [fields, vec![Ty::Sym]].concat();
                self.word(st, &name, &ins, &[Ty::Variant]);
            }
            _ => unreachable!("produce_data of {ty}"),
        }
    }

    /// An operation on the union or variant on top.
    pub fn data_op(&mut self, st: &mut Vec<Ty>, ctx: Ctx) {
        match st.last().cloned().unwrap() {
            Ty::Union(name) => {
                let u = self.union(&name);
                if ctx.depth < MAX_DEPTH && self.rng.chance(0.5) {
                    return self.match_union(st, &u, ctx);
                }
                let v = self.rng.pick(&u.variants).clone();
                let ty = Ty::Union(name);
                if v.fields.is_empty() || self.rng.chance(0.4) {
                    self.word(st, &format!("is-{}?", v.name), &[ty], &[Ty::Bool]);
                } else {
                    let (field, fty) = self.rng.pick(&v.fields).clone();
                    self.word(st, &format!("{}-{field}", v.name), &[ty], &[fty]);
                }
            }
            Ty::Variant => match self.rng.below(6) {
                0 => self.word(st, "variant.tag", &[Ty::Variant], &[Ty::Sym]),
                1 => self.word(st, "variant.field-count", &[Ty::Variant], &[Ty::Int]),
                2 => {
                    let t = self.simple_ty();
                    self.produce(st, &t, ctx);
                    self.word(st, "variant.append", &[Ty::Variant, t], &[Ty::Variant]);
                }
                3 => self.word(st, "variant.init", &[Ty::Variant], &[Ty::Variant]),
                k => {
                    // A read, typed by the word that consumes it.
                    let read = if k == 4 {
                        "variant.first"
                    } else {
                        "variant.last"
                    };
                    let (t, consumer, out) = self
                        .rng
                        .pick(&[
                            (Ty::Int, "i.neg", Ty::Int),
                            (Ty::Str, "string.length", Ty::Int),
                            (Ty::Bool, "not", Ty::Bool),
                            (Ty::Float, "f.abs", Ty::Float),
                            (Ty::Sym, "symbol->string", Ty::Str),
                        ])
                        .clone();
                    if self.rng.chance(0.3) {
                        self.produce(st, &Ty::Int, ctx);
                        self.word(
                            st,
                            "variant.field-at",
                            &[Ty::Variant, Ty::Int],
                            &[t.clone()],
                        );
                    } else {
                        self.word(st, read, &[Ty::Variant], &[t.clone()]);
                    }
                    self.word(st, consumer, &[t], &[out]);
                }
            },
            other => unreachable!("data_op on {other}"),
        }
    }

    /// `match` with one arm per variant (in a random order), each pushing all fields or
    /// a `{ >named }` subset, running random operations, and agreeing with the first arm.
    fn match_union(&mut self, st: &mut Vec<Ty>, u: &Union, ctx: Ctx) {
        st.pop();
        let start = st.clone();
        let mut order: Vec<usize> = (0..u.variants.len()).collect();
        for i in (1..order.len()).rev() {
            order.swap(i, self.rng.below(i + 1));
        }
        self.emit("match");
        let mut end: Option<Vec<Ty>> = None;
        for i in order {
            let v = &u.variants[i];
            self.emit(v.name.clone());
            let mut arm = start.clone();
            if !v.fields.is_empty() && self.rng.chance(0.4) {
                self.emit("{");
                for (field, ty) in &v.fields {
                    if self.rng.chance(0.6) {
                        self.emit(format!(">{field}"));
                        arm.push(ty.clone());
                    }
                }
                self.emit("}");
            } else {
                arm.extend(v.fields.iter().map(|(_, t)| t.clone()));
            }
            self.emit("->");
            let budget = self.rng.range(0, 3);
            self.ops(&mut arm, budget, ctx.nested());
            match &end {
                None => end = Some(arm),
                Some(end) => self.reconcile(&mut arm, end, ctx.nested()),
            }
        }
        self.emit("end");
        *st = end.expect("a union has a variant");
    }
}
