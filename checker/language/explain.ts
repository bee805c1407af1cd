// Why a spec invariant is false on a state: its expression with the values of its parts, evaluated on that
// state (printed by `clab check` under the trace, via the predicate's `explain`, checker/trace/explain.ts).
//   a and b and c        each conjunct's value, then why the first false one is false
//   a or b               each disjunct's value, then why each is false
//   p => q               the premise (true) and why the conclusion is false
//   forall x, y in S: p  the first x, y (in S's order) for which p is false, and why p is false there
//   exists x in S: p     S's value: no element satisfies p
//   not p                why p is true (a true `exists` shows its witness)
//   if c then a else b   c's value, and why the branch taken has its value
//   a definition         why its body has that value (a bool `define`)
//   x <= n, v in S, ...  the value of each operand that is not a literal, and the argument of size(), ...;
//                        for a definition {x in S : p} among them, why its first members satisfy p
// Sub-expressions are compiled to closures (compile.ts, the reference semantics the generated code is
// tested against) only when a violation is explained, never during the search. A part that cannot be
// evaluated (a missing map key in a conjunct the invariant never reached) shows its error instead.

import type { BinaryExpr, Binder, Expr } from './ast.ts';
import { showValue, type Compiler } from './compile.ts';
import { printExpr } from './printer.ts';
import type { Typed } from './typecheck.ts';
import type { Ty } from './types.ts';

export interface ExplainContext {
  readonly typed: Typed;
  /** The bound variables' slots the compiled closures read (the explanation sets them as it walks binders). */
  readonly vars: unknown[];
  readonly compiler: Compiler;
  readonly sorts: Readonly<Record<string, readonly string[]>>;
  /** The body of each definition, by its cache index (Resolution 'define'). */
  readonly defines: ReadonlyMap<number, Expr>;
}

/** Lines, at most; the explanation stops there. */
const MAX_LINES = 30;
/** Characters of a printed expression or value. */
const MAX_TEXT = 100;
/** A leaf's line with its operands' values, at most; a longer one lists them a line each. */
const MAX_LINE = 120;
const ARITH: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%']);
/** Members of a set definition whose membership is explained. */
const MAX_MEMBERS = 3;
/** Conjuncts (disjuncts) listed one by one; a longer chain lists only the ones that decide it. */
const MAX_LISTED = 8;

const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);

/** The explanation of invariant `e` on a state where it is false. */
export function specExplainer(ctx: ExplainContext, e: Expr): (s: unknown) => string[] {
  return (s) => new Explainer(ctx, s).run(e);
}

type Value = { ok: true; v: unknown } | { ok: false; error: string };

class Explainer {
  private readonly lines: string[] = [];
  private readonly fns = new Map<Expr, (s: unknown) => unknown>();

  constructor(
    private readonly ctx: ExplainContext,
    private readonly s: unknown,
  ) {}

  run(e: Expr): string[] {
    this.why(e, 0);
    if (this.lines.length >= MAX_LINES) this.lines.push('...');
    return this.lines;
  }

  private full(): boolean {
    return this.lines.length >= MAX_LINES;
  }

  private say(depth: number, text: string): void {
    if (!this.full()) this.lines.push(`${'  '.repeat(depth)}${text}`);
  }

  private ty(e: Expr): Ty {
    return this.ctx.typed.types.get(e) ?? { kind: 'error' };
  }

  private eval(e: Expr): Value {
    let f = this.fns.get(e);
    try {
      if (!f) this.fns.set(e, (f = this.ctx.compiler.expr(e)));
      return { ok: true, v: f(this.s) };
    } catch (err) {
      return { ok: false, error: (err as Error)?.message ?? String(err) };
    }
  }

  private show(e: Expr, v: Value): string {
    return v.ok ? clip(showValue(v.v, this.ty(e), this.ctx.sorts)) : `undefined (${v.error})`;
  }

  /** `expr is value`. */
  private is(e: Expr, v: Value): string {
    return `${clip(printExpr(e))} is ${this.show(e, v)}`;
  }

  /** Says why `e` has the value it has on the state, `depth` levels in. */
  private why(e: Expr, depth: number): void {
    if (this.full()) return;
    const v = this.eval(e);
    switch (e.kind) {
      case 'unary':
        if (e.op === 'not') {
          this.say(depth, this.is(e, v));
          this.why(e.arg, depth + 1);
          return;
        }
        break;
      case 'binary':
        if (e.op === 'and' || e.op === 'or') return this.chain(e, v, depth);
        if (e.op === '=>' && v.ok && v.v === false) {
          this.say(depth, this.is(e, v));
          this.why(e.left, depth + 1);
          this.why(e.right, depth + 1);
          return;
        }
        if (e.op === '<=>') {
          this.say(depth, this.is(e, v));
          this.why(e.left, depth + 1);
          this.why(e.right, depth + 1);
          return;
        }
        break;
      case 'quant':
        return this.quant(e, v, depth);
      case 'if': {
        this.say(depth, this.is(e, v));
        const c = this.eval(e.cond);
        this.why(e.cond, depth + 1);
        if (c.ok) this.why(c.v ? e.then : e.else, depth + 1);
        return;
      }
      case 'name': {
        const r = this.ctx.typed.res.get(e);
        const body = r?.kind === 'define' ? this.ctx.defines.get(r.index) : undefined;
        if (body && this.ty(e).kind === 'bool') {
          this.say(depth, `${this.is(e, v)}, defined as ${clip(printExpr(body))}`);
          this.why(body, depth + 1);
          return;
        }
        break;
      }
    }
    this.leaf(e, v, depth);
  }

  /** A comparison, membership or other atom: its value and its operands' values. */
  private leaf(e: Expr, v: Value, depth: number): void {
    const parts: string[] = [];
    const seen = new Set<string>();
    const filters: { name: string; body: Extract<Expr, { kind: 'filter' }>; value: Value }[] = [];
    const operand = (x: Expr) => {
      if (x.kind === 'int' || x.kind === 'bool' || x.kind === 'str') return;
      const text = printExpr(x);
      if (seen.has(text)) return;
      seen.add(text);
      const r = x.kind === 'name' ? this.ctx.typed.res.get(x) : undefined;
      if (r?.kind === 'value') return; // a constant: its name says it
      const value = this.eval(x);
      parts.push(`${clip(text)} = ${this.show(x, value)}`);
      // size(S), min(S), ..., and the operands of arithmetic: what they are computed from, too.
      if (x.kind === 'call') for (const a of x.args) operand(a);
      if (x.kind === 'binary' && ARITH.has(x.op)) {
        operand(x.left);
        operand(x.right);
      }
      // A definition `{x in S : p}`: why each of its members is in it (below).
      const body = r?.kind === 'define' ? this.ctx.defines.get(r.index) : undefined;
      if (body?.kind === 'filter' && x.kind === 'name') filters.push({ name: x.name, body, value });
    };
    if (e.kind === 'binary') {
      operand(e.left);
      operand(e.right);
    } else if (e.kind === 'call') for (const a of e.args) operand(a);
    const line = parts.length ? `${this.is(e, v)}: ${parts.join(', ')}` : this.is(e, v);
    if (line.length <= MAX_LINE) this.say(depth, line);
    else {
      // Too long for one line: the parts one a line.
      this.say(depth, `${this.is(e, v)}, where`);
      for (const part of parts) this.say(depth + 2, part);
    }
    for (const f of filters) this.members(f.name, f.body, f.value, depth + 1);
  }

  /** Why each member (the first few) of definition `name = {x in S : p}` is in it: p with x bound to it. */
  private members(name: string, body: Extract<Expr, { kind: 'filter' }>, value: Value, depth: number): void {
    if (!value.ok || !Array.isArray(value.v)) return;
    const slot = this.slot(body.binder);
    const saved = this.ctx.vars[slot];
    const elemTy = this.elemTy(body.binder);
    for (const x of value.v.slice(0, MAX_MEMBERS)) {
      this.ctx.vars[slot] = x;
      this.say(depth, `${clip(showValue(x, elemTy, this.ctx.sorts))} is in ${name} (${body.binder.name} = ${clip(showValue(x, elemTy, this.ctx.sorts))}):`);
      this.why(body.pred, depth + 1);
    }
    if (value.v.length > MAX_MEMBERS) this.say(depth, `... and ${value.v.length - MAX_MEMBERS} more members of ${name}`);
    this.ctx.vars[slot] = saved;
  }

  /** `a and b and ...` / `a or b or ...`: each operand's value, then why the deciding ones have theirs. */
  private chain(e: BinaryExpr, v: Value, depth: number): void {
    const op = e.op;
    const items: Expr[] = [];
    // The operands of the chain left to right; nested chains of the same operator are one chain.
    const todo: Expr[] = [e];
    while (todo.length > 0) {
      const x = todo.pop()!;
      if (x.kind === 'binary' && x.op === op) todo.push(x.right, x.left);
      else items.push(x);
    }
    this.say(depth, `${clip(printExpr(e))} is ${this.show(e, v)}`);
    // The deciding operands: the false ones of a false `and`, the true ones of a true `or`; for a true
    // `and` or a false `or` every operand decides.
    const decisive = v.ok ? (op === 'and') !== v.v : true;
    const values = items.map((x) => ({ x, v: this.eval(x) }));
    const deciding = values.filter((p) => !p.v.ok || (decisive ? p.v.v === (op === 'or') : true));
    const listed = items.length <= MAX_LISTED ? values : deciding.slice(0, MAX_LISTED);
    if (items.length > MAX_LISTED) this.say(depth + 1, `(${items.length} ${op === 'and' ? 'conjuncts' : 'disjuncts'}; ${listed.length < deciding.length ? `the first ${listed.length} of ` : ''}${deciding.length} that decide it)`);
    for (const p of listed) {
      if (deciding.includes(p)) this.why(p.x, depth + 1);
      else this.leaf(p.x, p.v, depth + 1);
    }
  }

  /** forall / exists: the binding that decides it, or the domains when no binding does. */
  private quant(e: Extract<Expr, { kind: 'quant' }>, v: Value, depth: number): void {
    this.say(depth, this.is(e, v));
    if (!v.ok) return;
    const domains = new Set<string>();
    for (const b of e.binders) {
      const text = printExpr(b.domain);
      if (domains.has(text) || b.domain.kind === 'int') continue;
      domains.add(text);
      const r = b.domain.kind === 'name' ? this.ctx.typed.res.get(b.domain) : undefined;
      if (r?.kind !== 'value') this.say(depth + 1, `${clip(text)} = ${this.show(b.domain, this.eval(b.domain))}`);
    }
    // forall false / exists true: one binding decides it. forall true / exists false: every binding does.
    const lookFor = e.q === 'exists';
    if (v.v !== lookFor) {
      if (e.q === 'exists') this.say(depth + 1, `no ${e.binders.map((b) => b.name).join(', ')} makes ${clip(printExpr(e.body))} true`);
      return;
    }
    const found = this.search(e.binders, 0, e.body, lookFor);
    if (!found) return;
    const saved = e.binders.map((b) => this.ctx.vars[this.slot(b)]);
    found.forEach((x, i) => (this.ctx.vars[this.slot(e.binders[i])] = x));
    this.say(depth + 1, `${e.q === 'forall' ? 'fails for' : 'holds for'} ${e.binders.map((b, i) => `${b.name} = ${clip(showValue(found[i], this.elemTy(b), this.ctx.sorts))}`).join(', ')}:`);
    this.why(e.body, depth + 2);
    saved.forEach((x, i) => (this.ctx.vars[this.slot(e.binders[i])] = x));
  }

  private slot(b: Binder): number {
    const slot = this.ctx.typed.slots.get(b);
    if (slot === undefined) throw new Error('explain: unbound binder');
    return slot;
  }

  private elemTy(b: Binder): Ty {
    const t = this.ty(b.domain);
    return t.kind === 'set' || t.kind === 'seq' ? t.elem : t;
  }

  /** The first binding (domains in order) whose body evaluates to `want`, or undefined. */
  private search(bs: readonly Binder[], i: number, body: Expr, want: boolean): unknown[] | undefined {
    if (i === bs.length) {
      const v = this.eval(body);
      return v.ok && v.v === want ? [] : undefined;
    }
    const d = this.eval(bs[i].domain);
    if (!d.ok || !Array.isArray(d.v)) return undefined;
    const slot = this.slot(bs[i]);
    for (const x of d.v) {
      this.ctx.vars[slot] = x;
      const rest = this.search(bs, i + 1, body, want);
      if (rest) return [x, ...rest];
    }
    return undefined;
  }
}
