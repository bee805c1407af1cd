// Sweep parameters: `--param n=3..7`, `--param m=1,2`, `--param traitorCommander=yes,no` parsed against a
// model's constant declarations, and the grid of every combination (first parameter varies fastest).

import { describeDecl, parseConstValue } from '../constants.ts';
import { ClabError, suggest } from '../errors.ts';
import type { ConstValue, Model } from '../model.ts';

export interface SweepParam {
  readonly name: string;
  readonly values: readonly ConstValue[];
}

const RANGE = /^(-?\d+)\s*\.\.\s*(-?\d+)$/;

/** Parses one `name=values` argument: an integer range `a..b`, a comma list, or a single value. */
export function parseParam(model: Model, text: string): SweepParam {
  const eq = text.indexOf('=');
  const names = Object.keys(model.constants);
  if (eq <= 0) throw new ClabError(`--param expects name=values, got '${text}'`, `e.g. --param ${names[0] ?? 'n'}=3..7 or --param ${names[0] ?? 'n'}=3,5`);
  const name = text.slice(0, eq).trim();
  const decl = model.constants[name];
  if (!decl) throw new ClabError(`--param ${name}: model '${model.name}' has no constant '${name}'`, suggest(name, names, 'constants'));
  const spec = text.slice(eq + 1).trim();
  const range = RANGE.exec(spec);
  let raw: string[];
  if (range) {
    if (decl.kind !== 'int') throw new ClabError(`--param ${name}=${spec}: a range needs an integer constant, '${name}' is ${describeDecl(decl)}`, `list the values instead, e.g. --param ${name}=a,b`);
    const lo = Number(range[1]);
    const hi = Number(range[2]);
    if (hi < lo) throw new ClabError(`--param ${name}=${spec}: the range is empty (${lo} > ${hi})`, `write the smaller bound first, e.g. --param ${name}=${hi}..${lo}`);
    raw = Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
  } else {
    raw = spec.split(',').map((x) => x.trim());
    if (raw.some((x) => x === '')) throw new ClabError(`--param ${name}=${spec}: empty value`, `e.g. --param ${name}=3..7 or --param ${name}=3,5`);
  }
  const values = raw.map((x) => parseConstValue(name, decl, x));
  if (new Set(values).size !== values.length) throw new ClabError(`--param ${name}=${spec}: a value is repeated`);
  return { name, values };
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

/** Every combination, as name → value records; the first parameter varies fastest. */
export function grid(params: readonly SweepParam[]): Record<string, ConstValue>[] {
  let out: Record<string, ConstValue>[] = [{}];
  for (let k = params.length - 1; k >= 0; k--) {
    const p = params[k];
    out = out.flatMap((partial) => p.values.map((v) => ({ ...partial, [p.name]: v })));
  }
  return out.map((combo) => Object.fromEntries(params.map((p) => [p.name, combo[p.name]])));
}
