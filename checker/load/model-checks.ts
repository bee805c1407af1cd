// Shape checks for the model API (checker/model.ts), the declaration and the instance (what init(),
// next() and show() return is checked in step-checks.ts). A user's model is code the type checker may never have
// seen (a .ts file run without tsc), so the checker checks what it is given: the declaration when the model
// is loaded (constants, variants, faults), the instance instantiate() returns (required functions,
// invariants, optional fields), and what init(), next() and show() return. A model that breaks a rule gets
// a ModelError naming the field or function and, where its source can be found, the model's file:line,
// instead of a TypeError from deep inside the search (blamed on the checker) or a silently wrong count.
//
// Cost: the declaration and instance checks run once per instantiation. The step checks run only where
// the search already pays for a purity check (its sampled expansions), on the first initial states when a
// check is configured, and after an exception, to explain it: never on every successor.

import { ClabError, ModelError, nearest, suggest } from '../errors.ts';
import type { Instance, Model } from '../model.ts';
import { describeValue, has, isObject, modelError, noteInstance, thrownAt, who } from './model-origin.ts';


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
  if (m.topic !== undefined && (typeof m.topic !== 'string' || m.topic.trim() === '')) fail('topic', `the model's topic is ${describeValue(m.topic)}`, 'a topic is a non-empty string such as "Atomic commit", or leave it out');
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
    const explain = (inv as Record<string, unknown>).explain;
    if (explain !== undefined && typeof explain !== 'function') fail(name, `invariant '${name}' has explain ${describeValue(explain)}, not a function`, `write ${name}: { ..., explain: (s) => ['a line', ...] }`);
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
    if (sym.signatures !== undefined && typeof sym.signatures !== 'function') fail('signatures', `the symmetry's signatures is ${describeValue(sym.signatures)}, not a function (s, sort) => one number per member`);
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

