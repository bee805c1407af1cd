// Sweep parameters: `--param n=3..7`, `--param m=1,2`, `--param traitorCommander=yes,no` parsed against a
// model's constant declarations, and the grid of every combination (first parameter varies fastest).
// A range is never materialised: a parameter is its size and a function from index to value, and the
// grid is addressed by cell index, so `n=1..100000000` costs nothing until its cells are run. Only a grid
// whose cells cannot be numbered exactly (more than 2^53) is refused.

import { constantDecl, describeDecl, parseConstValue } from '../load/constants.ts';
import { ClabError, suggest } from '../errors.ts';
import type { ConstValue, Model } from '../model.ts';

export interface SweepParam {
  readonly name: string;
  /** How many values. */
  readonly size: number;
  /** The k-th value, 0 <= k < size. */
  at(k: number): ConstValue;
}

const RANGE = /^(-?\d+)\s*\.\.\s*(-?\d+)$/;

/** The first `n` values of a parameter (all of them by default): only for sizes already bounded. */
export function valuesOf(p: SweepParam, n = p.size): ConstValue[] {
  return Array.from({ length: Math.min(n, p.size) }, (_, k) => p.at(k));
}

/** Parses one `name=values` argument: an integer range `a..b`, a comma list, or a single value. */
export function parseParam(model: Model, text: string): SweepParam {
  const eq = text.indexOf('=');
  const names = Object.keys(model.constants);
  if (eq <= 0) throw new ClabError(`--param expects name=values, got '${text}'`, `e.g. --param ${names[0] ?? 'n'}=3..7 or --param ${names[0] ?? 'n'}=3,5`);
  const name = text.slice(0, eq).trim();
  const decl = constantDecl(model, name);
  if (!decl) throw new ClabError(`--param ${name}: model '${model.name}' has no constant '${name}'`, suggest(name, names, 'constants'));
  const spec = text.slice(eq + 1).trim();
  const range = RANGE.exec(spec);
  if (range) {
    if (decl.kind !== 'int') throw new ClabError(`--param ${name}=${spec}: a range needs an integer constant, '${name}' is ${describeDecl(decl)}`, `list the values instead, e.g. --param ${name}=a,b`);
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) throw new ClabError(`--param ${name}=${spec}: a bound is beyond the exact integers (±${Number.MAX_SAFE_INTEGER})`, `e.g. --param ${name}=3..7`);
    if (hi < lo) throw new ClabError(`--param ${name}=${spec}: the range is empty (${lo} > ${hi})`, `write the smaller bound first, e.g. --param ${name}=${hi}..${lo}`);
    // Every value of an integer range is valid when both ends are (declarations bound ints by min..max).
    for (const end of [lo, hi]) {
      try {
        parseConstValue(name, decl, String(end));
      } catch (e) {
        if (e instanceof ClabError) throw new ClabError(`--param ${name}=${spec}: ${e.message}`, e.hint);
        throw e;
      }
    }
    const size = hi - lo + 1;
    if (!Number.isSafeInteger(size)) throw new ClabError(`--param ${name}=${spec}: more than ${Number.MAX_SAFE_INTEGER} values`, 'narrow the range');
    return { name, size, at: (k) => lo + k };
  }
  const raw = spec.split(',').map((x) => x.trim());
  if (raw.some((x) => x === '')) throw new ClabError(`--param ${name}=${spec}: empty value`, `e.g. --param ${name}=3..7 or --param ${name}=3,5`);
  const values = raw.map((x) => parseConstValue(name, decl, x));
  if (new Set(values).size !== values.length) throw new ClabError(`--param ${name}=${spec}: a value is repeated`);
  return { name, size: values.length, at: (k) => values[k] };
}

export function parseParams(model: Model, texts: readonly string[], fixed: readonly string[]): SweepParam[] {
  if (texts.length === 0) throw new ClabError('sweep needs at least one --param', 'e.g. clab sweep om --param n=3..7 --param m=1..2');
  const params = texts.map((t) => parseParam(model, t));
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name)) throw new ClabError(`--param ${p.name} is given twice`, 'give each constant one --param (a list or a range)');
    seen.add(p.name);
  }
  for (const f of fixed) {
    const name = f.slice(0, Math.max(0, f.indexOf('='))).trim();
    if (seen.has(name)) throw new ClabError(`constant '${name}' is both swept (--param) and fixed (--const)`, 'drop one of them');
  }
  return params;
}

/** The number of cells; a ClabError when it cannot be counted exactly (the cells could not be numbered). */
export function gridSize(params: readonly SweepParam[]): number {
  let total = 1;
  for (const p of params) {
    total *= p.size;
    if (!Number.isSafeInteger(total)) {
      throw new ClabError(`the sweep has more than ${Number.MAX_SAFE_INTEGER} combinations (${params.map((q) => `${q.name}: ${q.size}`).join(', ')}): its cells cannot be numbered`, 'narrow the --param ranges');
    }
  }
  return total;
}

/** Cell `index` of the grid, as name → value; the first parameter varies fastest. */
export function comboAt(params: readonly SweepParam[], index: number): Record<string, ConstValue> {
  const out: Record<string, ConstValue> = {};
  let rest = index;
  for (const p of params) {
    out[p.name] = p.at(rest % p.size);
    rest = Math.floor(rest / p.size);
  }
  return out;
}

/** Every combination in grid order, one at a time. */
export function* grid(params: readonly SweepParam[]): Generator<Record<string, ConstValue>> {
  const total = gridSize(params);
  for (let k = 0; k < total; k++) yield comboAt(params, k);
}
