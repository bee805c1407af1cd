// Record shapes: a plain object with named fields, each with its own shape (`record({ maxBal: Ballot,
// maxVal: Value })`), and tagged unions of records, which is what a protocol's messages are
// (`messages({ '1a': { b: Ballot }, '2a': { b: Ballot, v: Value } })`, values `{ type: '2a', b: 1, v: 2 }`).
//
// Encoding writes the fields in declared order. A record or union whose fields are all finite is finite
// itself: its values are numbered in mixed radix (a union's types one after another, in declared order),
// which is the order sets keep their members in and the one word a member encodes as. Decoding builds the
// object with a literal made once per shape (generated code), so decoded values have the same layout as
// the literals a model writes and property reads on them stay fast. A union's values are interned by
// number: decoding a message returns the same object every time.

import type { Encoder } from '../state/encode.ts';
import type { Decoder } from '../state/decode.ts';
import { article, describeValue, rethrowWithin, ShapeError, sortsOf, touches, type FiniteShape, type Renaming, type Shape } from './shape.ts';
import { fieldStep, recordDecoder, recordEncoder, unionOrd, type UnionPart } from './generate.ts';

/** The value type a shape describes. */
export type ValueOf<S> = S extends Shape<infer T> ? T : never;

type Fields = Readonly<Record<string, Shape<any>>>;
type RecordOf<F extends Fields> = { readonly [K in keyof F]: ValueOf<F[K]> };
type AllFinite<F extends Fields> = F extends Readonly<Record<string, FiniteShape<any>>> ? true : false;

export type RecordShape<F extends Fields> = AllFinite<F> extends true ? FiniteShape<RecordOf<F>> : Shape<RecordOf<F>>;

/** A function that builds `{k0: a[0], k1: a[1], ...}` as one literal (generated once per field list). */
function literalBuilder(keys: readonly string[], prefix: Readonly<Record<string, unknown>> = {}): (vals: unknown[]) => any {
  const pre = Object.keys(prefix);
  const props = [...pre.map((k) => `${JSON.stringify(k)}: pre[${JSON.stringify(k)}]`), ...keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`)];
  return new Function('pre', `return (v) => ({ ${props.join(', ')} });`)(prefix) as (vals: unknown[]) => any;
}

export function record<F extends Fields>(fields: F): RecordShape<F> {
  const keys = Object.keys(fields);
  const shapes = keys.map((k) => fields[k]);
  const n = keys.length;
  const steps = keys.map(fieldStep);
  const build = literalBuilder(keys);
  const describe = `record {${keys.join(', ')}}`;
  const sorts = sortsOf(shapes);
  const base: Shape<any> = {
    describe,
    sorts,
    encode: recordEncoder(describe, keys, shapes),
    decode: recordDecoder(keys, shapes),
    show(x) {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) o[keys[i]] = shapes[i].show(x[keys[i]]);
      return o;
    },
    rename(x, ren) {
      if (!touches(base, ren)) return x;
      const v = new Array(n);
      for (let i = 0; i < n; i++) v[i] = shapes[i].rename(x[keys[i]], ren);
      return build(v);
    },
  };
  if (!shapes.every((s) => 'card' in s)) return base as RecordShape<F>;
  const fin = shapes as FiniteShape<unknown>[];
  const card = fin.reduce((c, s) => c * s.card, 1);
  if (card > 0x80000000) throw new RangeError(`${describe}: ${card} values, more than 2^31 (narrow the fields' ranges)`);
  return {
    ...base,
    card,
    ord(x) {
      if (typeof x !== 'object' || x === null) throw new ShapeError(`${describeValue(x)} is not ${article(describe)}`);
      let o = 0;
      let i = 0;
      try {
        for (; i < n; i++) o = o * fin[i].card + fin[i].ord(x[keys[i]]);
      } catch (e) {
        rethrowWithin(e, steps[i]);
      }
      return o;
    },
    val(j) {
      const v = new Array(n);
      for (let i = n - 1; i >= 0; i--) {
        v[i] = fin[i].val(j % fin[i].card);
        j = Math.floor(j / fin[i].card);
      }
      return build(v);
    },
  } as RecordShape<F>;
}

type Union<T extends Readonly<Record<string, Readonly<Record<string, FiniteShape<any>>>>>> = {
  [K in keyof T]: { readonly type: K } & { readonly [F in keyof T[K]]: ValueOf<T[K][F]> };
}[keyof T];

/** A message shape: the union's value type, plus its types' names. */
export interface MessageShape<M> extends FiniteShape<M> {
  readonly types: readonly string[];
  /** The message numbered i shown as traces print it (`{type: '1b', acc: 'a1', b: 2}`); the same object every time. */
  shown(m: M): { readonly type: string; readonly [field: string]: string | number | boolean | null };
}

/**
 * A tagged union of records with finite fields, discriminated by `type`: the messages of a protocol.
 * Values are plain objects `{ type, ...fields }` with the fields in declared order.
 */
export function messages<const T extends Readonly<Record<string, Readonly<Record<string, FiniteShape<any>>>>>>(types: T): MessageShape<Union<T>> {
  const names = Object.keys(types);
  if (names.length === 0) throw new RangeError('messages({...}): give at least one message type');
  interface Part {
    readonly type: string;
    readonly keys: readonly string[];
    readonly shapes: readonly FiniteShape<unknown>[];
    readonly offset: number;
    readonly card: number;
    readonly build: (v: unknown[]) => any;
  }
  const parts = new Map<string, Part>();
  const byOrder: Part[] = [];
  let offset = 0;
  for (const type of names) {
    const keys = Object.keys(types[type]);
    if (keys.includes('type')) throw new RangeError(`messages: type '${type}' declares a field named 'type', which is the tag`);
    const shapes = keys.map((k) => types[type][k] as FiniteShape<unknown>);
    for (const [i, s] of shapes.entries()) if (!('card' in s)) throw new RangeError(`messages: field '${keys[i]}' of '${type}' is ${(s as Shape<unknown>).describe}, which is not finite (use int(min, max), a sort, oneOf, bool)`);
    const card = shapes.reduce((c, s) => c * s.card, 1);
    const part: Part = { type, keys, shapes, offset, card, build: literalBuilder(keys, { type }) };
    parts.set(type, part);
    byOrder.push(part);
    offset += card;
    if (offset > 0x80000000) throw new RangeError(`messages: more than 2^31 messages (narrow the fields' ranges)`);
  }
  const card = offset;
  const describe = `message (${names.join(', ')})`;
  const sorts = sortsOf(byOrder.flatMap((p) => p.shapes));
  // Interned values and their pictures, by number: filled on first use.
  const interned: unknown[] = [];
  const pictures: any[] = [];

  const ord = unionOrd(
    byOrder as UnionPart[],
    (m) => {
      throw new ShapeError(`${describeValue(m)} is not ${article(describe)}`);
    },
    (m, pi, fi, e) => {
      const p = byOrder[pi];
      const problem = e instanceof ShapeError ? e.problem : `${describeValue(e)} is not ${article(p.shapes[fi].describe)}`;
      throw new ShapeError(`message ${describeValue(m)}: field ${p.keys[fi]}: ${problem}`);
    },
  );
  const partOf = (i: number): Part => {
    let lo = 0;
    let hi = byOrder.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (byOrder[mid].offset <= i) lo = mid;
      else hi = mid - 1;
    }
    return byOrder[lo];
  };
  const val = (i: number): any => {
    let m = interned[i];
    if (m === undefined) {
      if (!(i >= 0 && i < card && Math.floor(i) === i)) throw new RangeError(`message number ${i} outside 0..${card - 1}`);
      const p = partOf(i);
      let j = i - p.offset;
      const v = new Array(p.keys.length);
      for (let k = p.keys.length - 1; k >= 0; k--) {
        v[k] = p.shapes[k].val(j % p.shapes[k].card);
        j = Math.floor(j / p.shapes[k].card);
      }
      m = p.build(v);
      interned[i] = m;
    }
    return m;
  };
  const shownAt = (i: number): any => {
    let s = pictures[i];
    if (s === undefined) {
      const m = val(i);
      const p = parts.get(m.type)!;
      s = { type: p.type };
      for (let k = 0; k < p.keys.length; k++) s[p.keys[k]] = p.shapes[k].show(m[p.keys[k]]);
      pictures[i] = s;
    }
    return s;
  };
  return {
    describe,
    sorts,
    types: names,
    card,
    ord,
    val,
    encode: (m, w) => w.u32(ord(m)),
    decode: (r) => val(r.u32()),
    show: (m) => shownAt(ord(m)),
    shown: (m) => shownAt(ord(m)),
    rename(m: any, ren: Renaming) {
      const p = parts.get(m.type)!;
      let changed = false;
      const v = new Array(p.keys.length);
      for (let k = 0; k < p.keys.length; k++) {
        v[k] = p.shapes[k].rename(m[p.keys[k]], ren);
        if (v[k] !== m[p.keys[k]]) changed = true;
      }
      return changed ? p.build(v) : m;
    },
  };
}
