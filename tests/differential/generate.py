#!/usr/bin/env python3
"""Writes tests/generated.rs: random Seq programs, valid by construction, each with the
result an independent interpreter (this file) computes for it.

The programs mix Ints, Bools and Strings (so duplicated values must be cloned or
shared correctly), shuffles, the aux stack, pick/roll, quotations run by call/dip/keep,
both forms of if, when/unless, and times. The test file denies warnings, so it also checks
that the generated Rust is warning-free.

    python3 tests/differential/generate.py [seed] [count] > tests/generated.rs
"""

import json
import random
import sys

MASK = (1 << 64) - 1


def wrap(n):
    n &= MASK
    return n - (1 << 64) if n >> 63 else n


def trunc_div(a, b):
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q


class Gen:
    def __init__(self, rng):
        self.rng = rng

    def literal(self, ty):
        r = self.rng
        if ty == "Int":
            v = r.choice([0, 1, 2, 3, -1, -7, 10, 255, 2**62, -(2**63), r.randint(-1000, 1000)])
            return str(v), v
        if ty == "Bool":
            v = r.random() < 0.5
            return ("true" if v else "false"), v
        v = r.choice(["", "a", "bc", "x y", "seq"])
        return '"%s"' % v, v

    def neutral(self, stack, depth):
        """Ops that leave the stack's types as they were (bodies of when/unless/times)."""
        r = self.rng
        ops = []
        for _ in range(r.randint(1, 3)):
            top = stack[-1][0] if stack else None
            choices = ["dup drop"]
            if len(stack) >= 2:
                choices += ["swap swap", "over drop", ">aux aux>"]
            if top == "Int":
                choices += ["1 i.+", "dup i.*", "negate", "3 i.-"]
            if top == "String":
                choices += ['"z" string.concat', '"" swap string.concat']
            if top == "Bool":
                choices += ["not"]
            ops.append(r.choice(choices) if stack else "1 drop")
        return " ".join(ops)

    def body(self, stack, depth, budget):
        """A random op sequence valid on `stack` (list of (type, value)); mutates it."""
        r = self.rng
        out = []
        for _ in range(budget):
            out.append(self.op(stack, depth))
        return " ".join(o for o in out if o)

    def op(self, st, depth):
        r = self.rng
        n = len(st)
        types = [t for t, _ in st]
        options = ["lit", "lit"]
        if n >= 1:
            options += ["dup", "drop", "aux"]
        if n >= 2:
            options += ["swap", "over", "nip", "tuck", "2dup", "pick", "roll"]
        if n >= 3:
            options += ["rot"]
        if n >= 2 and types[-1] == types[-2] == "Int":
            options += ["arith", "arith", "divmod", "cmp"]
        if n >= 2 and types[-1] == types[-2] == "String":
            options += ["concat", "equal"]
        if n >= 1 and types[-1] == "String":
            options += ["length"]
        if n >= 1 and types[-1] == "Int":
            options += ["tostring"]
        if n >= 2 and types[-1] == types[-2] == "Bool":
            options += ["andor"]
        options += ["lmake"]
        if n >= 2 and types[-1] == "Int" and types[-2] == "List":
            options += ["lpush", "lpush", "lget"]
        if n >= 1 and types[-1] == "List":
            options += ["llen", "lmap", "lfilter", "lfold", "leach"]
        if depth < 3:
            options += ["call"]
            if n >= 1:
                options += ["dip", "keep", "if", "when", "times", "each"]
        kind = r.choice(options)
        if kind == "lit":
            ty = r.choice(["Int", "Int", "Bool", "String"])
            text, v = self.literal(ty)
            st.append((ty, v))
            return text
        if kind == "dup":
            st.append(st[-1])
            return "dup"
        if kind == "drop":
            st.pop()
            return "drop"
        if kind == "swap":
            st[-1], st[-2] = st[-2], st[-1]
            return "swap"
        if kind == "over":
            st.append(st[-2])
            return "over"
        if kind == "nip":
            del st[-2]
            return "nip"
        if kind == "tuck":
            st.insert(-2, st[-1])
            return "tuck"
        if kind == "2dup":
            st.extend(st[-2:])
            return "2dup"
        if kind == "rot":
            st.append(st.pop(-3))
            return "rot"
        if kind == "pick":
            k = r.randint(0, min(n - 1, 4))
            st.append(st[-1 - k])
            return "%d pick" % k
        if kind == "roll":
            k = r.randint(0, min(n - 1, 4))
            st.append(st.pop(-1 - k))
            return "%d roll" % k
        if kind == "aux":
            saved = st.pop()
            inner = self.body(st, depth + 1, r.randint(0, 3))
            st.append(saved)
            return ">aux %s aux>" % inner
        if kind == "arith":
            (_, b), (_, a) = st.pop(), st.pop()
            word, v = r.choice([("i.+", a + b), ("i.-", a - b), ("i.*", a * b)])
            st.append(("Int", wrap(v)))
            return word
        if kind == "divmod":
            (_, b), (_, a) = st.pop(), st.pop()
            word = r.choice(["i./", "i.%"])
            if b == 0:
                st += [("Int", 0), ("Bool", False)]
            else:
                q = wrap(trunc_div(a, b))
                st += [("Int", q if word == "i./" else wrap(a - b * trunc_div(a, b))), ("Bool", True)]
            return word
        if kind == "cmp":
            (_, b), (_, a) = st.pop(), st.pop()
            word, v = r.choice([("i.<", a < b), ("i.=", a == b), ("i.>=", a >= b)])
            st.append(("Bool", v))
            return word
        if kind == "concat":
            (_, b), (_, a) = st.pop(), st.pop()
            st.append(("String", a + b))
            return "string.concat"
        if kind == "equal":
            (_, b), (_, a) = st.pop(), st.pop()
            st.append(("Bool", a == b))
            return "string.equal?"
        if kind == "length":
            _, a = st.pop()
            st.append(("Int", len(a)))
            return "string.length"
        if kind == "tostring":
            _, a = st.pop()
            st.append(("String", str(a)))
            return "int->string"
        if kind == "andor":
            (_, b), (_, a) = st.pop(), st.pop()
            word, v = r.choice([("and", a and b), ("or", a or b)])
            st.append(("Bool", v))
            return word
        if kind == "lmake":
            st.append(("List", []))
            return "list.make"
        if kind == "lpush":
            (_, v), (_, items) = st.pop(), st.pop()
            st.append(("List", items + [v]))
            return "list.push"
        if kind == "lget":
            (_, i), (_, items) = st.pop(), st.pop()
            ok = 0 <= i < len(items)
            st += [("Int", items[i] if ok else 0), ("Bool", ok)]
            return "list.get"
        if kind == "llen":
            _, items = st.pop()
            st.append(("Int", len(items)))
            return "list.length"
        if kind == "lmap":
            _, items = st.pop()
            word, f = r.choice([("[ 1 i.+ ]", lambda v: wrap(v + 1)), ("[ dup i.* ]", lambda v: wrap(v * v))])
            st.append(("List", [f(v) for v in items]))
            return word + " list.map"
        if kind == "lfilter":
            _, items = st.pop()
            st.append(("List", [v for v in items if v > 0]))
            return "[ 0 i.> ] list.filter"
        if kind == "lfold":
            _, items = st.pop()
            st.append(("Int", wrap(sum(items))))
            return "0 [ i.+ ] list.fold"
        if kind == "leach":
            _, items = st.pop()
            body = "drop " + (self.neutral(st, depth) if st else "")
            for v in items:
                st[:] = self.run_text(body, st + [("Int", v)])
            return "[ %s ] list.each" % body
        if kind == "call":
            inner = self.body(st, depth + 1, r.randint(0, 4))
            return "[ %s ] call" % inner
        if kind == "dip":
            saved = st.pop()
            inner = self.body(st, depth + 1, r.randint(0, 3))
            st.append(saved)
            return "[ %s ] dip" % inner
        if kind == "keep":
            kept = st[-1]
            inner = self.body(st, depth + 1, r.randint(1, 3))
            st.append(kept)
            return "[ %s ] keep" % inner
        if kind == "if":
            # Both arms run the same ops with other literals, so they agree on types; the
            # false arm may reach deeper (a neutral `swap swap` first).
            cond = r.random() < 0.5
            before = list(st)
            arm_true = self.body(st, depth + 1, r.randint(0, 4))
            after_true = list(st)
            arm_false, after_false = self.relabel(arm_true, before)
            if len(before) >= 2 and r.random() < 0.5:
                arm_false = "swap swap " + arm_false
            st[:] = after_true if cond else after_false
            cond_text = "true" if cond else "false"
            if r.random() < 0.5:
                return "%s if %s else %s then" % (cond_text, arm_true, arm_false)
            return "%s [ %s ] [ %s ] if" % (cond_text, arm_true, arm_false)
        if kind == "when":
            cond = r.random() < 0.5
            before = list(st)
            body = self.neutral(st, depth)
            word = r.choice(["when", "unless"])
            fires = cond if word == "when" else not cond
            st[:] = self.run_text(body, before) if fires else before
            return "%s [ %s ] %s" % ("true" if cond else "false", body, word)
        if kind == "each":
            count = r.randint(0, 3)
            if st[-1][0] == "Int" and r.random() < 0.5:
                # Sums the iteration numbers into the Int on top, both ways.
                _, acc = st.pop()
                st.append(("Int", wrap(acc + sum(range(count)))))
                if r.random() < 0.5:
                    return "%d [ i.+ ] each-integer" % count
                return "%d swap [ i.+ ] integer-fold" % count
            body = "drop " + self.neutral(st, depth)
            for _ in range(count):
                st[:] = self.run_text(body, st + [("Int", 0)])
            return "%d [ %s ] each-integer" % (count, body)
        if kind == "times":
            count = r.randint(0, 3)
            body = self.neutral(st, depth)
            for _ in range(count):
                st[:] = self.run_text(body, st)
            return "%d [ %s ] times" % (count, body)
        raise AssertionError(kind)

    def relabel(self, text, before):
        """The same ops as `text` with its literals replaced by others of their type;
        returns the new text and the stack it leaves from `before`."""
        out = []
        tokens = tokenize(text)
        for i, token in enumerate(tokens):
            ty = literal_type(token)
            # Depths of pick/roll and counts of times stay as they are.
            after = tokens[i + 1 : i + 3]
            fixed = after[:1] in (["pick"], ["roll"], ["["]) or after == ["swap", "["]
            out.append(self.literal(ty)[0] if ty and not fixed else token)
        new = " ".join(out)
        return new, self.run_text(new, before)

    def run_text(self, text, stack):
        return Interp().run(tokenize(text), list(stack))


def tokenize(text):
    tokens, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c == '"':
            j = text.index('"', i + 1)
            tokens.append(text[i : j + 1])
            i = j + 1
        else:
            j = i
            while j < len(text) and not text[j].isspace():
                j += 1
            tokens.append(text[i:j])
            i = j
    return tokens


def literal_type(token):
    if token.startswith('"'):
        return "String"
    if token in ("true", "false"):
        return "Bool"
    try:
        int(token)
        return "Int"
    except ValueError:
        return None


class Interp:
    """An interpreter for the generated subset, independent of the compiler."""

    def run(self, tokens, st):
        self.aux = []
        pos = self.seq(tokens, 0, st, ())
        assert pos == len(tokens), (pos, tokens)
        return st

    def seq(self, tokens, i, st, ends):
        quotes = []
        while i < len(tokens):
            t = tokens[i]
            if t in ends:
                return i
            i += 1
            ty = literal_type(t)
            if ty == "Int":
                st.append(("Int", int(t)))
            elif ty == "Bool":
                st.append(("Bool", t == "true"))
            elif ty == "String":
                st.append(("String", t[1:-1]))
            elif t == "[":
                body, _, i = self.quotation(tokens, i)
                st.append(("Quot", body))
            elif t == "if" and not (tokens[i - 2] == "]" if i >= 2 else False):
                then_part, else_part, i = self.block_if(tokens, i)
                _, c = st.pop()
                self.run_in(then_part if c else else_part, st)
            else:
                self.word(t, st)
        return i

    def quotation(self, tokens, i):
        depth, start = 1, i
        while True:
            if tokens[i] == "[":
                depth += 1
            elif tokens[i] == "]":
                depth -= 1
                if depth == 0:
                    return tokens[start:i], None, i + 1
            i += 1

    def block_if(self, tokens, i):
        """Splits `A else B then` / `A then` at depth 0 (quotations and nested ifs)."""
        depth, parts, start = 0, [], i
        while True:
            t = tokens[i]
            if t == "[":
                depth += 1
            elif t == "]":
                depth -= 1
            elif depth == 0 and t == "if" and tokens[i - 1] != "]":
                # nested block if
                _, _, i = self.block_if(tokens, i + 1)
                continue
            elif depth == 0 and t == "else":
                parts.append(tokens[start:i])
                start = i + 1
            elif depth == 0 and t == "then":
                parts.append(tokens[start:i])
                if len(parts) == 1:
                    parts.append([])
                return parts[0], parts[1], i + 1
            i += 1

    def run_in(self, tokens, st):
        saved = self.aux
        self.aux = []
        self.seq(tokens, 0, st, ())
        assert not self.aux
        self.aux = saved

    def word(self, t, st):
        if t == "dup":
            st.append(st[-1])
        elif t == "drop":
            st.pop()
        elif t == "swap":
            st[-1], st[-2] = st[-2], st[-1]
        elif t == "over":
            st.append(st[-2])
        elif t == "nip":
            del st[-2]
        elif t == "tuck":
            st.insert(-2, st[-1])
        elif t == "2dup":
            st.extend(st[-2:])
        elif t == "rot":
            st.append(st.pop(-3))
        elif t == "pick":
            _, k = st.pop()
            st.append(st[-1 - k])
        elif t == "roll":
            _, k = st.pop()
            st.append(st.pop(-1 - k))
        elif t == ">aux":
            self.aux.append(st.pop())
        elif t == "aux>":
            st.append(self.aux.pop())
        elif t in ("i.+", "i.-", "i.*"):
            (_, b), (_, a) = st.pop(), st.pop()
            st.append(("Int", wrap({"i.+": a + b, "i.-": a - b, "i.*": a * b}[t])))
        elif t in ("i./", "i.%"):
            (_, b), (_, a) = st.pop(), st.pop()
            if b == 0:
                st += [("Int", 0), ("Bool", False)]
            else:
                q = trunc_div(a, b)
                st += [("Int", wrap(q) if t == "i./" else wrap(a - b * q)), ("Bool", True)]
        elif t in ("i.<", "i.=", "i.>=", "i.>"):
            (_, b), (_, a) = st.pop(), st.pop()
            st.append(("Bool", {"i.<": a < b, "i.=": a == b, "i.>=": a >= b, "i.>": a > b}[t]))
        elif t == "negate":
            _, a = st.pop()
            st.append(("Int", wrap(-a)))
        elif t == "not":
            _, a = st.pop()
            st.append(("Bool", not a))
        elif t in ("and", "or"):
            (_, b), (_, a) = st.pop(), st.pop()
            st.append(("Bool", (a and b) if t == "and" else (a or b)))
        elif t == "string.concat":
            (_, b), (_, a) = st.pop(), st.pop()
            st.append(("String", a + b))
        elif t == "string.equal?":
            (_, b), (_, a) = st.pop(), st.pop()
            st.append(("Bool", a == b))
        elif t == "string.length":
            _, a = st.pop()
            st.append(("Int", len(a)))
        elif t == "int->string":
            _, a = st.pop()
            st.append(("String", str(a)))
        elif t == "list.make":
            st.append(("List", []))
        elif t == "list.push":
            (_, v), (_, items) = st.pop(), st.pop()
            st.append(("List", items + [v]))
        elif t == "list.get":
            (_, i), (_, items) = st.pop(), st.pop()
            ok = 0 <= i < len(items)
            st += [("Int", items[i] if ok else 0), ("Bool", ok)]
        elif t == "list.length":
            _, items = st.pop()
            st.append(("Int", len(items)))
        elif t in ("list.map", "list.filter", "list.each"):
            (_, q), (_, items) = st.pop(), st.pop()
            out = []
            for v in items:
                st.append(("Int", v))
                self.run_in(q, st)
                if t == "list.map":
                    out.append(st.pop()[1])
                elif t == "list.filter":
                    if st.pop()[1]:
                        out.append(v)
            if t != "list.each":
                st.append(("List", out))
        elif t == "list.fold":
            (_, q), acc, (_, items) = st.pop(), st.pop(), st.pop()
            st.append(acc)
            for v in items:
                st.append(("Int", v))
                self.run_in(q, st)
        elif t == "call":
            _, q = st.pop()
            self.run_in(q, st)
        elif t == "dip":
            _, q = st.pop()
            x = st.pop()
            self.run_in(q, st)
            st.append(x)
        elif t == "keep":
            _, q = st.pop()
            x = st[-1]
            self.run_in(q, st)
            st.append(x)
        elif t in ("if",):
            (_, f), (_, tq), (_, c) = st.pop(), st.pop(), st.pop()
            self.run_in(tq if c else f, st)
        elif t in ("when", "unless"):
            (_, q), (_, c) = st.pop(), st.pop()
            if c == (t == "when"):
                self.run_in(q, st)
        elif t == "times":
            (_, q), (_, n) = st.pop(), st.pop()
            for _ in range(n):
                self.run_in(q, st)
        elif t == "each-integer":
            (_, q), (_, n) = st.pop(), st.pop()
            for i in range(n):
                st.append(("Int", i))
                self.run_in(q, st)
        elif t == "integer-fold":
            (_, q), acc, (_, n) = st.pop(), st.pop(), st.pop()
            st.append(acc)
            for i in range(n):
                st.append(("Int", i))
                self.run_in(q, st)
        else:
            raise AssertionError("unknown word " + t)


def rust_value(ty, v):
    if ty == "List":
        return "List::from(vec![%s] as Vec<i64>)" % ", ".join(rust_value("Int", x) for x in v)
    if ty == "Int":
        return "i64::MIN" if v == -(2**63) else "%di64" % v
    if ty == "Bool":
        return "true" if v else "false"
    return 'String::from("%s")' % v


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(seed)
    gen = Gen(rng)
    words, checks = [], []
    for k in range(count):
        inputs = [gen.literal(rng.choice(["Int", "Bool", "String"])) for _ in range(rng.randint(0, 3))]
        stack = [(literal_type(text), v) for text, v in inputs]
        in_types = [t for t, _ in stack]
        body = gen.body(stack, 0, rng.randint(1, 12))
        # Rust compares tuples of up to 12 values.
        while len(stack) > 8:
            stack.pop()
            body += " drop"
        expected = Interp().run(tokenize(body), [(literal_type(text), v) for text, v in inputs])
        assert [t for t, _ in expected] == [t for t, _ in stack], (body, expected, stack)
        out_types = [t for t, _ in stack]
        name = "p%d" % k
        effect = lambda types: " ".join("List<Int>" if t == "List" else t for t in types)
        words.append("    : %s ( %s -- %s ) %s ;" % (name, effect(in_types), effect(out_types), body))
        args = ", ".join(rust_value(literal_type(text), v) for text, v in inputs)
        values = [rust_value(t, v) for t, v in expected]
        result = values[0] if len(values) == 1 else "(%s)" % ", ".join(values) if values else "()"
        checks.append('    assert_eq!(%s(%s), %s, "{}", %s);' % (name, args, result, json.dumps(body)))
    print("//! Generated by `tests/differential/generate.py %d %d`: random Seq programs, valid by" % (seed, count))
    print("//! construction, with the results an independent interpreter computed. Compiled with")
    print("//! warnings denied, so the generated Rust is also checked to be warning-free.")
    print("#![deny(warnings)]")
    print("#![allow(clippy::all)]")
    print()
    print("use seq::runtime::List;")
    print("use seq::seq;")
    print()
    print("seq! {")
    print("\n".join(words))
    print("}")
    print()
    print("#[test]")
    print("fn generated_programs_compute_what_the_interpreter_computes() {")
    print("\n".join(checks))
    print("}")


if __name__ == "__main__":
    main()
