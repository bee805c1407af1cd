// Resolves a model's constants: defaults, then overrides (from --const or a spec file), each parsed and
// validated against its declaration, then the model's own cross-constant check.

import { ClabError, suggest } from './errors.ts';
import type { ConstantDecl, Constants, ConstValue, Model } from './model.ts';

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
    if (typeof v !== 'number' || !Number.isInteger(v)) throw new ClabError(`constant '${name}' must be an integer, got ${JSON.stringify(v)}`);
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
  const out: Record<string, ConstValue> = {};
  for (const n of names) out[n] = model.constants[n].default;
  for (const [n, v] of Object.entries(overrides)) {
    const decl = model.constants[n];
    if (!decl) throw new ClabError(`model '${model.name}' has no constant '${n}'`, suggest(n, names, 'constants'));
    out[n] = checkConst(n, decl, v);
  }
  const problem = model.validate?.(out);
  if (problem) throw new ClabError(`invalid constants for '${model.name}': ${problem}`);
  return out;
}

/** Parses `k=v` pairs from the command line. */
export function parseConstArgs(model: Model, pairs: readonly string[]): Record<string, ConstValue> {
  const out: Record<string, ConstValue> = {};
  const names = Object.keys(model.constants);
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new ClabError(`--const expects name=value, got '${p}'`, `e.g. --const ${names[0] ?? 'n'}=3`);
    const name = p.slice(0, eq).trim();
    const decl = model.constants[name];
    if (!decl) throw new ClabError(`model '${model.name}' has no constant '${name}'`, suggest(name, names, 'constants'));
    out[name] = parseConstValue(name, decl, p.slice(eq + 1));
  }
  return out;
}
