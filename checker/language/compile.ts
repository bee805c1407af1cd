// Compiles type-checked expressions to closures once, before the search: evaluating a predicate on a state
// runs only these closures (no tree walking). Views are read lazily through a per-state cache, so several
// predicates (and several mentions of one view) on the same state compute each view at most once.
// Operations are specialised by static type: scalars compare with ===, compound values structurally.
// The checker runs generated JavaScript (codegen.ts, which reuses the value helpers here); these closures
// are the reference it is tested against (test/language/codegen.test.ts) and its fallback.
// Integer arithmetic is exact or an error: `+`, `-` and `*` whose result is not a safe integer (beyond
// ±(2^53 - 1), where doubles skip integers) stop the check with a located error instead of a rounded value.
// One file of about 690 lines, on purpose: one case per expression kind (the reference semantics of the
// language), mirrored case for case by codegen.ts; splitting the cases would separate the twins.

import { leftSpine, type BinaryExpr, type Binder, type Expr, type Loc, type TemporalFormula } from './ast.ts';
import { ClabError } from '../errors.ts';
import { isScalar, tyStr, type Ty } from './types.ts';
import type { Typed } from './typecheck.ts';
import { keyedCount, keyedFilter, type Key, type KeyTests } from './select.ts';

export type Fn = (s: unknown) => any;

export interface CompileContext {
  readonly typed: Typed;
  /** Bound variables' current values, by slot. */
  readonly vars: unknown[];
  /** A reader of view `index` (cached per state). */
  readonly view: (index: number) => Fn;
  readonly file: string;
  /** Sort names, to print identifiers in runtime errors. */
  readonly sorts: Readonly<Record<string, readonly string[]>>;
}

/** With more views and definitions than this, cache readers are closures (see viewCache). */
const MAX_GENERATED_READERS = 1000;

/** Distinguishes the sources of readers of different caches, so no two caches share generated code. */
let cacheSerial = 0;

/**
 * Per-state lazy view cache: each view is computed at most once per state, whichever predicate asks. Each
 * view's reader is its own generated function, so its call of the getter sees one callee (V8 can inline it)
 * rather than every view's getter through one shared call site.
 */
export function viewCache(getters: readonly ((s: any) => unknown)[]): (index: number) => Fn {
  const at = { state: undefined as unknown, epoch: 0 };
  const stamps = new Array<number>(getters.length).fill(-1);
  const values = new Array<unknown>(getters.length).fill(undefined);
  const serial = cacheSerial++;
  const readers = new Map<number, Fn>();
  return (i) => {
    const known = readers.get(i);
    if (known) return known;
    if (!Number.isInteger(i) || i < 0 || i >= getters.length) throw new Error(`viewCache: no view ${i}`);
    const source = `"use strict"; // view ${i} of cache ${serial}
return function view${i}(s) {
  if (s !== at.state) { at.state = s; at.epoch++; }
  if (stamps[${i}] !== at.epoch) { values[${i}] = get(s); stamps[${i}] = at.epoch; }
  return values[${i}];
};`;
    const get = getters[i];
    let reader: Fn | undefined;
    // Each generated reader costs a compilation: with thousands of views and definitions, closures.
    if (getters.length <= MAX_GENERATED_READERS) {
      try {
        reader = new Function('at', 'stamps', 'values', 'get', source)(at, stamps, values, get) as Fn;
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
        // Code generation from strings disallowed: the same reader as a closure, below.
      }
    }
    if (!reader) {
      reader = (s) => {
        if (s !== at.state) {
          at.state = s;
          at.epoch++;
        }
        if (stamps[i] !== at.epoch) {
          values[i] = get(s);
          stamps[i] = at.epoch;
        }
        return values[i];
      };
    }
    readers.set(i, reader);
    return reader;
  };
}

/** The largest integer a spec computes with exactly (literals beyond it are refused by the lexer). */
export const MAX_INT = Number.MAX_SAFE_INTEGER;

/** The runtime error of an integer operation whose exact result is beyond ±MAX_INT. */
export function overflowMessage(a: number, op: string, b: number): string {
  return `integer overflow: ${a} ${op} ${b} is outside the exact integer range -${MAX_INT}..${MAX_INT}`;
}

/**
 * `a op b` for `+`, `-`, `*` on safe integers, or the overflow error. The test is on the rounded result: if
 * the exact one is beyond MAX_INT = 2^53 - 1, rounding (which is monotonic) gives at least 2^53, so nothing is
 * missed; `/` and `%` of safe integers are exact and never leave the range.
 */
export function arith(op: '+' | '-' | '*', fail: (message: string) => never): (a: number, b: number) => number {
  const check = (r: number, a: number, b: number) => (r > MAX_INT || r < -MAX_INT ? fail(overflowMessage(a, op, b)) : r);
  switch (op) {
    case '+':
      return (a, b) => check(a + b, a, b);
    case '-':
      return (a, b) => check(a - b, a, b);
    case '*':
      return (a, b) => check(a * b, a, b);
  }
}

type Eq = (a: any, b: any) => boolean;

/** Structural equality for values of type t. */
export function eqFor(t: Ty): Eq {
  switch (t.kind) {
    case 'set': {
      const mem = memFor(t.elem);
      return (a: readonly unknown[], b: readonly unknown[]) => {
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!mem(a[i], b)) return false;
        return true;
      };
    }
    case 'seq': {
      const eq = eqFor(t.elem);
      return (a: readonly unknown[], b: readonly unknown[]) => {
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (!eq(a[i], b[i])) return false;
        return true;
      };
    }
    case 'map': {
      const get = getFor(t.key);
      const eqv = eqFor(t.value);
      return (a: ReadonlyMap<unknown, unknown>, b: ReadonlyMap<unknown, unknown>) => {
        if (a.size !== b.size) return false;
        for (const [k, v] of a) {
          const w = get(b, k);
          if (w === MISSING || !eqv(v, w)) return false;
        }
        return true;
      };
    }
    case 'record': {
      const fields = Object.entries(t.fields).map(([k, ft]) => [k, eqFor(ft)] as const);
      return (a: Record<string, unknown>, b: Record<string, unknown>) => {
        for (const [k, eq] of fields) if (!eq(a[k], b[k])) return false;
        return true;
      };
    }
    case 'any':
    case 'error':
      return deepEqual;
    default:
      return (a, b) => a === b;
  }
}

function deepEqual(a: any, b: any): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x) => b.some((y) => deepEqual(x, y)));
  if (a instanceof Map && b instanceof Map) return a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEqual(v, b.get(k)));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Membership of x in an array of elements of type t. */
export function memFor(t: Ty): (x: unknown, xs: readonly unknown[]) => boolean {
  if (isScalar(t)) return (x, xs) => xs.includes(x);
  const eq = eqFor(t);
  return (x, xs) => {
    for (let i = 0; i < xs.length; i++) if (eq(x, xs[i])) return true;
    return false;
  };
}

export const MISSING = Symbol('missing');
/** A map lookup for keys of type `key`: the value, or MISSING. */
export function getFor(key: Ty): (m: ReadonlyMap<unknown, unknown>, k: unknown) => unknown {
  if (isScalar(key)) return (m, k) => (m.has(k) ? m.get(k) : MISSING);
  const eq = eqFor(key);
  return (m, k) => {
    for (const [kk, v] of m) if (eq(kk, k)) return v;
    return MISSING;
  };
}

/** Distinct elements (first occurrence kept). */
export function dedupeFor(t: Ty): (xs: unknown[]) => unknown[] {
  if (isScalar(t)) return (xs) => (xs.length < 2 ? xs : [...new Set(xs)]);
  const mem = memFor(t);
  return (xs) => {
    const out: unknown[] = [];
    for (const x of xs) if (!mem(x, out)) out.push(x);
    return out;
  };
}

/** A value for messages: identifiers by their names. */
export function showValue(v: unknown, t: Ty, sorts: Readonly<Record<string, readonly string[]>>): string {
  switch (t.kind) {
    case 'id':
      return sorts[t.sort]?.[v as number] ?? `${t.sort}#${v}`;
    case 'string':
      return JSON.stringify(v);
    case 'set':
    case 'seq': {
      const xs = (v as unknown[]).map((x) => showValue(x, t.elem, sorts)).join(', ');
      return t.kind === 'set' ? `{${xs}}` : `[${xs}]`;
    }
    case 'map':
      return `{${[...(v as Map<unknown, unknown>)].map(([k, x]) => `${showValue(k, t.key, sorts)} -> ${showValue(x, t.value, sorts)}`).join(', ')}}`;
    case 'record':
      return `{${Object.entries(t.fields)
        .map(([k, ft]) => `${k}: ${showValue((v as Record<string, unknown>)[k], ft, sorts)}`)
        .join(', ')}}`;
    default:
      return String(v);
  }
}

export class Compiler {
  constructor(private readonly ctx: CompileContext) {}

  private ty(e: Expr): Ty {
    const t = this.ctx.typed.types.get(e);
    if (!t) throw new Error('compile: expression was not type-checked');
    return t;
  }

  private fail(loc: Loc, message: string): never {
    throw new ClabError(message, 'the spec evaluated an undefined expression on a reachable state', { file: this.ctx.file, line: loc.line, col: loc.col });
  }

  predicate(e: Expr): (s: unknown) => boolean {
    const f = this.expr(e);
    return (s) => f(s) === true;
  }

  temporal(f: TemporalFormula): TemporalFormula<(s: unknown) => boolean> {
    switch (f.kind) {
      case 'always':
      case 'eventually':
        return { kind: f.kind, body: this.temporal(f.body) };
      case 'leadsto':
        return { kind: 'leadsto', from: this.predicate(f.from), to: this.predicate(f.to) };
      case 'state':
        return { kind: 'state', pred: this.predicate(f.pred) };
    }
  }

  expr(e: Expr): Fn {
    const vars = this.ctx.vars;
    switch (e.kind) {
      case 'int':
      case 'bool':
      case 'str': {
        const v = e.value;
        return () => v;
      }
      case 'name': {
        const r = this.ctx.typed.res.get(e);
        if (!r) throw new Error(`compile: unresolved name ${e.name}`);
        if (r.kind === 'var') {
          const slot = r.slot;
          return () => vars[slot];
        }
        if (r.kind === 'view' || r.kind === 'define') return this.ctx.view(r.index);
        const v = r.value;
        return () => v;
      }
      case 'field': {
        const f = e.field;
        const leaf = this.leaf(e.target);
        if (leaf?.k === 'var') {
          const slot = leaf.slot;
          return () => (vars[slot] as any)[f];
        }
        const t = this.expr(e.target);
        return (s) => t(s)[f];
      }
      case 'index': {
        const t = this.expr(e.target);
        const k = this.expr(e.index);
        const tt = this.ty(e.target);
        const kt = this.ty(e.index);
        if (tt.kind === 'seq') {
          return (s) => {
            const xs = t(s);
            const i = k(s);
            if (i < 0 || i >= xs.length) this.fail(e.loc, `index ${i} is out of range: the seq has ${xs.length} elements (indices 0..${xs.length - 1})`);
            return xs[i];
          };
        }
        const get = getFor(kt);
        return (s) => {
          const key = k(s);
          const v = get(t(s), key);
          if (v === MISSING) this.fail(e.index.loc, `key ${showValue(key, kt, this.ctx.sorts)} is not in the map (${tyStr(tt)})`);
          return v;
        };
      }
      case 'call':
        return this.call(e);
      case 'unary': {
        const a = this.expr(e.arg);
        return e.op === 'not' ? (s) => !a(s) : (s) => -a(s);
      }
      case 'temporal':
        throw new Error('compile: temporal operator in a state predicate');
      case 'binary': {
        // A chain `a + b + c ...` as a loop over its operators (ast.ts leftSpine): neither compiling nor
        // evaluating it recurses once per operator.
        const { nodes } = leftSpine(e);
        if (nodes.length === 1) return this.binary(e);
        const first = this.binary(nodes[0]);
        const rest = nodes.slice(1).map((n) => this.combiner(n));
        return (s) => {
          let v = first(s);
          for (let i = 0; i < rest.length; i++) v = rest[i](v, s);
          return v;
        };
      }
      case 'if': {
        const c = this.expr(e.cond);
        const a = this.expr(e.then);
        const b = this.expr(e.else);
        return (s) => (c(s) ? a(s) : b(s));
      }
      case 'quant':
        return this.quant(e.q, e.binders, this.expr(e.body));
      case 'setlit': {
        const xs = e.elems.map((x) => this.expr(x));
        const dedupe = dedupeFor(elemOf(this.ty(e)));
        if (xs.length === 0) return () => [];
        return (s) => dedupe(xs.map((x) => x(s)));
      }
      case 'filter': {
        const d = this.expr(e.binder.domain);
        const slot = this.slot(e.binder);
        const keyed = this.ty(e.binder.domain).kind === 'set' ? this.keyTests(e.pred, slot) : undefined;
        if (keyed) return keyedFilter(d, keyed, vars);
        const p = this.expr(e.pred);
        const dedupe = this.ty(e.binder.domain).kind === 'seq' ? dedupeFor(elemOf(this.ty(e))) : (xs: unknown[]) => xs;
        return (s) => {
          const xs = d(s) as unknown[];
          const out: unknown[] = [];
          for (let i = 0; i < xs.length; i++) {
            vars[slot] = xs[i];
            if (p(s)) out.push(xs[i]);
          }
          return dedupe(out);
        };
      }
      case 'image': {
        const body = this.expr(e.expr);
        const dedupe = dedupeFor(elemOf(this.ty(e)));
        let out: unknown[] = [];
        const collect = this.quant('exists', e.binders, (s) => {
          out.push(body(s));
          return false;
        });
        return (s) => {
          const mine: unknown[] = [];
          const saved = out;
          out = mine;
          collect(s);
          out = saved;
          return dedupe(mine);
        };
      }
    }
  }

  private slot(b: Binder): number {
    const slot = this.ctx.typed.slots.get(b);
    if (slot === undefined) throw new Error('compile: unbound binder');
    return slot;
  }

  private quant(q: 'forall' | 'exists', bs: readonly Binder[], body: Fn): Fn {
    const vars = this.ctx.vars;
    let f = body;
    for (let i = bs.length - 1; i >= 0; i--) {
      const dom = this.expr(bs[i].domain);
      const slot = this.slot(bs[i]);
      const inner = f;
      f =
        q === 'forall'
          ? (s) => {
              const xs = dom(s) as unknown[];
              for (let j = 0; j < xs.length; j++) {
                vars[slot] = xs[j];
                if (!inner(s)) return false;
              }
              return true;
            }
          : (s) => {
              const xs = dom(s) as unknown[];
              for (let j = 0; j < xs.length; j++) {
                vars[slot] = xs[j];
                if (inner(s)) return true;
              }
              return false;
            };
    }
    return f;
  }

  private call(e: Extract<Expr, { kind: 'call' }>): Fn {
    const arg = e.args[0];
    if (e.fn === 'size' && arg.kind === 'filter' && this.ty(arg.binder.domain).kind === 'set') {
      // size({x in S : p}) counts without building the set.
      const d = this.expr(arg.binder.domain);
      const slot = this.slot(arg.binder);
      const vars = this.ctx.vars;
      const keyed = this.keyTests(arg.pred, slot);
      if (keyed) return keyedCount(d, keyed, vars);
      const p = this.expr(arg.pred);
      return (s) => {
        const xs = d(s) as unknown[];
        let n = 0;
        for (let i = 0; i < xs.length; i++) {
          vars[slot] = xs[i];
          if (p(s)) n++;
        }
        return n;
      };
    }
    const a = this.expr(arg);
    const at = this.ty(e.args[0]);
    switch (e.fn) {
      case 'size':
        return at.kind === 'map' ? (s) => a(s).size : (s) => a(s).length;
      case 'keys':
      case 'dom':
        return (s) => [...a(s).keys()];
      case 'values': {
        const dedupe = dedupeFor(at.kind === 'map' ? at.value : at);
        return (s) => dedupe([...a(s).values()]);
      }
      case 'min':
      case 'max': {
        const pick = e.fn === 'min' ? Math.min : Math.max;
        return (s) => {
          const xs = a(s) as number[];
          if (xs.length === 0) this.fail(e.loc, `${e.fn} of an empty set`);
          let m = xs[0];
          for (let i = 1; i < xs.length; i++) m = pick(m, xs[i]);
          return m;
        };
      }
    }
    throw new Error(`compile: unknown function ${e.fn}`);
  }

  /** A constant, a bound variable or a bound variable's field: read without a closure call. */
  private leaf(e: Expr): Leaf | undefined {
    switch (e.kind) {
      case 'int':
      case 'bool':
      case 'str':
        return { k: 'const', v: e.value };
      case 'name': {
        const r = this.ctx.typed.res.get(e);
        if (r?.kind === 'var') return { k: 'var', slot: r.slot };
        if (r?.kind === 'value') return { k: 'const', v: r.value };
        return undefined;
      }
      case 'field': {
        const t = e.target.kind === 'name' ? this.ctx.typed.res.get(e.target) : undefined;
        return t?.kind === 'var' ? { k: 'field', slot: t.slot, f: e.field } : undefined;
      }
      default:
        return undefined;
    }
  }

  /** `p` as a conjunction of `x.f = k` tests on the variable in `slot` (select.ts), if it is one. */
  private keyTests(p: Expr, slot: number): KeyTests | undefined {
    const fields: string[] = [];
    const keys: Key[] = [];
    // The conjuncts left to right, without recursion (a conjunction may be a long chain).
    const conjuncts: Expr[] = [];
    for (const todo = [p]; todo.length > 0; ) {
      const c = todo.pop()!;
      if (c.kind === 'binary' && c.op === 'and') todo.push(c.right, c.left);
      else conjuncts.push(c);
    }
    const add = (c: Expr): boolean => {
      if (c.kind !== 'binary' || c.op !== '=' || !isScalar(this.ty(c.left))) return false;
      let a = this.leaf(c.left);
      let b = this.leaf(c.right);
      if (!a || !b) return false;
      if (!(a.k === 'field' && a.slot === slot)) [a, b] = [b, a];
      if (!(a.k === 'field' && a.slot === slot) || (b.k !== 'const' && b.slot === slot)) return false;
      fields.push(a.f);
      keys.push(b);
      return true;
    };
    return conjuncts.every(add) ? { fields, keys } : undefined;
  }

  /** `2 * n`, `n <= 1`: integer arithmetic and comparisons with a constant operand, one closure. */
  private withConstant(e: Extract<Expr, { kind: 'binary' }>): Fn | undefined {
    const lc = this.leaf(e.left);
    const rc = this.leaf(e.right);
    const constOnLeft = lc?.k === 'const' && rc?.k !== 'const';
    const c = constOnLeft ? (lc as { v: number }).v : rc?.k === 'const' ? (rc as { v: number }).v : undefined;
    if (typeof c !== 'number') return undefined;
    const x = this.expr(constOnLeft ? e.right : e.left);
    // Operators with the constant on the right; a constant on the left mirrors the comparison.
    const op = constOnLeft ? ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[e.op] ?? e.op : e.op;
    const fail = (message: string) => this.fail(e.loc, message);
    switch (op) {
      case '+': {
        const add = arith('+', fail);
        return constOnLeft ? (s) => add(c, x(s)) : (s) => add(x(s), c);
      }
      case '*': {
        const mul = arith('*', fail);
        return constOnLeft ? (s) => mul(c, x(s)) : (s) => mul(x(s), c);
      }
      case '-': {
        const sub = arith('-', fail);
        return constOnLeft ? (s) => sub(c, x(s)) : (s) => sub(x(s), c);
      }
      case '<':
        return (s) => x(s) < c;
      case '<=':
        return (s) => x(s) <= c;
      case '>':
        return (s) => x(s) > c;
      case '>=':
        return (s) => x(s) >= c;
      default:
        return undefined;
    }
  }

  /**
   * `m.b = b`, `x != 0`: scalar (in)equality of two leaves in one closure, not five. Comparisons inside
   * quantifiers and comprehensions are the innermost loop bodies, so this is where evaluation time goes.
   */
  private leafEquality(e: Extract<Expr, { kind: 'binary' }>): Fn | undefined {
    if ((e.op !== '=' && e.op !== '!=') || !isScalar(this.ty(e.left))) return undefined;
    let a = this.leaf(e.left);
    let b = this.leaf(e.right);
    if (!a || !b) return undefined;
    const rank = { field: 2, var: 1, const: 0 } as const;
    if (rank[a.k] < rank[b.k]) [a, b] = [b, a];
    const vars = this.ctx.vars;
    const neg = e.op === '!=';
    if (a.k === 'const' && b.k === 'const') {
      const v = (a.v === b.v) !== neg;
      return () => v;
    }
    if (a.k === 'var') {
      const x = a.slot;
      if (b.k === 'var') {
        const y = b.slot;
        return neg ? () => vars[x] !== vars[y] : () => vars[x] === vars[y];
      }
      const c = (b as { v: unknown }).v;
      return neg ? () => vars[x] !== c : () => vars[x] === c;
    }
    if (a.k !== 'field') return undefined;
    const x = a.slot;
    const f = a.f;
    switch (b.k) {
      case 'field': {
        const y = b.slot;
        const g = b.f;
        return neg ? () => (vars[x] as any)[f] !== (vars[y] as any)[g] : () => (vars[x] as any)[f] === (vars[y] as any)[g];
      }
      case 'var': {
        const y = b.slot;
        return neg ? () => (vars[x] as any)[f] !== vars[y] : () => (vars[x] as any)[f] === vars[y];
      }
      case 'const': {
        const c = b.v;
        return neg ? () => (vars[x] as any)[f] !== c : () => (vars[x] as any)[f] === c;
      }
    }
  }

  private binary(e: BinaryExpr): Fn {
    const fused = this.leafEquality(e) ?? (INT_OPS.has(e.op) ? this.withConstant(e) : undefined);
    if (fused) return fused;
    const l = this.expr(e.left);
    const c = this.combiner(e);
    return (s) => c(l(s), s);
  }

  /** `e` as a function of its left operand's value (already computed) and the state: evaluates the right operand. */
  private combiner(e: BinaryExpr): (a: any, s: unknown) => any {
    const r = this.expr(e.right);
    switch (e.op) {
      case 'and':
        return (a, s) => a && r(s);
      case 'or':
        return (a, s) => a || r(s);
      case '=>':
        return (a, s) => !a || r(s);
      case '<=>':
        return (a, s) => a === r(s);
      case '+':
      case '-':
      case '*': {
        const f = arith(e.op, (message) => this.fail(e.loc, message));
        return (a, s) => f(a, r(s));
      }
      case '/':
      case '%': {
        const div = e.op === '/';
        return (a, s) => {
          const b = r(s);
          if (b === 0) this.fail(e.loc, 'division by zero');
          return div ? Math.trunc(a / b) : a % b;
        };
      }
      case '<':
        return (a, s) => a < r(s);
      case '<=':
        return (a, s) => a <= r(s);
      case '>':
        return (a, s) => a > r(s);
      case '>=':
        return (a, s) => a >= r(s);
      case '..':
        return (lo, s) => {
          const hi = r(s);
          if (hi - lo > 1_000_000) this.fail(e.loc, `range ${lo}..${hi} is too large`);
          const out: number[] = [];
          for (let i = lo; i <= hi; i++) out.push(i);
          return out;
        };
      case '=':
      case '!=': {
        const t = this.ty(e.left);
        const eq = isScalar(t) ? undefined : eqFor(t.kind === 'any' ? this.ty(e.right) : t);
        const neg = e.op === '!=';
        if (!eq) return neg ? (a, s) => a !== r(s) : (a, s) => a === r(s);
        return neg ? (a, s) => !eq(a, r(s)) : (a, s) => eq(a, r(s));
      }
      case 'in':
      case 'notin': {
        const mem = memFor(elemOf(this.ty(e.right)));
        return e.op === 'in' ? (a, s) => mem(a, r(s)) : (a, s) => !mem(a, r(s));
      }
      case 'subset': {
        const mem = memFor(elemOf(this.ty(e.right)));
        return (a: unknown[], s) => {
          const b = r(s) as unknown[];
          for (let i = 0; i < a.length; i++) if (!mem(a[i], b)) return false;
          return true;
        };
      }
      case 'union': {
        const dedupe = dedupeFor(elemOf(this.ty(e)));
        return (a, s) => dedupe([...a, ...r(s)]);
      }
      case 'inter':
      case 'minus': {
        // The left operand first, as every operator (codegen.ts does the same).
        const mem = memFor(elemOf(this.ty(e)));
        const keep = e.op === 'inter';
        return (a: unknown[], s) => {
          const b = r(s);
          return a.filter((x) => mem(x, b) === keep);
        };
      }
      case 'leadsto':
        throw new Error('compile: leadsto in a state predicate');
    }
  }
}

type Leaf = Key;

const INT_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '<', '<=', '>', '>=']);

function elemOf(t: Ty): Ty {
  return t.kind === 'set' || t.kind === 'seq' ? t.elem : t;
}
