// Resolves a model's constants: defaults, then overrides (from --const or a spec file), each parsed and
// validated against its declaration, then the model's own cross-constant check.
// Constant names are the user's words, so they are looked up as own properties only and collected in
// null-prototype objects: `--const constructor=1` or `--const __proto__=1` is an unknown constant, and a
// model may declare a constant called `toString` without breaking anything.

import { ClabError, ModelError, suggest } from '../errors.ts';
import type { ConstantDecl, Constants, ConstValue, Model } from '../model.ts';
import { locateKey, thrownAt } from './model-origin.ts';

/** The declaration of constant `name`, if the model declares it (never an inherited property). */
export function constantDecl(model: Model, name: string): ConstantDecl | undefined {
  return Object.prototype.hasOwnProperty.call(model.constants, name) ? model.constants[name] : undefined;
}

/** An empty object for user-named keys: no prototype, so no name is special. */
export function nameTable<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** Parses a textual value (`3`, `true`, `fast`) for a constant. Throws ClabError on a bad value. */
export function parseConstValue(name: string, decl: ConstantDecl, text: string): ConstValue {
  const t = text.trim();
  switch (decl.kind) {
    case 'int': {
      if (!/^-?\d+$/.test(t)) throw new ClabError(`constant '${name}' must be an integer, got '${text}'`, describeDecl(decl));
      return checkConst(name, decl, Number(t));
    }
    case 'bool':
      if (t !== 'true' && t !== 'false') throw new ClabError(`constant '${name}' must be true or false, got '${text}'`);
      return t === 'true';
    case 'enum':
      if (!decl.values.includes(t)) throw new ClabError(`constant '${name}' must be one of ${decl.values.join(', ')}, got '${text}'`, suggest(t, decl.values, 'values'));
      return t;
  }
}

/** Checks a typed value against its declaration (type and bounds). */
export function checkConst(name: string, decl: ConstantDecl, v: ConstValue): ConstValue {
  if (decl.kind === 'int') {
    // String(): JSON.stringify writes NaN and Infinity as null.
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new ClabError(`constant '${name}' must be an integer, got ${typeof v === 'number' ? String(v) : JSON.stringify(v)}`);
    if ((decl.min !== undefined && v < decl.min) || (decl.max !== undefined && v > decl.max)) {
      throw new ClabError(`constant '${name}' = ${v} is out of range`, describeDecl(decl));
    }
  } else if (decl.kind === 'bool' && typeof v !== 'boolean') {
    throw new ClabError(`constant '${name}' must be true or false, got ${JSON.stringify(v)}`);
  } else if (decl.kind === 'enum' && (typeof v !== 'string' || !decl.values.includes(v))) {
    throw new ClabError(`constant '${name}' must be one of ${decl.values.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return v;
}

export function describeDecl(decl: ConstantDecl): string {
  if (decl.kind === 'int') {
    const lo = decl.min !== undefined ? `${decl.min}` : '';
    const hi = decl.max !== undefined ? `${decl.max}` : '';
    return lo || hi ? `allowed: ${lo}..${hi}` : 'an integer';
  }
  return decl.kind === 'bool' ? 'true or false' : `one of ${decl.values.join(', ')}`;
}

/** Defaults overridden by `overrides`, validated. Unknown names are errors with a suggestion. */
export function resolveConstants(model: Model, overrides: Readonly<Record<string, ConstValue>>): Constants {
  const names = Object.keys(model.constants);
  const out = nameTable<ConstValue>();
  for (const n of names) out[n] = model.constants[n].default;
  for (const [n, v] of Object.entries(overrides)) {
    const decl = constantDecl(model, n);
    if (!decl) throw new ClabError(`model '${model.name}' has no constant '${n}'`, suggest(n, names, 'constants'));
    out[n] = checkConst(n, decl, v);
  }
  if (model.validate === undefined) return out;
  let problem: unknown;
  try {
    problem = model.validate(out);
  } catch (e) {
    if (e instanceof ClabError) throw e;
    const loc = thrownAt(e, model);
    throw new ModelError(`model '${model.name}': validate() threw an error: ${(e as Error)?.message ?? String(e)}`, 'validate(constants) returns a message for an invalid combination, undefined otherwise', loc);
  }
  if (problem === undefined || problem === null || problem === '' || problem === false) return out;
  if (typeof problem !== 'string') {
    throw new ModelError(
      `model '${model.name}': validate() returned ${JSON.stringify(problem) ?? String(problem)}, not a message or undefined`,
      'validate(constants) returns a string saying what is wrong with an invalid combination, and undefined for a valid one',
      locateKey(model, 'validate'),
    );
  }
  throw new ClabError(`invalid constants for '${model.name}': ${problem}`);
}

/** Parses `k=v` pairs from the command line. */
export function parseConstArgs(model: Model, pairs: readonly string[]): Record<string, ConstValue> {
  const out = nameTable<ConstValue>();
  const names = Object.keys(model.constants);
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new ClabError(`--const expects name=value, got '${p}'`, `e.g. --const ${names[0] ?? 'n'}=3`);
    const name = p.slice(0, eq).trim();
    const decl = constantDecl(model, name);
    if (!decl) throw new ClabError(`model '${model.name}' has no constant '${name}'`, suggest(name, names, 'constants'));
    out[name] = parseConstValue(name, decl, p.slice(eq + 1));
  }
  return out;
}
