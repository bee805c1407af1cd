// Type checking of spec expressions against one model instance, before any search. Every name is resolved
// (bound variable, view, constant or identifier of a sort) and every expression gets a type; the results
// (types and resolutions, keyed by node) are what the compiler reads. All errors are collected, each at
// the node that caused it, with the nearest known name for a misspelling.

import { leftSpine, type Binder, type BinaryExpr, type Expr, type Loc, type TemporalFormula } from './ast.ts';
import { diag, type Diagnostic } from './diagnostics.ts';
import { nearest } from '../errors.ts';
import { ANY, BOOL, ERROR, INT, isScalar, setOf, STRING, tyStr, unify, type Ty } from './types.ts';

export type Resolution =
  | { readonly kind: 'var'; readonly slot: number }
  | { readonly kind: 'view'; readonly index: number }
  /** A `define`: read, like a view, through the per-state cache at `index` (after the views). */
  | { readonly kind: 'define'; readonly index: number }
  | { readonly kind: 'value'; readonly value: unknown };

/** What a name outside any binder can mean. */
export interface GlobalName {
  readonly ty: Ty;
  readonly res: Resolution;
  /** For messages: "a view", "a constant", "an identifier of sort acceptor". */
  readonly what: string;
  /** Bound variables may shadow it (identifiers of sorts: `forall r1 in rms` is natural). */
  readonly shadowable?: boolean;
}

export interface Globals {
  readonly modelName: string;
  readonly names: ReadonlyMap<string, GlobalName>;
}

export interface Typed {
  readonly types: Map<Expr, Ty>;
  readonly res: Map<Expr, Resolution>;
  /** The variable slot of each binder. */
  readonly slots: Map<Binder, number>;
}

interface Bound {
  readonly ty: Ty;
  readonly slot: number;
  readonly loc: Loc;
}
type Scope = ReadonlyMap<string, Bound>;

/** Built-in functions: argument kinds accepted and the result type. Looked up with `builtin`, never by indexing (`constructor(x)`). */
const BUILTINS: Record<string, { readonly arity: number; readonly doc: string; readonly type: (a: Ty) => Ty | string }> = {
  size: { arity: 1, doc: 'size(S): the number of elements of a set, seq or map', type: (a) => (a.kind === 'set' || a.kind === 'seq' || a.kind === 'map' ? INT : 'a set, seq or map') },
  keys: { arity: 1, doc: 'keys(m): the set of keys of a map', type: (a) => (a.kind === 'map' ? setOf(a.key) : 'a map') },
  dom: { arity: 1, doc: 'dom(m): the set of keys of a map', type: (a) => (a.kind === 'map' ? setOf(a.key) : 'a map') },
  values: { arity: 1, doc: 'values(m): the set of values of a map', type: (a) => (a.kind === 'map' ? setOf(a.value) : 'a map') },
  min: { arity: 1, doc: 'min(S): the least element of a non-empty set of ints', type: (a) => (a.kind === 'set' && (a.elem.kind === 'int' || a.elem.kind === 'any') ? INT : 'a set of int') },
  max: { arity: 1, doc: 'max(S): the greatest element of a non-empty set of ints', type: (a) => (a.kind === 'set' && (a.elem.kind === 'int' || a.elem.kind === 'any') ? INT : 'a set of int') },
};
export const BUILTIN_NAMES = Object.keys(BUILTINS);
const builtin = (name: string) => (Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined);

export class TypeChecker {
  readonly diagnostics: Diagnostic[] = [];
  readonly typed: Typed = { types: new Map(), res: new Map(), slots: new Map() };
  private nextSlot = 0;

  /** How many variable slots the checked expressions use. */
  get slotCount(): number {
    return this.nextSlot;
  }
  private where = 'an invariant';
  /** Global names some expression refers to (unused spec constants are reported). */
  readonly used = new Set<string>();

  /** `g.names` may grow between checks: plan.ts adds each definition once it is checked. */
  constructor(private readonly g: Globals) {}

  private err(loc: Loc, message: string, hint?: string): Ty {
    this.diagnostics.push(diag(loc, message, hint));
    return ERROR;
  }

  /** A state predicate (invariant, sometimes): bool, no temporal operators. */
  checkPredicate(e: Expr, where: 'invariant' | 'sometimes'): void {
    this.where = where === 'invariant' ? 'an invariant' : "a 'sometimes' witness";
    this.expect(e, BOOL, `${where === 'invariant' ? 'an invariant' : "a 'sometimes' witness"} must be bool`, new Map());
  }

  /** The body of `define name = e`: any type but no temporal operators. Returns its type (error if bad). */
  checkDefinition(e: Expr, name: string): Ty {
    this.where = `the definition of '${name}'`;
    return this.infer(e, new Map());
  }

  /** A temporal property: always/eventually/leadsto on top, state predicates below. */
  checkProperty(e: Expr): TemporalFormula | undefined {
    const f = this.temporal(e);
    if (f && f.kind === 'state') {
      this.err(e.loc, 'a property needs a temporal operator: always, eventually or leadsto', 'a state predicate that must hold everywhere is an invariant: write `invariant <name>: ...`');
      return undefined;
    }
    if (f && !livenessForm(f)) {
      this.err(e.loc, 'unsupported temporal formula', 'the liveness checker handles: always P, eventually P, always eventually P, P leadsto Q, always (P leadsto Q) (P, Q state predicates)');
      return undefined;
    }
    return f;
  }

  private temporal(e: Expr): TemporalFormula | undefined {
    if (e.kind === 'temporal') {
      const body = this.temporal(e.arg);
      return body ? { kind: e.op, body } : undefined;
    }
    this.where = 'a state predicate inside a property';
    if (e.kind === 'binary' && e.op === 'leadsto') {
      const a = this.expect(e.left, BOOL, "the left side of 'leadsto' must be bool", new Map());
      const b = this.expect(e.right, BOOL, "the right side of 'leadsto' must be bool", new Map());
      return a && b ? { kind: 'leadsto', from: e.left, to: e.right } : undefined;
    }
    return this.expect(e, BOOL, 'a property must be bool', new Map()) ? { kind: 'state', pred: e } : undefined;
  }

  /** Checks that `e` has type `want`; reports `what` otherwise. True if it does. */
  private expect(e: Expr, want: Ty, what: string, scope: Scope): boolean {
    return this.expectTy(e, this.infer(e, scope), want, what);
  }

  /** As `expect`, with `e`'s type `t` already inferred. */
  private expectTy(e: Expr, t: Ty, want: Ty, what: string): boolean {
    if (t.kind === 'error') return false;
    if (!unify(t, want)) {
      this.err(e.loc, `type mismatch: ${what}, got ${tyStr(t)}`, this.stringIdHint(e, want, t));
      return false;
    }
    return true;
  }

  private set(e: Expr, t: Ty): Ty {
    this.typed.types.set(e, t);
    return t;
  }

  infer(e: Expr, scope: Scope): Ty {
    if (e.kind !== 'binary') return this.set(e, this.inferInner(e, scope));
    // A chain `a and b and c ...` in a loop (ast.ts leftSpine): each operator's left operand is the one before.
    const { base, nodes } = leftSpine(e);
    let t = this.infer(base, scope);
    for (const n of nodes) t = this.set(n, this.binary(n, t, scope));
    return t;
  }

  private inferInner(e: Expr, scope: Scope): Ty {
    switch (e.kind) {
      case 'int':
        return INT;
      case 'bool':
        return BOOL;
      case 'str':
        return STRING;
      case 'name':
        return this.name(e, scope);
      case 'field': {
        const t = this.infer(e.target, scope);
        if (t.kind === 'error') return ERROR;
        if (t.kind !== 'record') return this.err(e.loc, `field access '.${e.field}' needs a record, got ${tyStr(t)}`);
        const f = Object.hasOwn(t.fields, e.field) ? t.fields[e.field] : undefined;
        if (!f) {
          const known = Object.keys(t.fields);
          const near = nearest(e.field, known);
          return this.err({ ...e.loc, col: e.loc.col + 1, len: e.field.length }, `${tyStr(t)} has no field '${e.field}'`, near ? `did you mean '${near}'?` : `its fields are: ${known.join(', ')}`);
        }
        return f;
      }
      case 'index': {
        const t = this.infer(e.target, scope);
        const k = this.infer(e.index, scope);
        if (t.kind === 'error' || k.kind === 'error') return ERROR;
        if (t.kind === 'map') {
          if (!unify(t.key, k)) return this.err(e.index.loc, `type mismatch: the keys of ${tyStr(t)} are ${tyStr(t.key)}, got ${tyStr(k)}`, this.stringIdHint(e.index, t.key, k));
          return t.value;
        }
        if (t.kind === 'seq') {
          if (k.kind !== 'int') return this.err(e.index.loc, `type mismatch: a seq index must be int, got ${tyStr(k)}`);
          return t.elem;
        }
        return this.err(e.loc, `cannot index ${tyStr(t)}: indexing needs a map or a seq`, t.kind === 'set' ? "a set has no order; test membership with 'in'" : undefined);
      }
      case 'call': {
        const b = builtin(e.fn);
        const ts = e.args.map((a) => this.infer(a, scope));
        if (!b) {
          const local = scope.get(e.fn) ?? this.g.names.get(e.fn);
          if (local) return this.err(e.loc, `'${e.fn}' is not a function`, `functions: ${BUILTIN_NAMES.join(', ')}`);
          const near = nearest(e.fn, BUILTIN_NAMES);
          return this.err(e.loc, `unknown function '${e.fn}'`, near ? `did you mean '${near}'?` : `functions: ${BUILTIN_NAMES.join(', ')}`);
        }
        if (ts.length !== b.arity) return this.err(e.loc, `wrong number of arguments: ${e.fn} takes ${b.arity} argument${b.arity === 1 ? '' : 's'}, got ${ts.length}`, b.doc);
        if (ts[0].kind === 'error') return ERROR;
        const r = b.type(ts[0]);
        if (typeof r === 'string') return this.err(e.args[0].loc, `type mismatch: ${e.fn} needs ${r}, got ${tyStr(ts[0])}`, b.doc);
        return r;
      }
      case 'unary':
        if (e.op === 'not') return this.expect(e.arg, BOOL, "the operand of 'not' must be bool", scope) ? BOOL : ERROR;
        return this.expect(e.arg, INT, "the operand of '-' must be int", scope) ? INT : ERROR;
      case 'temporal':
        this.infer(e.arg, scope);
        return this.err(e.loc, `temporal operator '${e.op}' is not allowed in ${this.where}`, this.where.startsWith('a state predicate') ? `'${e.op}' may only prefix a whole property, e.g. \`property p: always eventually q\`` : this.where.startsWith('the definition') ? `a definition is a value in one state; state temporal formulas as \`property <name>: ${e.op} ...\`` : `invariants and witnesses are state predicates; state it as \`property <name>: ${e.op} ...\``);
      case 'binary':
        throw new Error('typecheck: binary expressions are checked by infer');
      case 'if': {
        this.expect(e.cond, BOOL, "the condition of 'if' must be bool", scope);
        const a = this.infer(e.then, scope);
        const b = this.infer(e.else, scope);
        const u = unify(a, b);
        if (!u) return this.err(e.else.loc, `type mismatch: the branches of 'if' differ: then is ${tyStr(a)}, else is ${tyStr(b)}`);
        return u;
      }
      case 'quant': {
        const inner = this.bind(e.binders, scope);
        this.expect(e.body, BOOL, `the body of '${e.q}' must be bool`, inner);
        return BOOL;
      }
      case 'setlit': {
        let t: Ty = ANY;
        for (const x of e.elems) {
          const xt = this.infer(x, scope);
          const u = unify(t, xt);
          if (!u) {
            this.err(x.loc, `type mismatch: the elements of a set must have one type: ${tyStr(t)} and ${tyStr(xt)}`, this.stringIdHint(x, t, xt));
            return ERROR;
          }
          t = u;
        }
        return setOf(t);
      }
      case 'filter': {
        const inner = this.bind([e.binder], scope);
        this.expect(e.pred, BOOL, 'the condition of a set comprehension must be bool', inner);
        const d = this.typed.types.get(e.binder.domain);
        return d && d.kind === 'set' ? d : d && d.kind === 'seq' ? setOf(d.elem) : ERROR;
      }
      case 'image': {
        const inner = this.bind(e.binders, scope);
        const t = this.infer(e.expr, inner);
        return t.kind === 'error' ? ERROR : setOf(t);
      }
    }
  }

  /** Binders: domains must be sets or seqs; names must be new. Returns the inner scope. */
  private bind(bs: readonly Binder[], scope: Scope): Scope {
    const inner = new Map(scope);
    for (const b of bs) {
      const d = this.infer(b.domain, inner);
      let elem: Ty = ERROR;
      if (d.kind === 'set' || d.kind === 'seq') elem = d.elem;
      else if (d.kind !== 'error') {
        this.err(b.domain.loc, `quantifier over a non-set: '${b.name} in ...' needs a set or seq, got ${tyStr(d)}`, d.kind === 'map' ? 'to range over the keys of a map, write keys(m)' : d.kind === 'int' ? 'to range over numbers, write a range like 1..n' : undefined);
      }
      const prev = inner.get(b.name);
      const glob = this.g.names.get(b.name);
      if (prev) this.err(b.nameLoc, `duplicate name: '${b.name}' is already bound at ${prev.loc.line}:${prev.loc.col}`, 'choose another name');
      else if (glob && !glob.shadowable) this.err(b.nameLoc, `duplicate name: '${b.name}' is already ${glob.what}`, 'choose another name for the bound variable');
      const slot = this.nextSlot++;
      inner.set(b.name, { ty: elem, slot, loc: b.nameLoc });
      this.typed.slots.set(b, slot);
    }
    return inner;
  }

  private name(e: Extract<Expr, { kind: 'name' }>, scope: Scope): Ty {
    const v = scope.get(e.name);
    if (v) {
      this.typed.res.set(e, { kind: 'var', slot: v.slot });
      return v.ty;
    }
    const g = this.g.names.get(e.name);
    if (g) {
      this.used.add(e.name);
      this.typed.res.set(e, g.res);
      return g.ty;
    }
    // The hint outside any binder is the same for every mention of a name: computed once (a generated file
    // may misspell one name a hundred thousand times, and each hint compares it with every known name).
    // Keyed by the number of global names too: plan.ts adds definitions as they are checked.
    const key = `${this.g.names.size} ${e.name}`;
    let hint = scope.size === 0 ? this.unknownHints.get(key) : undefined;
    if (hint === undefined) {
      const near = nearest(e.name, [...scope.keys(), ...this.g.names.keys()]);
      const views = [...this.g.names].filter(([, x]) => x.res.kind === 'view').map(([k]) => k);
      hint = near ? `did you mean '${near}'?` : `the views of '${this.g.modelName}' are: ${views.join(', ')}`;
      if (scope.size === 0) this.unknownHints.set(key, hint);
    }
    return this.err(e.loc, `unknown name '${e.name}': not a bound variable, a definition, or a view or constant of model '${this.g.modelName}'`, hint);
  }

  /** Hints for unknown names outside binders (see `name`). */
  private readonly unknownHints = new Map<string, string>();

  /** `rmState[r] = "r1"`: an id compared with a string names the element without quotes. */
  private stringIdHint(e: Expr, want: Ty, got: Ty): string | undefined {
    if (want.kind === 'id' && got.kind === 'string' && e.kind === 'str') return `identifiers of sort ${want.sort} are written without quotes, e.g. ${e.value}`;
    if (want.kind === 'string' && got.kind === 'id') return `${tyStr(got)} is an identifier, not a string`;
    return undefined;
  }

  /** `e` whose left operand has type `lt` (already inferred, and its errors reported). */
  private binary(e: BinaryExpr, lt: Ty, scope: Scope): Ty {
    const op = e.op;
    switch (op) {
      case 'leadsto':
        this.infer(e.right, scope);
        return this.err(e.loc, `temporal operator 'leadsto' is not allowed in ${this.where}`, this.where.startsWith('a state predicate') ? "'leadsto' may only join two state predicates at the top of a property" : 'state it as `property <name>: P leadsto Q`');
      case 'and':
      case 'or':
      case '=>':
      case '<=>': {
        const a = this.expectTy(e.left, lt, BOOL, `the left operand of '${op}' must be bool`);
        const b = this.expect(e.right, BOOL, `the right operand of '${op}' must be bool`, scope);
        return a && b ? BOOL : ERROR;
      }
      case '+':
      case '-':
      case '*':
      case '/':
      case '%':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const a = this.expectTy(e.left, lt, INT, `the left operand of '${op}' must be int`);
        const b = this.expect(e.right, INT, `the right operand of '${op}' must be int`, scope);
        return a && b ? (op === '<' || op === '<=' || op === '>' || op === '>=' ? BOOL : INT) : ERROR;
      }
      case '..': {
        const a = this.expectTy(e.left, lt, INT, "the bounds of a range 'lo..hi' must be int");
        const b = this.expect(e.right, INT, "the bounds of a range 'lo..hi' must be int", scope);
        return a && b ? setOf(INT) : ERROR;
      }
      case '=':
      case '!=': {
        const a = lt;
        const b = this.infer(e.right, scope);
        if (a.kind === 'error' || b.kind === 'error') return ERROR;
        if (!unify(a, b)) return this.err(e.loc, `type mismatch: '${op}' compares values of one type, got ${tyStr(a)} and ${tyStr(b)}`, this.stringIdHint(e.right, a, b) ?? this.stringIdHint(e.left, b, a));
        return BOOL;
      }
      case 'in':
      case 'notin': {
        const a = lt;
        const s = this.infer(e.right, scope);
        if (a.kind === 'error' || s.kind === 'error') return ERROR;
        if (s.kind !== 'set' && s.kind !== 'seq') return this.err(e.right.loc, `type mismatch: '${op}' needs a set or seq on its right, got ${tyStr(s)}`, s.kind === 'map' ? 'to test for a key, write k in keys(m)' : undefined);
        if (!unify(a, s.elem)) return this.err(e.left.loc, `type mismatch: '${op}' tests ${tyStr(a)} against ${tyStr(s)}`, this.stringIdHint(e.left, s.elem, a));
        return BOOL;
      }
      case 'subset':
      case 'union':
      case 'inter':
      case 'minus': {
        const a = lt;
        const b = this.infer(e.right, scope);
        if (a.kind === 'error' || b.kind === 'error') return ERROR;
        if (a.kind !== 'set') return this.err(e.left.loc, `type mismatch: '${op}' needs sets, got ${tyStr(a)}`);
        if (b.kind !== 'set') return this.err(e.right.loc, `type mismatch: '${op}' needs sets, got ${tyStr(b)}`);
        const u = unify(a, b);
        if (!u) return this.err(e.loc, `type mismatch: '${op}' needs sets of one element type, got ${tyStr(a)} and ${tyStr(b)}`);
        return op === 'subset' ? BOOL : u;
      }
    }
  }
}

export { isScalar };

/** The forms checker/liveness checks (see liveness/from-spec.ts). */
function livenessForm(f: TemporalFormula): boolean {
  if (f.kind === 'leadsto') return true;
  if (f.kind === 'eventually') return f.body.kind === 'state';
  if (f.kind === 'always') return f.body.kind === 'state' || f.body.kind === 'leadsto' || (f.body.kind === 'eventually' && f.body.body.kind === 'state');
  return false;
}
