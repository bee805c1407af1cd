// The general generic encoder: any model data (model-data.ts) into the tagged words of tags.ts. It is
// the definition of the generic encoding; compile.ts writes the same words faster for states of a shape
// it has seen, and falls back here for any value that does not match. Ordered data is written in order
// (arrays, plain objects in their key order, immutable.js List, Stack, OrderedMap, OrderedSet, Records);
// unordered data canonically (native Map and Set, immutable.js Map and Set: entries sorted by their words);
// a value of a class that brings its own codec (model-data.ts, OWN_CODEC) by that codec.

import type { Encoder } from '../encoder.ts';
import { atomId, noteEmpty, ownCodecId, recordType, recordTypeId, shapeId, type OwnCodec } from './intern.ts';
import { cycleError, IMMUTABLE, NotModelData, notModelDataError, ownCodecOf } from './model-data.ts';
import { head, PAYLOAD_LIMIT, Tag, TAG_BITS } from './tags.ts';

const f64 = new Float64Array(1);
const f64w = new Uint32Array(f64.buffer);

/**
 * The generic encoding of `v` appended to `w`. A value that is not model data is a ModelError naming its
 * place in the state; so is a state that contains itself.
 */
export function encodeValue(v: unknown, w: Encoder): void {
  try {
    encodeAny(v, w);
  } catch (e) {
    throw encodingError(v, e);
  }
}

/** The error to report for an exception `e` thrown while encoding `root` (exported for compile.ts). */
export function encodingError(root: unknown, e: unknown): unknown {
  if (e instanceof NotModelData) return notModelDataError(root, e);
  if (e instanceof RangeError) return cycleError(root) ?? e;
  return e;
}

function put(w: Encoder, word: number): void {
  if (w.length === w.words.length) w.reserve(1);
  w.words[w.length++] = word;
}

/** Any model data (the recursive worker; exported for compile.ts's fallbacks). */
export function encodeAny(v: unknown, w: Encoder): void {
  switch (typeof v) {
    case 'number':
      return encodeNumber(v, w);
    case 'string':
      return encodeString(v, w);
    case 'boolean':
      return put(w, v ? Tag.True : Tag.False);
    case 'undefined':
      return put(w, Tag.Undefined);
    case 'object':
      if (v === null) return put(w, Tag.Null);
      return encodeObject(v, w);
    case 'bigint':
      return encodeBigInt(v, w);
    default:
      throw new NotModelData(v);
  }
}

export function encodeNumber(x: number, w: Encoder): void {
  w.reserve(3);
  const words = w.words;
  if (x >>> 0 === x) {
    // An integer 0..2^32-1, or -0 (which is a Float: it is a different number to Object.is and 1/x).
    if (x < PAYLOAD_LIMIT) {
      if (x !== 0 || 1 / x > 0) {
        words[w.length++] = (x << TAG_BITS) | Tag.Small;
        return;
      }
    } else {
      words[w.length++] = x <= 0x7fffffff ? Tag.Int32 : Tag.Uint32;
      words[w.length++] = x;
      return;
    }
  } else if ((x | 0) === x) {
    words[w.length++] = Tag.Int32;
    words[w.length++] = x;
    return;
  } else if (x !== x) {
    words[w.length++] = Tag.NaN;
    return;
  }
  f64[0] = x;
  words[w.length++] = Tag.Float;
  words[w.length++] = f64w[0];
  words[w.length++] = f64w[1];
}

export function encodeString(s: string, w: Encoder): void {
  const id = atomId(s);
  if (id >= 0) return put(w, head(Tag.Atom, id));
  const n = s.length;
  if (n >= PAYLOAD_LIMIT) throw new NotModelData(s, `a string of ${n} characters is longer than the encoding allows`);
  w.reserve(1 + ((n + 1) >>> 1));
  const words = w.words;
  let at = w.length;
  words[at++] = head(Tag.String, n);
  for (let i = 0; i < n; i += 2) words[at++] = s.charCodeAt(i) | (i + 1 < n ? s.charCodeAt(i + 1) << 16 : 0);
  w.length = at;
}

function encodeBigInt(x: bigint, w: Encoder): void {
  let m = x < 0n ? -x : x;
  const limbs: number[] = [];
  while (m > 0n) {
    limbs.push(Number(m & 0xffffffffn));
    m >>= 32n;
  }
  if (limbs.length * 2 + 1 >= PAYLOAD_LIMIT) throw new NotModelData(x, 'a bigint this large is beyond the encoding');
  put(w, head(Tag.BigInt, limbs.length * 2 + (x < 0n ? 1 : 0)));
  for (const l of limbs) put(w, l);
}

function checkLength(v: unknown, n: number): void {
  if (n >= PAYLOAD_LIMIT) throw new NotModelData(v, `a collection of ${n} elements is larger than the encoding allows`);
}

function encodeObject(v: object, w: Encoder): void {
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype) return encodePlain(v as Record<string, unknown>, Tag.Object, w);
  if (proto === Array.prototype && Array.isArray(v)) return encodeArray(v, w);
  if (proto === null) return encodePlain(v as Record<string, unknown>, Tag.NullObject, w);
  if (proto === Map.prototype) return encodeMap(v as Map<unknown, unknown>, w);
  if (proto === Set.prototype) return encodeSet(v as Set<unknown>, w);
  return encodeImmutable(v, w);
}

function encodePlain(o: Record<string, unknown>, tag: Tag, w: Encoder): void {
  const keys = Object.keys(o);
  put(w, head(tag, shapeId(keys)));
  for (let i = 0; i < keys.length; i++) encodeAny(o[keys[i]], w);
}

/** An array: packed words when every element is a 32-bit integer, else each element tagged. */
export function encodeArray(a: readonly unknown[], w: Encoder): void {
  const n = a.length;
  checkLength(a, n);
  let u32 = true;
  let i32 = true;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    // typeof first: the bit operators would call an object's valueOf (or throw on a bigint or a symbol).
    if (typeof x !== 'number' || (x === 0 && 1 / x < 0)) {
      u32 = i32 = false;
      break;
    }
    if (x >>> 0 !== x) u32 = false;
    if ((x | 0) !== x) i32 = false;
    if (!u32 && !i32) break;
  }
  if (u32 || i32) {
    w.reserve(n + 1);
    const words = w.words;
    let at = w.length;
    words[at++] = head(u32 ? Tag.U32Array : Tag.I32Array, n);
    for (let i = 0; i < n; i++) words[at++] = a[i] as number;
    w.length = at;
    return;
  }
  put(w, head(Tag.Array, n));
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (x === undefined && !(i in a)) put(w, Tag.Hole);
    else encodeAny(x, w);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Unordered collections: the elements (or key-value pairs) are encoded one after another, then their
// word runs are sorted and written back in that order. Encodings are self-delimiting, so the sorted runs
// still parse, and the result does not depend on the order the collection was built in.

function sortRuns(w: Encoder, base: number, starts: number[]): void {
  const end = w.length;
  const n = starts.length;
  if (n < 2) return;
  const words = w.words;
  if (end - base === n) {
    // One word each (small integers, atoms, ...): a numeric sort of the words is the lexicographic one.
    words.subarray(base, end).sort();
    return;
  }
  const region = words.slice(base, end);
  const order = Array.from({ length: n }, (_, i) => i);
  const startOf = (k: number) => starts[k] - base;
  const endOf = (k: number) => (k + 1 < n ? starts[k + 1] : end) - base;
  order.sort((p, q) => {
    const ps = startOf(p);
    const qs = startOf(q);
    const pl = endOf(p) - ps;
    const ql = endOf(q) - qs;
    const m = Math.min(pl, ql);
    for (let i = 0; i < m; i++) {
      const d = region[ps + i] - region[qs + i];
      if (d !== 0) return d;
    }
    return pl - ql;
  });
  let at = base;
  for (const k of order) {
    const s = startOf(k);
    const e = endOf(k);
    words.set(region.subarray(s, e), at);
    at += e - s;
  }
}

function encodeMap(m: ReadonlyMap<unknown, unknown>, w: Encoder): void {
  checkLength(m, m.size);
  put(w, head(Tag.Map, m.size));
  const base = w.length;
  const starts: number[] = [];
  for (const [k, x] of m) {
    starts.push(w.length);
    encodeAny(k, w);
    encodeAny(x, w);
  }
  sortRuns(w, base, starts);
}

function encodeSet(s: ReadonlySet<unknown>, w: Encoder): void {
  checkLength(s, s.size);
  put(w, head(Tag.Set, s.size));
  const base = w.length;
  const starts: number[] = [];
  for (const x of s) {
    starts.push(w.length);
    encodeAny(x, w);
  }
  sortRuns(w, base, starts);
}

// ---------------------------------------------------------------------------------------------------------
// immutable.js, recognised by the marker properties every immutable.js version since 4 sets on its
// prototypes (so a model's own copy of the package is recognised too).

interface Collection {
  readonly size: number;
  forEach(f: (x: unknown, k: unknown) => unknown): number;
  clear(): unknown;
}

function encodeImmutable(v: object, w: Encoder): void {
  const o = v as Record<string, unknown>;
  if (o[IMMUTABLE.record]) {
    const rec = v as { get(k: string): unknown; toObject(): Record<string, unknown> };
    const id = recordTypeId(rec);
    checkLength(v, id);
    put(w, head(Tag.Record, id));
    const { keys } = recordType(id);
    for (let i = 0; i < keys.length; i++) encodeAny(rec.get(keys[i]), w);
    return;
  }
  if (!o[IMMUTABLE.collection] || o[IMMUTABLE.seq]) {
    const own = ownCodecOf(v) as OwnCodec | undefined;
    if (!own) throw new NotModelData(v);
    put(w, head(Tag.Own, ownCodecId(own)));
    own.encode(v, w);
    return;
  }
  const c = v as unknown as Collection;
  checkLength(v, c.size);
  const ordered = Boolean(o[IMMUTABLE.ordered]);
  let tag: Tag;
  if (o[IMMUTABLE.list]) tag = Tag.IList;
  else if (o[IMMUTABLE.stack]) tag = Tag.IStack;
  else if (o[IMMUTABLE.map]) tag = ordered ? Tag.IOrderedMap : Tag.IMap;
  else if (o[IMMUTABLE.set]) tag = ordered ? Tag.IOrderedSet : Tag.ISet;
  else throw new NotModelData(v);
  noteEmpty(tag, c);
  put(w, head(tag, c.size));
  const keyed = tag === Tag.IMap || tag === Tag.IOrderedMap;
  if (tag !== Tag.IMap && tag !== Tag.ISet) {
    c.forEach((x, k) => {
      if (keyed) encodeAny(k, w);
      encodeAny(x, w);
    });
    return;
  }
  const base = w.length;
  const starts: number[] = [];
  c.forEach((x, k) => {
    starts.push(w.length);
    if (keyed) encodeAny(k, w);
    encodeAny(x, w);
  });
  sortRuns(w, base, starts);
}
