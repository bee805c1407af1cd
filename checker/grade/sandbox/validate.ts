// The grader's checks on every answer of the sandbox: nothing the child sends is used before its shape is
// known. States and shown states are JSON data of bounded depth; actions are labels (trace/shape.ts);
// view types are the model API's; view values are converted to the spec language's run-time values (a set
// to an array of distinct elements, a map to a Map, an id to an index into its sort) and must fit their
// types. A problem is an AnswerError, which fails the check with what was wrong.

import type { ViewType } from '../../model.ts';
import { actionProblem } from '../../trace/shape.ts';

export class AnswerError extends Error {}

/** Deepest nesting of a state, and most elements of one view value (the instructor's predicates read them in the grader). */
export const MAX_DEPTH = 100;
export const MAX_VIEW_ELEMENTS = 10_000;
/** Most successors of one state, and the longest string anywhere in an answer. */
export const MAX_STEPS = 10_000;
export const MAX_STRING = 100_000;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws unless `v` is JSON data (as JSON.parse gives) nested at most MAX_DEPTH deep. */
/**
 * A canonical string for data that came from JSON.parse (the child's answers: no undefined, no functions, no
 * toJSON, no NaN): keys sorted, so it tells values apart exactly as canonicalJson (trace-file.ts) does, but
 * written directly instead of through JSON.stringify's replacer, which built a sorted copy of every object (a
 * fifth of the grader's time).
 */
export function canonicalData(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) out += (i > 0 ? ',' : '') + canonicalData(v[i]);
    return out + ']';
  }
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += (i > 0 ? ',' : '') + JSON.stringify(keys[i]) + ':' + canonicalData(o[keys[i]]);
  return out + '}';
}

export function checkData(v: unknown, what: string): void {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x === 'string') {
      if (x.length > MAX_STRING) throw new AnswerError(`${what}: a string longer than ${MAX_STRING} characters`);
      continue;
    }
    if (x === null || typeof x === 'number' || typeof x === 'boolean') continue;
    if (typeof x !== 'object') throw new AnswerError(`${what}: not JSON data`);
    if (d >= MAX_DEPTH) throw new AnswerError(`${what}: nested more than ${MAX_DEPTH} levels deep`);
    for (const y of Array.isArray(x) ? x : Object.values(x)) stack.push([y, d + 1]);
  }
}

export function checkAction(a: unknown, what: string): void {
  const p = actionProblem(a);
  if (p) throw new AnswerError(`${what}: ${p}`);
  checkData(a, what);
}

const KINDS = ['bool', 'int', 'string', 'id', 'set', 'seq', 'map', 'record'];

/** Throws unless `t` is a ViewType (model.ts). */
export function checkViewType(t: unknown, what: string, depth = 0): asserts t is ViewType {
  if (depth > 20) throw new AnswerError(`${what}: view type nested too deeply`);
  if (!isRecord(t) || typeof t.kind !== 'string' || !KINDS.includes(t.kind)) throw new AnswerError(`${what}: not a view type ({ kind: ${KINDS.map((k) => `'${k}'`).join(' | ')}, ... })`);
  const keys = (ks: string[]) => {
    for (const k of Object.keys(t)) if (k !== 'kind' && !ks.includes(k)) throw new AnswerError(`${what}: unexpected field '${k}' in a ${t.kind} type`);
  };
  switch (t.kind) {
    case 'id':
      keys(['sort']);
      if (typeof t.sort !== 'string') throw new AnswerError(`${what}: an id type needs a sort name`);
      return;
    case 'set':
    case 'seq':
      keys(['elem']);
      return checkViewType(t.elem, `${what}.elem`, depth + 1);
    case 'map':
      keys(['key', 'value']);
      checkViewType(t.key, `${what}.key`, depth + 1);
      return checkViewType(t.value, `${what}.value`, depth + 1);
    case 'record':
      keys(['fields']);
      if (!isRecord(t.fields)) throw new AnswerError(`${what}: a record type needs fields`);
      for (const [k, f] of Object.entries(t.fields)) checkViewType(f, `${what}.fields.${k}`, depth + 1);
      return;
    default:
      keys([]);
  }
}

/**
 * A view value from JSON to the spec language's run-time value for type `t`: bool, int (a safe integer),
 * string, id (an index into its sort), set (an array of distinct elements), seq (an array), map (a Map from
 * [key, value] pairs with distinct keys), record (an object with exactly the type's fields).
 */
export function viewValue(t: ViewType, v: unknown, sorts: Readonly<Record<string, readonly string[]>>, what: string, budget = { left: MAX_VIEW_ELEMENTS }): unknown {
  const bad = (expected: string): never => {
    throw new AnswerError(`${what}: expected ${expected}, got ${JSON.stringify(v)?.slice(0, 80) ?? String(v)}`);
  };
  if (--budget.left < 0) throw new AnswerError(`${what}: more than ${MAX_VIEW_ELEMENTS} elements`);
  switch (t.kind) {
    case 'bool':
      return typeof v === 'boolean' ? v : bad('a boolean');
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v) ? v : bad('an integer');
    case 'string':
      return typeof v === 'string' ? v : bad('a string');
    case 'id': {
      const n = sorts[t.sort]?.length;
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && (n === undefined || v < n) ? v : bad(`an index into sort '${t.sort}'${n === undefined ? '' : ` (0..${n - 1})`}`);
    }
    case 'set':
    case 'seq': {
      if (!Array.isArray(v)) return bad(`an array (a ${t.kind})`);
      const out = v.map((x, i) => viewValue(t.elem, x, sorts, `${what}[${i}]`, budget));
      if (t.kind === 'set' && new Set(out.map(canonicalData)).size !== out.length) throw new AnswerError(`${what}: a set with a repeated element`);
      return out;
    }
    case 'map': {
      if (!Array.isArray(v)) return bad('an array of [key, value] pairs (a map)');
      const m = new Map<unknown, unknown>();
      const seen = new Set<string>();
      v.forEach((p, i) => {
        if (!Array.isArray(p) || p.length !== 2) bad('[key, value] pairs');
        const k = viewValue(t.key, p[0], sorts, `${what}[${i}][0]`, budget);
        const key = canonicalData(k);
        if (seen.has(key)) throw new AnswerError(`${what}: a map with a repeated key`);
        seen.add(key);
        m.set(k, viewValue(t.value, p[1], sorts, `${what}[${i}][1]`, budget));
      });
      return m;
    }
    case 'record': {
      if (!isRecord(v)) return bad('an object (a record)');
      const out: Record<string, unknown> = Object.create(null);
      for (const [k, ft] of Object.entries(t.fields)) {
        if (!Object.hasOwn(v, k)) throw new AnswerError(`${what}: the record has no field '${k}'`);
        out[k] = viewValue(ft, v[k], sorts, `${what}.${k}`, budget);
      }
      return out;
    }
  }
}
