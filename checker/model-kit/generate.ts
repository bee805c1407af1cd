// Generated code for the kit's hot paths: a record's encode and decode, and a message union's numbering.
// Each runs once per state or message field on every successor, so instead of looping over the fields and
// calling each field's shape, the kit writes one straight-line function per record or union when the
// shape is made (with `new Function`, from the field names and ranges only: no model code is compiled).
// Integer and id fields (`intRange`) are range-checked and written inline; other fields call their shape.
// The generated functions throw the same ShapeErrors, with the same paths, as the generic code would.

import type { Encoder } from '../state/encode.ts';
import type { Decoder } from '../state/decode.ts';
import { article, describeValue, rethrowWithin, ShapeError, type FiniteShape, type Shape } from './shape.ts';

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `.name` or `["name"]`: how a path shows a field. */
export const fieldStep = (k: string): string => (IDENT.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`);

const prop = (k: string): string => `[${JSON.stringify(k)}]`;

/** The inline range test for an int field held in `v`, or undefined when the shape has no intRange. */
function rangeTest(s: Shape<unknown>, v: string): string | undefined {
  const r = (s as FiniteShape<unknown>).intRange;
  return r ? `(${v} >= ${r.min} && ${v} <= ${r.max} && Math.floor(${v}) === ${v})` : undefined;
}

/** encode(x, w) for a record with these fields, in this order. */
export function recordEncoder(describe: string, keys: readonly string[], shapes: readonly Shape<unknown>[]): (x: any, w: Encoder) => void {
  const body: string[] = [];
  keys.forEach((k, i) => {
    body.push(`f = ${i}; v = x${prop(k)};`);
    const test = rangeTest(shapes[i], 'v');
    body.push(test ? `if (!${test}) bad(${i}, v); w.int(v);` : `S[${i}].encode(v, w);`);
  });
  const bad = (i: number, v: unknown): never => {
    throw new ShapeError(`${describeValue(v)} is not ${article(shapes[i].describe)}`);
  };
  const notRecord = (x: unknown): never => {
    throw new ShapeError(`${describeValue(x)} is not ${article(describe)}`);
  };
  const steps = keys.map(fieldStep);
  const src = `return function encode(x, w) {
    if (typeof x !== 'object' || x === null) notRecord(x);
    let f = 0, v;
    try { ${body.join('\n')} } catch (e) { rethrow(e, steps[f]); }
  };`;
  return new Function('S', 'bad', 'notRecord', 'rethrow', 'steps', src)(shapes, bad, notRecord, rethrowWithin, steps);
}

/** decode(r) for a record with these fields: one object literal, fields in declared order. */
export function recordDecoder(keys: readonly string[], shapes: readonly Shape<unknown>[], prefix: Readonly<Record<string, unknown>> = {}): (r: Decoder) => any {
  const props = [
    ...Object.keys(prefix).map((k) => `${JSON.stringify(k)}: pre${prop(k)}`),
    ...keys.map((k, i) => `${JSON.stringify(k)}: ${(shapes[i] as FiniteShape<unknown>).intRange ? 'r.int()' : `S[${i}].decode(r)`}`),
  ];
  return new Function('S', 'pre', `return function decode(r) { return { ${props.join(', ')} }; };`)(shapes, prefix);
}

/** One type of a message union: its tag, fields, and where its numbers start. */
export interface UnionPart {
  readonly type: string;
  readonly keys: readonly string[];
  readonly shapes: readonly FiniteShape<unknown>[];
  readonly offset: number;
}

/** ord(m) for a tagged union: offset of m's type plus its fields in mixed radix. */
export function unionOrd(parts: readonly UnionPart[], notMember: (m: unknown) => never, badField: (m: unknown, part: number, field: number, e: unknown) => never): (m: any) => number {
  const cases = parts.map((p, pi) => {
    const lines = p.keys.map((k, i) => {
      const s = p.shapes[i];
      const test = rangeTest(s, 'x');
      const r = s.intRange;
      const get = `x = m${prop(k)};`;
      if (test) return `${get} if (!${test}) return badField(m, ${pi}, ${i}, x); o = o * ${s.card} + (x - ${r!.min});`;
      return `${get} try { k = P[${pi}].shapes[${i}].ord(x); } catch (e) { return badField(m, ${pi}, ${i}, e); } o = o * ${s.card} + k;`;
    });
    return `case ${JSON.stringify(p.type)}: { ${lines.join(' ')} return ${p.offset} + o; }`;
  });
  const src = `return function ord(m) {
    if (typeof m !== 'object' || m === null) return notMember(m);
    let o = 0, x, k;
    switch (m.type) { ${cases.join('\n')} default: return notMember(m); }
  };`;
  return new Function('P', 'notMember', 'badField', src)(parts, notMember, badField);
}
