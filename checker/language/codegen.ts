// Compiles type-checked expressions to JavaScript source, once, before the search (`new Function`, never
// per state). A predicate becomes one function of the state with plain loops for quantifiers and
// comprehensions, `===` for scalars, direct field reads, inlined constants, and each view or definition
// read through the per-state cache at most once per evaluation (memoised in a local). size({x in S : p})
// counts, and a comprehension used as a quantifier's domain or a membership test is iterated, without
// building the set. It computes exactly what the closure compiler (compile.ts, the reference and the
// fallback) computes, operands in the same order, with the same located runtime errors; only what V8 can
// optimise differs: closures shared by every node of a kind cannot be inlined, generated code can.
// One file of about 650 lines, on purpose: one case per expression kind, kept beside each other so that
// the code generated for a kind can be read against its twin in compile.ts, case for case.
// A long operator chain is generated in a loop, its partial result saved in a local every SPILL_EVERY
// operators so that the generated source never nests parentheses as deep as the chain is long; `+`, `-`
// and `*` are checked for overflow unless the operands' static bounds (intBound) show it cannot happen.

import { leftSpine, type BinaryExpr, type Binder, type Expr, type Loc } from './ast.ts';
import { ClabError } from '../errors.ts';
import { arith, dedupeFor, eqFor, getFor, MAX_INT, memFor, MISSING, showValue, type Fn } from './compile.ts';
import { isScalar, tyStr, type Ty } from './types.ts';
import type { Typed } from './typecheck.ts';

export interface CodegenContext {
  readonly typed: Typed;
  /** A reader of view or definition `index` (cached per state). */
  readonly view: (index: number) => Fn;
  /**
   * The uncached getter of view or definition `index` when only one compiled function reads it: that
   * function's own local memo already computes it at most once per state, and the shared cache is skipped.
   */
  readonly getter?: (index: number) => Fn | undefined;
  readonly file: string;
  /** Sort names, to print identifiers in runtime errors. */
  readonly sorts: Readonly<Record<string, readonly string[]>>;
}

/** A construct the generator does not translate: the caller uses the closure compiler instead. */
export class Unsupported extends Error {}

/** Generated functions with more locals than this are not built (see `build`). */
const MAX_LOCALS = 5000;

/** In a chain of operators, the partial result is saved in a local after this many (see `gen`). */
const SPILL_EVERY = 32;

/** Marks "not read yet" in a view's local memo (no view or definition has this value). */
const UNSET = Symbol('unset');

/** An expression that names a value: reading it twice costs nothing and cannot fail. */
const ATOMIC = /^(?:[A-Za-z_$][\w$]*|\d+|\(-\d+\)|true|false|"(?:[^"\\]|\\.)*"|\[\])$/;

/** One generated function: its statements so far, the values its source refers to, and fresh names. */
class Emitter {
  /** Values the source refers to by name (`k0`, `k1`, ...): helpers, readers, compound constants. */
  readonly env: unknown[] = [UNSET];
  private readonly envIndex = new Map<unknown, number>([[UNSET, 0]]);
  /** View or definition index -> the local memoising it. */
  readonly memo = new Map<number, { local: string; reader: string }>();
  private next = 0;
  out: string[] = [];

  constructor(private readonly ctx: CodegenContext) {}

  fresh(prefix: string): string {
    return `${prefix}${this.next++}`;
  }

  /** How many locals and labels the function has so far. */
  get names(): number {
    return this.next;
  }

  /** Appends lines, given one by one or as captured blocks (never spread: a block may hold 100,000 lines). */
  emit(...lines: (string | readonly string[])[]): void {
    for (const l of lines) {
      if (typeof l === 'string') this.out.push(l);
      else for (let i = 0; i < l.length; i++) this.out.push(l[i]);
    }
  }

  /** The name under which `v` is visible to the generated source. */
  ref(v: unknown): string {
    let i = this.envIndex.get(v);
    if (i === undefined) {
      i = this.env.length;
      this.env.push(v);
      this.envIndex.set(v, i);
    }
    return `k${i}`;
  }

  /**
   * The loops being generated, outermost first, each with the view reads to do before it (when it runs at
   * least once): a view read inside a loop is read before the outermost loop instead, so that no getter call
   * is left inside a loop (V8 then keeps the loops tight). Views are pure and total, so reading one earlier,
   * or even when the loop body would not have reached it, changes no result. Definitions, which may fail,
   * are read where they are used.
   */
  private readonly loops: { readonly fills: Set<string> }[] = [];

  /** Emits a loop: `open` (its header), then `body`, with the outermost loop's view reads spliced before it. */
  loop(nonEmpty: string, open: string, body: () => void): void {
    const frame = { fills: new Set<string>() };
    const outer = this.loops.length === 0;
    const block = this.out;
    const at = block.length;
    this.loops.push(frame);
    this.emit(open);
    body();
    this.emit('}');
    this.loops.pop();
    if (outer && frame.fills.size > 0) block.splice(at, 0, `if (${nonEmpty}) { ${[...frame.fills].join(' ')} }`);
  }

  /** A view or definition's value on this state, read through the cache once per evaluation. */
  viewRead(index: number, isView: boolean): string {
    let m = this.memo.get(index);
    if (!m) {
      m = { local: `v${index}`, reader: this.ref(this.ctx.getter?.(index) ?? this.ctx.view(index)) };
      this.memo.set(index, m);
    }
    if (isView && this.loops.length > 0) this.loops[0].fills.add(`if (${m.local} === k0) ${m.local} = ${m.reader}(s);`);
    return `(${m.local} !== k0 ? ${m.local} : (${m.local} = ${m.reader}(s)))`;
  }

  /** The generated statements of `f`, apart from the current block, and the expression it returned. */
  capture(f: () => string): { stmts: string[]; expr: string } {
    const saved = this.out;
    this.out = [];
    const expr = f();
    const stmts = this.out;
    this.out = saved;
    return { stmts, expr };
  }

  /** `x` as a local, so that it is evaluated here and only once. */
  spill(x: string): string {
    if (ATOMIC.test(x)) return x;
    const t = this.fresh('t');
    this.emit(`const ${t} = ${x};`);
    return t;
  }

  /** The source of a function `(s) => result` with the statements emitted so far. */
  source(name: string, result: string): string {
    const prelude = this.env.map((_, i) => `const k${i} = K[${i}];`).join('\n');
    const memos = [...this.memo.values()].map((m) => `let ${m.local} = k0;`).join(' ');
    const fname = `spec_${name.replace(/[^\w$]/g, '_')}`;
    return `"use strict";\n${prelude}\nreturn function ${fname}(s) {\n${memos}\n${this.out.join('\n')}\nreturn ${result};\n};`;
  }
}

export class CodeGenerator {
  constructor(private readonly ctx: CodegenContext) {}

  /** A compiled state predicate: true exactly when the expression evaluates to true. */
  predicate(e: Expr, name: string): (s: unknown) => boolean {
    return this.build(e, name, (x) => `${x} === true`);
  }

  /** A compiled expression (a definition's value). */
  expr(e: Expr, name: string): Fn {
    return this.build(e, name, (x) => x);
  }

  private build(e: Expr, name: string, result: (x: string) => string): Fn {
    const em = new Emitter(this.ctx);
    const x = new Gen(this.ctx, em).gen(e);
    // Every local is a slot of the function's stack frame: a function with tens of thousands of them (a
    // generated chain of 30,000 map lookups) overflows the stack when called. Such an expression is left to
    // the closure compiler, whose frames are small.
    if (em.names > MAX_LOCALS) throw new Unsupported(`${em.names} locals`);
    let make: (env: unknown[]) => Fn;
    try {
      make = new Function('K', em.source(name, result(x))) as (env: unknown[]) => Fn;
    } catch (err) {
      // Code generation from strings disallowed (node --disallow-code-generation-from-strings).
      if (err instanceof EvalError) throw new Unsupported(err.message);
      throw err;
    }
    return make(em.env);
  }
}

/** The translation of one function's expression tree into its Emitter. */
class Gen {
  constructor(
    private readonly ctx: CodegenContext,
    private readonly em: Emitter,
  ) {}

  private ty(e: Expr): Ty {
    const t = this.ctx.typed.types.get(e);
    if (!t) throw new Unsupported('expression was not type-checked');
    return t;
  }

  private local(b: Binder): string {
    const slot = this.ctx.typed.slots.get(b);
    if (slot === undefined) throw new Unsupported('unbound binder');
    return `x${slot}`;
  }

  /** A function that throws the located runtime error `message(...args)`. */
  private failure(loc: Loc, message: (...args: any[]) => string): (...args: any[]) => never {
    const where = { file: this.ctx.file, line: loc.line, col: loc.col };
    return (...args) => {
      throw new ClabError(message(...args), 'the spec evaluated an undefined expression on a reachable state', where);
    };
  }

  /** The generated source's name for `failure(loc, message)`. */
  private failer(loc: Loc, message: (...args: any[]) => string): string {
    return this.em.ref(this.failure(loc, message));
  }

  /** A literal for a scalar constant, a named reference for anything else. */
  private constant(v: unknown): string {
    if (typeof v === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0)) return v < 0 ? `(${v})` : String(v);
    if (typeof v === 'boolean') return String(v);
    if (typeof v === 'string') return JSON.stringify(v);
    return this.em.ref(v);
  }

  /**
   * The operands' expressions, evaluated in the order given: when a later operand needs statements, the
   * earlier ones are first saved in locals, so every operand is evaluated (and can fail) in its turn.
   */
  private operands(es: readonly Expr[]): string[] {
    const parts = es.map((e) => this.em.capture(() => this.gen(e)));
    let last = -1;
    parts.forEach((p, i) => p.stmts.length > 0 && (last = i));
    return parts.map((p, i) => {
      this.em.emit(p.stmts);
      return i < last ? this.em.spill(p.expr) : p.expr;
    });
  }

  /** Whether evaluating `e` can raise a runtime error (definitions: conservatively yes). */
  private mayFail(e: Expr): boolean {
    switch (e.kind) {
      case 'int':
      case 'bool':
      case 'str':
        return false;
      case 'name':
        return this.ctx.typed.res.get(e)?.kind === 'define';
      case 'index':
        return true;
      case 'field':
        return this.mayFail(e.target);
      case 'call':
        return e.fn === 'min' || e.fn === 'max' || e.args.some((a) => this.mayFail(a));
      case 'unary':
      case 'temporal':
        return this.mayFail(e.arg);
      case 'binary': {
        const { base, nodes } = leftSpine(e);
        return this.mayFail(base) || nodes.some((n) => n.op === '/' || n.op === '%' || n.op === '..' || this.mayOverflow(n) || this.mayFail(n.right));
      }
      case 'if':
        return this.mayFail(e.cond) || this.mayFail(e.then) || this.mayFail(e.else);
      case 'quant':
        return e.binders.some((b) => this.mayFail(b.domain)) || this.mayFail(e.body);
      case 'setlit':
        return e.elems.some((x) => this.mayFail(x));
      case 'filter':
        return this.mayFail(e.binder.domain) || this.mayFail(e.pred);
      case 'image':
        return e.binders.some((b) => this.mayFail(b.domain)) || this.mayFail(e.expr);
    }
  }

  /** Bounds on |value| of int expressions, by node (memoised: chains ask for each prefix). */
  private readonly bounds = new Map<Expr, number>();

  /**
   * An upper bound on the absolute value of int expression `e`, or Infinity when unknown (views, bound
   * variables and definitions are unknown). Only literals, constants and sizes are known; enough to skip the
   * overflow check of `2 * size(...)`, the commonest arithmetic in specs.
   */
  private intBound(e: Expr): number {
    const known = this.bounds.get(e);
    if (known !== undefined) return known;
    let b = Infinity;
    switch (e.kind) {
      case 'int':
        b = Math.abs(e.value);
        break;
      case 'name': {
        const r = this.ctx.typed.res.get(e);
        if (r?.kind === 'value' && typeof r.value === 'number') b = Math.abs(r.value);
        break;
      }
      case 'call':
        if (e.fn === 'size') b = 2 ** 32; // an array's length or a Map's size
        break;
      case 'unary':
        if (e.op === '-') b = this.intBound(e.arg);
        break;
      case 'if':
        b = Math.max(this.intBound(e.then), this.intBound(e.else));
        break;
      case 'binary': {
        // Down the left spine to the first node already bounded (code generation asks for each prefix of a
        // chain in turn, so this stays linear), then up again.
        const nodes: BinaryExpr[] = [];
        let x: Expr = e;
        while (x.kind === 'binary' && !this.bounds.has(x)) {
          nodes.push(x);
          x = x.left;
        }
        nodes.reverse();
        b = this.intBound(x);
        for (const n of nodes) {
          const r = this.intBound(n.right);
          b = n.op === '+' || n.op === '-' ? b + r : n.op === '*' ? b * r : n.op === '/' ? b : n.op === '%' ? Math.min(b, r) : Infinity;
          this.bounds.set(n, b);
        }
        break;
      }
    }
    this.bounds.set(e, b);
    return b;
  }

  /** Whether `+`, `-` or `*` node `e` may leave the exact integer range (its operands are within it). */
  private mayOverflow(e: BinaryExpr): boolean {
    return (e.op === '+' || e.op === '-' || e.op === '*') && !(this.intBound(e) <= MAX_INT);
  }

  /**
   * A comprehension over a set whose condition cannot fail, iterated in place of its value: it visits the
   * same elements in the same order, without duplicates, and a condition that cannot fail may be tested
   * lazily without changing any result.
   */
  private fusable(d: Expr): d is Extract<Expr, { kind: 'filter' }> {
    return d.kind === 'filter' && this.ty(d.binder.domain).kind === 'set' && !this.mayFail(d.pred);
  }

  /** Emits a loop binding `b`'s variable to each element of its domain, with `body` emitted inside it. */
  private forEach(b: Binder, body: () => void): void {
    const x = this.local(b);
    const d = b.domain;
    if (d.kind === 'binary' && d.op === '..') {
      const [lo, hi] = this.operands([d.left, d.right]).map((v) => this.em.spill(v));
      this.em.emit(`if (${hi} - ${lo} > 1000000) ${this.failer(d.loc, (l, h) => `range ${l}..${h} is too large`)}(${lo}, ${hi});`);
      this.em.loop(`${lo} <= ${hi}`, `for (let ${x} = ${lo}; ${x} <= ${hi}; ${x}++) {`, body);
      return;
    }
    if (this.fusable(d)) {
      const y = this.local(d.binder);
      this.forEach(d.binder, () => {
        const p = this.gen(d.pred);
        this.em.emit(`if (!(${p})) continue;`, `const ${x} = ${y};`);
        body();
      });
      return;
    }
    const xs = this.em.spill(this.gen(d));
    const i = this.em.fresh('i');
    this.em.loop(`${xs}.length !== 0`, `for (let ${i} = 0; ${i} < ${xs}.length; ${i}++) { const ${x} = ${xs}[${i}];`, body);
  }

  /** Nested loops over the binders, in order (each domain is evaluated inside the loops before it). */
  private forAll(bs: readonly Binder[], body: () => void, k = 0): void {
    if (k === bs.length) return body();
    this.forEach(bs[k], () => this.forAll(bs, body, k + 1));
  }

  gen(e: Expr): string {
    switch (e.kind) {
      case 'int':
      case 'bool':
      case 'str':
        return this.constant(e.value);
      case 'name': {
        const r = this.ctx.typed.res.get(e);
        if (!r) throw new Unsupported(`unresolved name ${e.name}`);
        if (r.kind === 'var') return `x${r.slot}`;
        if (r.kind === 'view' || r.kind === 'define') return this.em.viewRead(r.index, r.kind === 'view');
        return this.constant(r.value);
      }
      case 'field': {
        const t = this.gen(e.target);
        return /^[A-Za-z_$][\w$]*$/.test(e.field) ? `${t}.${e.field}` : `${t}[${JSON.stringify(e.field)}]`;
      }
      case 'index':
        return this.index(e);
      case 'call':
        return this.call(e);
      case 'unary': {
        const a = this.gen(e.arg);
        return e.op === 'not' ? `(!${a})` : `(-${a})`;
      }
      case 'temporal':
        throw new Unsupported('temporal operator in a state predicate');
      case 'binary': {
        // A chain `a and b and ...` in a loop (ast.ts leftSpine): each operator's left operand is the
        // expression generated just before, already emitted; every SPILL_EVERY operators it is saved in a
        // local (it is evaluated there anyway, before the right operand), so no parentheses nest deeply.
        // One local per chain, assigned again at each save: a frame slot per save would make a chain of
        // 100,000 operators a function too large to call.
        const { base, nodes } = leftSpine(e);
        let x = this.gen(base);
        let acc: string | undefined;
        for (let i = 0; i < nodes.length; i++) {
          x = this.binary(nodes[i], x);
          if (i % SPILL_EVERY === SPILL_EVERY - 1 && i < nodes.length - 1 && !ATOMIC.test(x)) {
            if (acc === undefined) {
              acc = this.em.fresh('c');
              this.em.emit(`let ${acc} = ${x};`);
            } else this.em.emit(`${acc} = ${x};`);
            x = acc;
          }
        }
        return x;
      }
      case 'if': {
        const c = this.gen(e.cond);
        const a = this.em.capture(() => this.gen(e.then));
        const b = this.em.capture(() => this.gen(e.else));
        if (a.stmts.length === 0 && b.stmts.length === 0) return `(${c} ? ${a.expr} : ${b.expr})`;
        const r = this.em.fresh('r');
        this.em.emit(`let ${r};`, `if (${c}) {`, a.stmts, `${r} = ${a.expr};`, '} else {', b.stmts, `${r} = ${b.expr};`, '}');
        return r;
      }
      case 'quant': {
        const forall = e.q === 'forall';
        const r = this.em.fresh('q');
        const label = this.em.fresh('L');
        this.em.emit(`let ${r} = ${forall};`, `${label}: {`);
        this.forAll(e.binders, () => {
          const b = this.gen(e.body);
          this.em.emit(`if (${forall ? '!' : ''}${b}) { ${r} = ${!forall}; break ${label}; }`);
        });
        this.em.emit('}');
        return r;
      }
      case 'setlit': {
        if (e.elems.length === 0) return '[]';
        const xs = this.operands(e.elems);
        return `${this.em.ref(dedupeFor(elemOf(this.ty(e))))}([${xs.join(', ')}])`;
      }
      case 'filter': {
        const out = this.em.fresh('o');
        const x = this.local(e.binder);
        this.em.emit(`const ${out} = [];`);
        this.forEach(e.binder, () => {
          const p = this.gen(e.pred);
          this.em.emit(`if (${p}) ${out}.push(${x});`);
        });
        return this.ty(e.binder.domain).kind === 'seq' ? `${this.em.ref(dedupeFor(elemOf(this.ty(e))))}(${out})` : out;
      }
      case 'image': {
        const out = this.em.fresh('o');
        this.em.emit(`const ${out} = [];`);
        this.forAll(e.binders, () => {
          const v = this.gen(e.expr);
          this.em.emit(`${out}.push(${v});`);
        });
        return `${this.em.ref(dedupeFor(elemOf(this.ty(e))))}(${out})`;
      }
    }
  }

  private index(e: Extract<Expr, { kind: 'index' }>): string {
    const tt = this.ty(e.target);
    const kt = this.ty(e.index);
    if (tt.kind === 'seq') {
      const [xs, i] = this.operands([e.target, e.index]).map((v) => this.em.spill(v));
      const fail = this.failer(e.loc, (j: number, n: number) => `index ${j} is out of range: the seq has ${n} elements (indices 0..${n - 1})`);
      this.em.emit(`if (${i} < 0 || ${i} >= ${xs}.length) ${fail}(${i}, ${xs}.length);`);
      return `${xs}[${i}]`;
    }
    // The key first, then the map (as the closure compiler does).
    const [k, m] = this.operands([e.index, e.target]).map((v) => this.em.spill(v));
    const fail = this.failer(e.index.loc, (key: unknown) => `key ${showValue(key, kt, this.ctx.sorts)} is not in the map (${tyStr(tt)})`);
    const v = this.em.fresh('m');
    if (isScalar(kt)) {
      this.em.emit(`const ${v} = ${m}.get(${k});`, `if (${v} === undefined && !${m}.has(${k})) ${fail}(${k});`);
    } else {
      this.em.emit(`const ${v} = ${this.em.ref(getFor(kt))}(${m}, ${k});`, `if (${v} === ${this.em.ref(MISSING)}) ${fail}(${k});`);
    }
    return v;
  }

  private call(e: Extract<Expr, { kind: 'call' }>): string {
    const arg = e.args[0];
    if (e.args.length !== 1) throw new Unsupported(`call of ${e.fn} with ${e.args.length} arguments`);
    if (e.fn === 'size' && arg.kind === 'filter' && this.ty(arg.binder.domain).kind === 'set') {
      // Counts without building the set (a set's elements are distinct).
      const n = this.em.fresh('n');
      this.em.emit(`let ${n} = 0;`);
      this.forEach(arg.binder, () => {
        const p = this.gen(arg.pred);
        this.em.emit(`if (${p}) ${n}++;`);
      });
      return n;
    }
    const at = this.ty(arg);
    const a = this.gen(arg);
    switch (e.fn) {
      case 'size':
        return at.kind === 'map' ? `${a}.size` : `${a}.length`;
      case 'keys':
      case 'dom':
        return `Array.from(${a}.keys())`;
      case 'values':
        return `${this.em.ref(dedupeFor(at.kind === 'map' ? at.value : at))}(Array.from(${a}.values()))`;
      case 'min':
      case 'max': {
        const pick = e.fn === 'min' ? Math.min : Math.max;
        const fail = this.failure(e.loc, () => `${e.fn} of an empty set`);
        const extreme = (xs: readonly number[]): number => {
          if (xs.length === 0) fail();
          let m = xs[0];
          for (let i = 1; i < xs.length; i++) m = pick(m, xs[i]);
          return m;
        };
        return `${this.em.ref(extreme)}(${a})`;
      }
    }
    throw new Unsupported(`unknown function ${e.fn}`);
  }

  /**
   * The operands of `e` whose left operand is the expression `l` (its statements already emitted): as
   * `operands([e.left, e.right])`, the left saved in a local first when the right needs statements.
   */
  private withLeft(l: string, e: BinaryExpr): [string, string] {
    const r = this.em.capture(() => this.gen(e.right));
    const lv = r.stmts.length > 0 ? this.em.spill(l) : l;
    this.em.emit(r.stmts);
    return [lv, r.expr];
  }

  /** `a op b` for a short-circuit operator: the right operand's statements run only when needed. */
  private shortCircuit(e: BinaryExpr, l: string): string {
    const r = this.em.capture(() => this.gen(e.right));
    const lhs = e.op === '=>' ? `(!${l})` : l;
    if (r.stmts.length === 0) return `(${lhs} ${e.op === 'and' ? '&&' : '||'} ${r.expr})`;
    const t = this.em.fresh('b');
    this.em.emit(`let ${t} = ${lhs};`, `if (${e.op === 'and' ? '' : '!'}${t}) {`, r.stmts, `${t} = ${r.expr};`, '}');
    return t;
  }

  /** `e`, whose left operand is the expression `l` (generated, its statements emitted). */
  private binary(e: BinaryExpr, l: string): string {
    switch (e.op) {
      case 'and':
      case 'or':
      case '=>':
        return this.shortCircuit(e, l);
      case 'leadsto':
        throw new Unsupported('leadsto in a state predicate');
      case 'in':
      case 'notin': {
        const neg = e.op === 'notin' ? '!' : '';
        const elemTy = elemOf(this.ty(e.right));
        if (this.fusable(e.right)) return `(${neg}${this.member(l, e.right, elemTy)})`;
        const [x, xs] = this.withLeft(l, e);
        const xv = this.em.spill(x);
        if (isScalar(elemTy)) return `(${neg}${xs}.includes(${xv}))`;
        return `(${neg}${this.em.ref(memFor(elemTy))}(${xv}, ${xs}))`;
      }
      case '/':
      case '%': {
        const [a, b] = this.withLeft(l, e).map((v) => this.em.spill(v));
        this.em.emit(`if (${b} === 0) ${this.failer(e.loc, () => 'division by zero')}();`);
        return e.op === '/' ? `Math.trunc(${a} / ${b})` : `(${a} % ${b})`;
      }
      case '..': {
        const [lo, hi] = this.withLeft(l, e);
        const fail = this.failure(e.loc, (a, b) => `range ${a}..${b} is too large`);
        const range = (l: number, h: number): number[] => {
          if (h - l > 1_000_000) fail(l, h);
          const out: number[] = [];
          for (let i = l; i <= h; i++) out.push(i);
          return out;
        };
        return `${this.em.ref(range)}(${lo}, ${hi})`;
      }
      case 'inter':
      case 'minus': {
        // The left operand first, as every operator (the closure compiler does the same).
        const mem = memFor(elemOf(this.ty(e)));
        const keep = e.op === 'inter';
        const op = (a: readonly unknown[], b: readonly unknown[]) => a.filter((x) => mem(x, b) === keep);
        const [a, b] = this.withLeft(l, e);
        return `${this.em.ref(op)}(${a}, ${b})`;
      }
      default: {
        const [a, b] = this.withLeft(l, e);
        return this.strict(e, a, b);
      }
    }
  }

  /** Binary operators that evaluate both operands, left then right. */
  private strict(e: Extract<Expr, { kind: 'binary' }>, a: string, b: string): string {
    switch (e.op) {
      case '<=>':
        return `(${a} === ${b})`;
      case '+':
      case '-':
      case '*':
        if (!this.mayOverflow(e)) return `(${a} ${e.op} ${b})`;
        return `${this.em.ref(arith(e.op, this.failure(e.loc, (message: string) => message)))}(${a}, ${b})`;
      case '<':
      case '<=':
      case '>':
      case '>=':
        return `(${a} ${e.op} ${b})`;
      case '=':
      case '!=': {
        const t = this.ty(e.left);
        const neg = e.op === '!=';
        if (isScalar(t)) return `(${a} ${neg ? '!==' : '==='} ${b})`;
        const eq = eqFor(t.kind === 'any' ? this.ty(e.right) : t);
        return `(${neg ? '!' : ''}${this.em.ref(eq)}(${a}, ${b}))`;
      }
      case 'subset': {
        const mem = memFor(elemOf(this.ty(e.right)));
        const subset = (xs: readonly unknown[], ys: readonly unknown[]) => {
          for (let i = 0; i < xs.length; i++) if (!mem(xs[i], ys)) return false;
          return true;
        };
        return `${this.em.ref(subset)}(${a}, ${b})`;
      }
      case 'union': {
        const dedupe = dedupeFor(elemOf(this.ty(e)));
        return `${this.em.ref(dedupe)}([...${a}, ...${b}])`;
      }
      default:
        throw new Unsupported(`operator ${e.op}`);
    }
  }

  /** `x in {y in S : p}` as a search of S (p cannot fail): x first, then S, as when the set is built. */
  private member(x: string, set: Extract<Expr, { kind: 'filter' }>, elemTy: Ty): string {
    const xv = this.em.spill(x);
    const y = this.local(set.binder);
    const found = this.em.fresh('f');
    const label = this.em.fresh('L');
    const same = isScalar(elemTy) ? `${y} === ${xv}` : `${this.em.ref(eqFor(elemTy))}(${xv}, ${y})`;
    this.em.emit(`let ${found} = false;`, `${label}: {`);
    this.forEach(set.binder, () => {
      const p = this.gen(set.pred);
      this.em.emit(`if (${p} && ${same}) { ${found} = true; break ${label}; }`);
    });
    this.em.emit('}');
    return found;
  }
}

function elemOf(t: Ty): Ty {
  return t.kind === 'set' || t.kind === 'seq' ? t.elem : t;
}
