// The general generic encoder: any model data (model-data.ts) into the tagged words of tags.ts. It is
// the definition of the generic encoding; compile.ts writes the same words faster for states of a shape
// it has seen, and falls back here for any value that does not match. Ordered data is written in order
// (arrays, plain objects in their key order, immutable.js List, Stack, OrderedMap, OrderedSet, Records);
// unordered data canonically (native Map and Set, immutable.js Map and Set: entries sorted by their words);
// a value of a class that brings its own codec (model-data.ts, OWN_CODEC) by that codec.

import type { Encoder } from '../encoder.ts';
import { atomId, noteEmpty, ownCodecId, recordType, recordTypeId, shapeId, type OwnCodec } from './intern.ts';
import { cycleError, IMMUTABLE, NotModelData, notModelDataError, ownCodecOf, tooDeepError } from './model-data.ts';
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
  if (e instanceof RangeError) {
    if (!/call stack/.test(e.message)) return e;
    // Looking for a cycle recurses as the encoder did: on a state 100,000 deep it overflows too.
    try {
      return cycleError(root) ?? tooDeepError();
    } catch (again) {
      if (again instanceof RangeError) return tooDeepError();
      throw again;
    }
  }
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
  const id = shapeId(keys);
  if (id >= 0) {
    put(w, head(tag, id));
    for (let i = 0; i < keys.length; i++) encodeAny(o[keys[i]], w);
    return;
  }
  checkLength(o, keys.length);
  put(w, head(tag === Tag.Object ? Tag.KeyedObject : Tag.NullKeyedObject, keys.length));
  for (let i = 0; i < keys.length; i++) {
    encodeString(keys[i], w);
    encodeAny(o[keys[i]], w);
  }
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
// No closures are made per call here: tsx names every function it creates (a defineProperty each), which
// cost more than the sorting itself on small sets.

/** The runs being sorted: region[start[k]..end[k]) for run k (module state: the comparator reads it). */
let sortRegion = new Uint32Array(0);
let sortStart: number[] = [];
let sortEnd: number[] = [];

function compareRuns(p: number, q: number): number {
  const region = sortRegion;
  const ps = sortStart[p];
  const qs = sortStart[q];
  const pl = sortEnd[p] - ps;
  const ql = sortEnd[q] - qs;
  const m = pl < ql ? pl : ql;
  for (let i = 0; i < m; i++) {
    const d = region[ps + i] - region[qs + i];
    if (d !== 0) return d;
  }
  return pl - ql;
}

/** Sorts the runs of w.words[base..w.length) that begin at `starts` (absolute positions, ascending). */
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
  const from: number[] = new Array(n);
  const to: number[] = new Array(n);
  const order: number[] = new Array(n);
  for (let k = 0; k < n; k++) {
    from[k] = starts[k] - base;
    to[k] = k + 1 < n ? starts[k + 1] - base : end - base;
    order[k] = k;
  }
  // Saved and restored: a comparator never encodes, but keep the state of an enclosing sort intact anyway.
  const savedRegion = sortRegion;
  const savedStart = sortStart;
  const savedEnd = sortEnd;
  sortRegion = region;
  sortStart = from;
  sortEnd = to;
  if (n <= 16) {
    for (let i = 1; i < n; i++) {
      const k = order[i];
      let j = i - 1;
      while (j >= 0 && compareRuns(order[j], k) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = k;
    }
  } else order.sort(compareRuns);
  sortRegion = savedRegion;
  sortStart = savedStart;
  sortEnd = savedEnd;
  let at = base;
  for (let i = 0; i < n; i++) {
    const k = order[i];
    for (let x = from[k]; x < to[k]; x++) words[at++] = region[x];
  }
}

// The collection being encoded, for the forEach callbacks below (saved and restored around nested ones).
let visitW: Encoder | undefined;
let visitStarts: number[] | undefined;

/** forEach callback of an unordered collection of values: (value). */
function visitElement(x: unknown): void {
  visitStarts!.push(visitW!.length);
  encodeAny(x, visitW!);
}

/** forEach callback of an unordered keyed collection: (value, key), the pair written key first. */
function visitEntry(x: unknown, k: unknown): void {
  visitStarts!.push(visitW!.length);
  encodeAny(k, visitW!);
  encodeAny(x, visitW!);
}

/** forEach callback of an ordered collection of values. */
function visitOrdered(x: unknown): void {
  encodeAny(x, visitW!);
}

/** forEach callback of an ordered keyed collection. */
function visitOrderedEntry(x: unknown, k: unknown): void {
  encodeAny(k, visitW!);
  encodeAny(x, visitW!);
}

interface ForEachable {
  forEach(f: (x: unknown, k: unknown) => unknown): unknown;
}

/** Runs c.forEach(f) writing into w (and noting run starts when `starts` is given). */
function visitAll(c: ForEachable, f: (x: unknown, k: unknown) => void, w: Encoder, starts: number[] | undefined): void {
  const savedW = visitW;
  const savedStarts = visitStarts;
  visitW = w;
  visitStarts = starts;
  try {
    c.forEach(f);
  } finally {
    visitW = savedW;
    visitStarts = savedStarts;
  }
}

function encodeMap(m: ReadonlyMap<unknown, unknown>, w: Encoder): void {
  checkLength(m, m.size);
  put(w, head(Tag.Map, m.size));
  const base = w.length;
  const starts: number[] = [];
  visitAll(m as unknown as ForEachable, visitEntry, w, starts);
  sortRuns(w, base, starts);
}

function encodeSet(s: ReadonlySet<unknown>, w: Encoder): void {
  checkLength(s, s.size);
  put(w, head(Tag.Set, s.size));
  const base = w.length;
  const starts: number[] = [];
  visitAll(s as unknown as ForEachable, visitElement, w, starts);
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

/** What the values of a prototype are: a tag (IList ... IOrderedSet, Record), Own, or 0 for none of these. */
const kindOfProto = new Map<object | null, number>();

function kindOf(v: object): number {
  const o = v as Record<string, unknown>;
  if (o[IMMUTABLE.record]) return Tag.Record;
  if (!o[IMMUTABLE.collection] || o[IMMUTABLE.seq]) return ownCodecOf(v) ? Tag.Own : 0;
  const ordered = Boolean(o[IMMUTABLE.ordered]);
  if (o[IMMUTABLE.list]) return Tag.IList;
  if (o[IMMUTABLE.stack]) return Tag.IStack;
  if (o[IMMUTABLE.map]) return ordered ? Tag.IOrderedMap : Tag.IMap;
  if (o[IMMUTABLE.set]) return ordered ? Tag.IOrderedSet : Tag.ISet;
  return 0;
}

function encodeImmutable(v: object, w: Encoder): void {
  // By prototype: the marker properties are looked up once per class, not on every value.
  const proto = Object.getPrototypeOf(v) as object | null;
  let tag = kindOfProto.get(proto);
  if (tag === undefined) {
    tag = kindOf(v);
    kindOfProto.set(proto, tag);
  }
  if (tag === Tag.Record) {
    const rec = v as { get(k: string): unknown; toObject(): Record<string, unknown> };
    const id = recordTypeId(rec);
    checkLength(v, id);
    put(w, head(Tag.Record, id));
    const keys = recordType(id).keys;
    for (let i = 0; i < keys.length; i++) encodeAny(rec.get(keys[i]), w);
    return;
  }
  if (tag === Tag.Own) {
    const own = ownCodecOf(v) as OwnCodec;
    put(w, head(Tag.Own, ownCodecId(own)));
    own.encode(v, w);
    return;
  }
  if (tag === 0) throw new NotModelData(v);
  const c = v as unknown as Collection;
  // A collection from asMutable() can change after the state is stored (and noteEmpty's clear() would
  // empty it in place): refused, as immutable.js marks it with an owner.
  if ((v as { __ownerID?: unknown }).__ownerID !== undefined) throw new NotModelData(v, 'a mutable immutable.js collection (from asMutable()) is not model data');
  checkLength(v, c.size);
  noteEmpty(tag, c);
  put(w, head(tag as Tag, c.size));
  if (tag === Tag.IMap || tag === Tag.ISet) {
    const base = w.length;
    const starts: number[] = [];
    visitAll(c, tag === Tag.IMap ? visitEntry : visitElement, w, starts);
    sortRuns(w, base, starts);
  } else visitAll(c, tag === Tag.IOrderedMap ? visitOrderedEntry : visitOrdered, w, undefined);
}
