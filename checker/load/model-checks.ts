// Shape checks for the model API (checker/model.ts). A user's model is code the type checker may never have
// seen (a .ts file run without tsc), so the checker checks what it is given: the declaration when the model
// is loaded (constants, variants, faults), the instance instantiate() returns (required functions,
// invariants, optional fields), and what init(), next() and show() return. A model that breaks a rule gets
// a ModelError naming the field or function and, where its source can be found, the model's file:line,
// instead of a TypeError from deep inside the search (blamed on the checker) or a silently wrong count.
//
// Cost: the declaration and instance checks run once per instantiation. The step checks run only where
// the search already pays for a purity check (its sampled expansions), on the first initial states when a
// check is configured, and after an exception, to explain it: never on every successor.

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClabError, ModelError, nearest, suggest, type SourceLocation } from '../errors.ts';
import type { ConstantDecl, Instance, Model } from '../model.ts';

// ---------------------------------------------------------------------------------------------------------
// Where a model came from, so that errors can name its file (and a line, when the source shows one).

interface Origin {
  readonly name: string;
  /** Absolute path of the module the model was loaded from (unknown for a model built in code). */
  readonly file?: string;
  /** The directory paths are shown relative to. */
  readonly cwd: string;
}

const origins = new WeakMap<object, Origin>();

/** Records the file a user's model was loaded from (registry.ts). */
export function noteModelFile(model: Model, abs: string, cwd: string): void {
  origins.set(model, { name: model.name, file: abs, cwd });
}

/** Records which model an instance belongs to, so that errors found during a search can name it. */
export function noteInstance(inst: object, model: Model): void {
  origins.set(inst, origins.get(model) ?? { name: model.name, cwd: process.cwd() });
}

function originOf(x: unknown): Origin | undefined {
  return typeof x === 'object' && x !== null ? origins.get(x) : undefined;
}

function shownPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}

const sources = new Map<string, readonly string[] | null>();

function sourceLines(file: string): readonly string[] | null {
  if (!sources.has(file)) {
    try {
      sources.set(file, readFileSync(file, 'utf8').split('\n'));
    } catch {
      sources.set(file, null);
    }
  }
  return sources.get(file)!;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The line of the model's source where `key` is written as an object key or method (`key:`, `key(`,
 * `key?:`, or the shorthand `key,` / `key }`). Only an unambiguous answer counts: with no match or several
 * (a helper file, a type declaration as well), the error goes without a line rather than with a wrong one.
 */
export function locateKey(x: unknown, key: string): SourceLocation | undefined {
  const o = originOf(x);
  const lines = o?.file ? sourceLines(o.file) : null;
  if (!o?.file || !lines) return undefined;
  const strict = new RegExp(`(^|[^\\w$.'"\`])(['"]?)${escapeRe(key)}\\2\\s*\\??\\s*[:(]`);
  const loose = new RegExp(`(^|[{,]\\s*)${escapeRe(key)}\\s*(,|}|$)`);
  for (const re of [strict, loose]) {
    const hits: SourceLocation[] = [];
    lines.forEach((l, i) => {
      if (/^\s*(\/\/|\*)/.test(l)) return;
      const m = re.exec(l);
      if (m) hits.push({ file: shownPath(o.file!, o.cwd), line: i + 1, col: m.index + m[1].length + 1 });
    });
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) return undefined;
  }
  return undefined;
}

const checkerDir = dirname(fileURLToPath(import.meta.url));

/** Where an exception was thrown: the first stack frame outside the checker, node and node_modules. */
export function thrownAt(err: unknown, x?: unknown): SourceLocation | undefined {
  const stack = (err as Error | undefined)?.stack;
  if (typeof stack !== 'string') return undefined;
  const cwd = originOf(x)?.cwd ?? process.cwd();
  for (const line of stack.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('at ')) continue;
    const m = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?$/.exec(t);
    if (!m) continue;
    let file = m[1];
    if (file.startsWith('file://')) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (!isAbsolute(file) || file.startsWith(checkerDir + sep) || file.includes(`${sep}node_modules${sep}`)) continue;
    return { file: shownPath(file, cwd), line: Number(m[2]), col: Number(m[3]) };
  }
  return undefined;
}

/** "model 'x': " (with its file when no line of it is known), to start a message with. */
function who(x: unknown, loc: SourceLocation | undefined): string {
  const o = originOf(x);
  if (!o) return '';
  return o.file && !loc ? `model '${o.name}' (${shownPath(o.file, o.cwd)}): ` : `model '${o.name}': `;
}

/** A ModelError about model (or instance) `x`: its name, and the line of `key` in its source when found. */
export function modelError(x: unknown, key: string | undefined, message: string, hint?: string, stateId?: number): ModelError {
  const loc = key ? locateKey(x, key) : undefined;
  return new ModelError(who(x, loc) + message, hint, loc, stateId);
}

/** A short description of a value in an error message. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty array' : `an array of ${v.length}`;
  switch (typeof v) {
    case 'string':
      return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof v} ${String(v)}`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
  }
  if (typeof (v as { then?: unknown }).then === 'function') return 'a Promise';
  const keys = Object.keys(v as object);
  return keys.length === 0 ? 'an empty object' : `an object with fields ${keys.slice(0, 6).join(', ')}${keys.length > 6 ? ', ...' : ''}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

// ---------------------------------------------------------------------------------------------------------
// The declaration: checked when a model is loaded.

const CONSTANT_KINDS = ['int', 'bool', 'enum'];

/** Why a constant's declaration is unusable, or undefined. */
function constantProblem(name: string, d: unknown): { message: string; hint?: string } | undefined {
  const c = `constant '${name}'`;
  if (!isObject(d)) return { message: `${c} is declared as ${describeValue(d)}`, hint: "declare it as { kind: 'int' | 'bool' | 'enum', default, description }" };
  if (typeof d.kind !== 'string' || !CONSTANT_KINDS.includes(d.kind)) {
    const got = typeof d.kind === 'string' ? `'${d.kind}'` : describeValue(d.kind);
    return { message: `${c} has unknown kind ${got}`, hint: typeof d.kind === 'string' && nearest(d.kind, CONSTANT_KINDS) ? suggest(d.kind, CONSTANT_KINDS, 'kinds') : 'the kinds are int, bool and enum' };
  }
  if (d.kind === 'int') {
    for (const bound of ['min', 'max'] as const) {
      if (d[bound] !== undefined && (typeof d[bound] !== 'number' || !Number.isInteger(d[bound]))) return { message: `${c} has ${bound} ${describeValue(d[bound])}, not an integer` };
    }
    const min = d.min as number | undefined;
    const max = d.max as number | undefined;
    if (min !== undefined && max !== undefined && min > max) return { message: `${c} has min ${min} > max ${max}` };
    if (typeof d.default !== 'number' || !Number.isInteger(d.default)) return { message: `${c} is an int, but its default is ${describeValue(d.default)}`, hint: 'give an integer default' };
    if ((min !== undefined && d.default < min) || (max !== undefined && d.default > max)) {
      return { message: `${c} has default ${d.default}, outside its range ${min ?? ''}..${max ?? ''}`, hint: 'make the default one of the allowed values, or widen min/max' };
    }
  } else if (d.kind === 'bool') {
    if (typeof d.default !== 'boolean') return { message: `${c} is a bool, but its default is ${describeValue(d.default)}`, hint: 'give true or false as its default' };
  } else {
    if (!Array.isArray(d.values) || d.values.length === 0 || !d.values.every((v) => typeof v === 'string')) {
      return { message: `${c} is an enum, but its values are ${describeValue(d.values)}`, hint: "list the allowed values as strings, e.g. values: ['fast', 'slow']" };
    }
    if (typeof d.default !== 'string' || !d.values.includes(d.default)) {
      const got = typeof d.default === 'string' ? `'${d.default}'` : describeValue(d.default);
      return { message: `${c} has default ${got}, which is not one of its values (${d.values.join(', ')})`, hint: typeof d.default === 'string' && nearest(d.default, d.values) ? suggest(d.default, d.values, 'values') : 'make the default one of the values' };
    }
  }
  return undefined;
}

/**
 * Checks what a model declares before anything runs: its name, constants (kind, default within bounds,
 * enum default among the values), variants, faults (each naming a declared constant) and functions.
 */
export function checkModel(model: Model): void {
  const m = model as unknown as Record<string, unknown>;
  const fail = (key: string | undefined, message: string, hint?: string): never => {
    throw modelError(model, key, message, hint);
  };
  if (typeof m.name !== 'string' || m.name.trim() === '') fail('name', `the model's name is ${describeValue(m.name)}`, 'give the model a non-empty name');
  if (typeof m.instantiate !== 'function') fail('instantiate', `instantiate is ${describeValue(m.instantiate)}, not a function`);
  if (!isObject(m.constants)) fail('constants', `constants is ${describeValue(m.constants)}, not an object name → declaration`, 'write constants: {} for a model without constants');
  const constants = m.constants as Record<string, unknown>;
  for (const name of Object.keys(constants)) {
    const p = constantProblem(name, constants[name]);
    if (p) fail(name, p.message, p.hint);
  }
  if (m.variants !== undefined) {
    if (!isObject(m.variants)) fail('variants', `variants is ${describeValue(m.variants)}, not an object name → description`);
    for (const [v, text] of Object.entries(m.variants as object)) {
      if (typeof text !== 'string') fail(v, `variant '${v}' is described by ${describeValue(text)}, not a string`, 'variants map each name to a sentence saying what is wrong in it');
    }
  }
  if (m.faults !== undefined) {
    if (!isObject(m.faults)) fail('faults', `faults is ${describeValue(m.faults)}, not an object fault kind → constant name`);
    for (const [kind, cname] of Object.entries(m.faults as object)) {
      if (typeof cname !== 'string' || !has(constants, cname)) {
        fail(kind, `faults maps '${kind}' to ${typeof cname === 'string' ? `'${cname}', which is not a declared constant` : describeValue(cname)}`, typeof cname === 'string' ? suggest(cname, Object.keys(constants), 'constants') : undefined);
      }
    }
  }
  if (m.validate !== undefined && typeof m.validate !== 'function') fail('validate', `validate is ${describeValue(m.validate)}, not a function`);
}

// ---------------------------------------------------------------------------------------------------------
// The instance: checked once, right after instantiate().

/** Fields of an Instance whose misspelling would silently drop a check. */
const CHECKED_FIELDS = ['invariants', 'temporal', 'terminal'];
const TEMPORAL_KINDS = ['always', 'eventually', 'always-eventually', 'leadsto'];

/** Calls instantiate(); an exception or a result that is not an instance becomes a ModelError. */
export function instantiateChecked(model: Model, constants: Parameters<Model['instantiate']>[0], variant: string | undefined): Instance<unknown> {
  let inst: unknown;
  try {
    inst = model.instantiate(constants, variant);
  } catch (e) {
    if (e instanceof ClabError) throw e;
    const loc = thrownAt(e, model);
    throw new ModelError(`${who(model, loc)}instantiate() threw an error: ${(e as Error)?.message ?? String(e)}`, 'instantiate(constants, variant) must return the instance for any constants the declarations and validate() allow', loc);
  }
  checkInstance(model, inst);
  noteInstance(inst as object, model);
  return inst as Instance<unknown>;
}

/** Checks the instance's fields: init/next functions, invariants as { name: { holds } }, optional fields' types. */
export function checkInstance(model: Model, inst: unknown): asserts inst is Instance<unknown> {
  const fail = (key: string | undefined, message: string, hint?: string): never => {
    throw modelError(model, key, message, hint);
  };
  if (!isObject(inst)) {
    fail('instantiate', `instantiate() returned ${describeValue(inst)}, not an instance`, 'instantiate must return an object { init, next, invariants } (is a `return` missing?)');
  }
  const i = inst as Record<string, unknown>;
  for (const f of ['init', 'next'] as const) {
    if (typeof i[f] !== 'function') {
      const near = nearest(f, Object.keys(i).filter((k) => typeof i[k] === 'function'));
      fail(near ?? f, `the instance's ${f} is ${describeValue(i[f])}, not a function`, near ? `did you mean '${f}' (it has '${near}')?` : f === 'init' ? 'init() returns the initial states' : 'next(s) returns the labelled successors of s');
    }
  }
  // A misspelled field that carries a check (e.g. `invariant` or `invarients`) would drop that check.
  for (const k of Object.keys(i)) {
    const near = nearest(k, CHECKED_FIELDS);
    if (near && near !== k && !has(i, near)) fail(k, `the instance has a field '${k}' but no '${near}'`, `did you mean '${near}'?`);
  }
  if (!isObject(i.invariants)) {
    fail('invariants', `the instance's invariants is ${describeValue(i.invariants)}, not an object name → { description, holds }`, 'write invariants: { name: { description: "...", holds: (s) => boolean } } (or invariants: {} when the model states temporal properties)');
  }
  for (const [name, inv] of Object.entries(i.invariants as object)) {
    if (typeof inv === 'function') fail(name, `invariant '${name}' is a function, not { description, holds }`, `write ${name}: { description: '...', holds: <the function> }`);
    if (!isObject(inv)) fail(name, `invariant '${name}' is ${describeValue(inv)}, not { description, holds }`);
    if (typeof (inv as Record<string, unknown>).holds !== 'function') {
      const near = nearest('holds', Object.keys(inv as object));
      fail(name, `invariant '${name}' has no holds function`, near ? `did you mean 'holds' (it has '${near}')?` : `write ${name}: { description: '...', holds: (s) => boolean }`);
    }
  }
  for (const f of ['encode', 'decode', 'show', 'terminal'] as const) {
    if (i[f] !== undefined && typeof i[f] !== 'function') fail(f, `the instance's ${f} is ${describeValue(i[f])}, not a function`);
  }
  if (i.views !== undefined) {
    if (!isObject(i.views)) fail('views', `the instance's views is ${describeValue(i.views)}, not an object name → { type, get }`);
    for (const [name, v] of Object.entries(i.views as object)) {
      if (!isObject(v) || typeof v.get !== 'function' || !isObject(v.type) || typeof v.type.kind !== 'string') fail(name, `view '${name}' is not { type: { kind, ... }, get: (s) => value }`);
    }
  }
  if (i.sorts !== undefined) {
    if (!isObject(i.sorts)) fail('sorts', `the instance's sorts is ${describeValue(i.sorts)}, not an object sort → names`);
    for (const [name, names] of Object.entries(i.sorts as object)) {
      if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) fail(name, `sort '${name}' is ${describeValue(names)}, not an array of names`);
    }
  }
  if (i.symmetry !== undefined) {
    const sym = i.symmetry as Record<string, unknown>;
    if (!isObject(sym) || !Array.isArray(sym.sorts) || typeof sym.apply !== 'function') fail('symmetry', "the instance's symmetry is not { sorts: [...], apply: (s, perms) => state }");
  }
  if (i.temporal !== undefined) {
    if (!Array.isArray(i.temporal)) fail('temporal', `the instance's temporal is ${describeValue(i.temporal)}, not an array of properties`);
    (i.temporal as unknown[]).forEach((p, k) => {
      if (!isObject(p) || typeof p.name !== 'string') return fail('temporal', `temporal property ${k} has no name`, "write { name: '...', kind: 'eventually', p: (s) => boolean }");
      if (typeof p.kind !== 'string' || !TEMPORAL_KINDS.includes(p.kind)) fail(p.name, `temporal property '${p.name}' has kind ${describeValue(p.kind)}`, `the kinds are ${TEMPORAL_KINDS.join(', ')}`);
      if (typeof p.p !== 'function' || (p.kind === 'leadsto' && typeof p.q !== 'function')) fail(p.name, `temporal property '${p.name}' needs ${p.kind === 'leadsto' ? 'functions p and q' : 'a function p'} (state predicates)`);
      if (p.fairness !== undefined && !Array.isArray(p.fairness)) fail(p.name, `temporal property '${p.name}' has fairness ${describeValue(p.fairness)}, not an array`);
    });
  }
}

// ---------------------------------------------------------------------------------------------------------
// What init(), next() and show() return.

/** Checks init()'s result: a non-empty array of defined states. */
export function checkInits(inits: unknown, inst: unknown): asserts inits is readonly unknown[] {
  if (!Array.isArray(inits)) {
    const hint =
      isObject(inits) && typeof (inits as { then?: unknown }).then === 'function'
        ? 'init() must not be async: return the array itself'
        : inits !== undefined && inits !== null && typeof inits === 'object' && typeof (inits as Iterable<unknown>)[Symbol.iterator] === 'function'
          ? 'return an array (e.g. [...states])'
          : 'init() must return an array of states; for one initial state write init: () => [state]';
    throw modelError(inst, 'init', `init() returned ${describeValue(inits)}, not an array of states`, hint);
  }
  if (inits.length === 0) throw modelError(inst, 'init', 'init() returned no initial states', 'init() must return at least one state: a model without initial states has no behaviour to check');
  const k = inits.findIndex((s) => s === undefined);
  if (k >= 0) throw modelError(inst, 'init', `initial state ${k} is undefined`, 'init() must return an array of states');
}

/** Why an action label is malformed, or undefined. */
function actionProblem(a: unknown): { message: string; hint: string } | undefined {
  const shape = "an action is { kind: 'sends', actor?: 'p1', message?: { type: '2a', ... }, detail?: '...' }";
  if (typeof a === 'string') return { message: `the action is the string ${JSON.stringify(a)}, not an action object`, hint: `write action: { kind: ${JSON.stringify(a)} }; ${shape}` };
  if (!isObject(a)) return { message: `the action is ${describeValue(a)}, not an action object`, hint: shape };
  if (typeof a.kind !== 'string' || a.kind === '') {
    const fields = Object.keys(a);
    return {
      message: a.kind === undefined ? "the action has no 'kind'" : `the action's kind is ${describeValue(a.kind)}, not a non-empty string`,
      hint: a.kind === undefined && fields.length ? `it has the fields ${fields.join(', ')}; the verb goes in 'kind', e.g. { kind: 'sends', actor: 'p1' }` : shape,
    };
  }
  for (const f of ['actor', 'detail'] as const) {
    if (a[f] !== undefined && typeof a[f] !== 'string') return { message: `the action's ${f} is ${describeValue(a[f])}, not a string`, hint: shape };
  }
  const msgs: [string, unknown][] = a.message !== undefined ? [['message', a.message]] : [];
  if (a.received !== undefined) {
    if (!Array.isArray(a.received)) return { message: `the action's received is ${describeValue(a.received)}, not an array of messages`, hint: shape };
    msgs.push(...a.received.map((m, k): [string, unknown] => [`received[${k}]`, m]));
  }
  for (const [where, m] of msgs) {
    if (!isObject(m) || typeof m.type !== 'string') return { message: `the action's ${where} is ${describeValue(m)}, not a message { type, ...fields }`, hint: shape };
  }
  return undefined;
}

/**
 * Checks next()'s result: an array of { action, state } with a well-formed action label and a defined
 * state. `stateId` is the state's id in the search, so the error can say how it was reached.
 */
export function checkSteps(list: unknown, inst: unknown, stateId?: number): void {
  const stepShape = "a step is { action: { kind: 'sends', ... }, state: <the next state> }";
  if (!Array.isArray(list)) {
    const hint =
      isObject(list) && typeof (list as { then?: unknown }).then === 'function'
        ? 'next() must not be async: return the array itself'
        : isObject(list) && 'action' in list && 'state' in list
          ? 'wrap the step in an array: return [{ action, state }]'
          : list !== null && typeof list === 'object' && typeof (list as Iterable<unknown>)[Symbol.iterator] === 'function'
            ? 'return an array (e.g. [...steps]), not an iterator'
            : 'next(s) must return an array of { action, state }: [] when no step is enabled';
    throw modelError(inst, 'next', `next() returned ${describeValue(list)}, not an array of steps`, hint, stateId);
  }
  for (let k = 0; k < list.length; k++) {
    const st: unknown = list[k];
    if (!isObject(st)) {
      throw modelError(inst, 'next', `step ${k} of next() is ${describeValue(st)}, not { action, state }`, typeof st === 'string' ? `write { action: { kind: ${JSON.stringify(st)} }, state }; ${stepShape}` : stepShape, stateId);
    }
    for (const f of ['action', 'state'] as const) {
      if (st[f] === undefined) {
        const near = nearest(f, Object.keys(st));
        throw modelError(inst, 'next', `step ${k} of next() has no '${f}'`, near && near !== f ? `did you mean '${f}' (it has '${near}')?` : stepShape, stateId);
      }
    }
    const p = actionProblem(st.action);
    if (p) throw modelError(inst, 'next', `step ${k} of next(): ${p.message}`, p.hint, stateId);
  }
}

/** Calls show() and checks it gives an object (field → value). */
export function callShow<S>(inst: Instance<S>, s: S): unknown {
  let shown: unknown;
  try {
    shown = inst.show!(s);
  } catch (e) {
    if (e instanceof ClabError) throw e;
    const loc = thrownAt(e, inst);
    throw new ModelError(`${who(inst, loc)}show() threw an error: ${(e as Error)?.message ?? String(e)}`, 'show(s) must return a readable picture of any reachable state', loc);
  }
  if (!isObject(shown)) throw modelError(inst, 'show', `show() returned ${describeValue(shown)}, not an object field → value`, 'show(s) returns e.g. { round: s.round, decided: [...s.decided] }');
  return shown;
}

/**
 * Calls an invariant's holds() on a state and checks its answer can be read as a truth value. The search
 * reads truthiness, so `undefined` (a body in braces without `return`) would read as "violated" on every
 * state, and a Promise (an async holds) or a function as "holds" on every state, whatever the model does.
 */
export function checkHolds(inst: unknown, name: string, holds: (s: unknown) => unknown, s: unknown): void {
  let v: unknown;
  try {
    v = holds(s);
  } catch (e) {
    if (e instanceof ClabError) throw e;
    const loc = thrownAt(e, inst);
    throw new ModelError(`${who(inst, loc)}invariant '${name}' threw an error on an initial state: ${(e as Error)?.message ?? String(e)}`, undefined, loc);
  }
  const thenable = typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
  if (v === undefined || thenable || typeof v === 'function') {
    const hint = thenable ? 'holds(s) must not be async: return the boolean itself' : v === undefined ? 'holds(s) must return true or false (a function body in braces needs `return`)' : 'holds(s) must return true or false: call the function';
    throw modelError(inst, name, `invariant '${name}': holds() returned ${describeValue(v)}, not a boolean`, hint);
  }
}

// ---------------------------------------------------------------------------------------------------------
// After an exception: was it a malformed result rather than the model's own throw?

/** A shape error in init()'s result, or undefined (also when init() throws: that is the model's own error). */
export function initProblem<S>(inst: Instance<S>): ModelError | undefined {
  try {
    checkInits(inst.init(), inst);
    return undefined;
  } catch (e) {
    return e instanceof ModelError ? e : undefined;
  }
}

/** A shape error in next(s)'s result, or undefined. */
export function stepsProblem<S>(inst: Instance<S>, s: S, stateId?: number): ModelError | undefined {
  // An undefined state comes from a step without one: the search stored it and failed when expanding it.
  if (s === undefined) return modelError(inst, 'next', "a step of next() has no 'state' (the search met an undefined state)", "a step is { action: { kind: 'sends', ... }, state: <the next state> }");
  try {
    checkSteps(inst.next(s), inst, stateId);
    return undefined;
  } catch (e) {
    return e instanceof ModelError ? e : undefined;
  }
}

/**
 * Replays init() and next() down a recorded path (state ids and successor indices, as ParentTable.chain
 * gives them) and checks every result on the way, including the last state's successors: the first
 * malformed one, or undefined. A successor without a state, for example, only fails when the search
 * expands that undefined state, one level after the step that was wrong.
 */
export function pathProblem<S>(inst: Instance<S>, ids: readonly number[], indices: readonly number[]): ModelError | undefined {
  try {
    const inits = inst.init();
    checkInits(inits, inst);
    if (ids.length === 0) return undefined;
    let s = inits[indices[0]];
    for (let k = 0; k < ids.length; k++) {
      const list = inst.next(s);
      checkSteps(list, inst, ids[k]);
      if (k + 1 < ids.length) s = list[indices[k + 1]].state;
    }
    return undefined;
  } catch (e) {
    return e instanceof ModelError ? e : undefined;
  }
}
