// Canonical packed encoding of states into 32-bit words. Fingerprints are hashes of these words, so an
// encoding must be injective on the states of one model instance: models with a hand-written `encode`
// write fixed-layout words; the generic encoder below tags every value with its type and length.

/** A reusable, growable word buffer. `reset()` before each state; read `words[0..length)`. */
export class Encoder {
  words: Uint32Array;
  length = 0;
  private readonly f64 = new Float64Array(1);
  private readonly f64w = new Uint32Array(this.f64.buffer);

  constructor(initial = 256) {
    this.words = new Uint32Array(initial);
  }

  reset(): this {
    this.length = 0;
    return this;
  }

  private grow(): void {
    const bigger = new Uint32Array(this.words.length * 2);
    bigger.set(this.words);
    this.words = bigger;
  }

  /** One 32-bit word (ints in -2^31..2^32 are kept exactly). */
  u32(x: number): void {
    if (this.length === this.words.length) this.grow();
    this.words[this.length++] = x;
  }

  int(x: number): void {
    this.u32(x | 0);
  }

  bool(x: boolean): void {
    this.u32(x ? 1 : 0);
  }

  /** A list of small ints, length-prefixed. */
  ints(xs: readonly number[]): void {
    this.u32(xs.length);
    for (let i = 0; i < xs.length; i++) this.u32(xs[i] | 0);
  }

  /** A number of any kind, exactly (two words of its float64 bits). */
  float(x: number): void {
    this.f64[0] = x;
    this.u32(this.f64w[0]);
    this.u32(this.f64w[1]);
  }

  /** A string, length-prefixed, one word per UTF-16 code unit. */
  str(s: string): void {
    this.u32(s.length);
    for (let i = 0; i < s.length; i++) this.u32(s.charCodeAt(i));
  }

  /** A copy of the encoded words. */
  snapshot(): Uint32Array {
    return this.words.slice(0, this.length);
  }
}

const enum Tag {
  Null = 1,
  Undefined,
  False,
  True,
  Int,
  Float,
  String,
  Array,
  Object,
  Set,
  Map,
}

/**
 * Generic structural encoding of plain data: null, booleans, numbers, strings, arrays, plain objects,
 * JS Sets and Maps, and immutable.js collections (through their `toJS`-free iteration).
 * Sets and Maps are canonicalised by sorting their encoded elements, so insertion order does not matter.
 * Plain objects are encoded in key order *with their keys*, so two equal objects built with different key
 * orders get different encodings: never a false merge, at worst a state counted twice.
 */
export function encodeValue(v: unknown, w: Encoder): void {
  if (v === null) return w.u32(Tag.Null);
  switch (typeof v) {
    case 'undefined':
      return w.u32(Tag.Undefined);
    case 'boolean':
      return w.u32(v ? Tag.True : Tag.False);
    case 'number':
      if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) {
        w.u32(Tag.Int);
        return w.int(v);
      }
      w.u32(Tag.Float);
      return w.float(v);
    case 'string':
      w.u32(Tag.String);
      return w.str(v);
    case 'object':
      break;
    default:
      throw new TypeError(`cannot encode a ${typeof v} in a state (states must be plain data)`);
  }
  if (Array.isArray(v)) {
    w.u32(Tag.Array);
    w.u32(v.length);
    for (const x of v) encodeValue(x, w);
    return;
  }
  const o = v as Record<string, unknown> & { [Symbol.iterator]?: unknown };
  if (v instanceof Set || isImmutableSetLike(o)) return encodeUnordered(Tag.Set, v as Iterable<unknown>, w, false);
  if (v instanceof Map || isImmutableMapLike(o)) return encodeUnordered(Tag.Map, (v as Map<unknown, unknown>).entries(), w, true);
  if (typeof o[Symbol.iterator] === 'function') {
    // immutable.js List / Seq and other ordered iterables
    const items = [...(v as Iterable<unknown>)];
    w.u32(Tag.Array);
    w.u32(items.length);
    for (const x of items) encodeValue(x, w);
    return;
  }
  if (typeof (o as { toObject?: unknown }).toObject === 'function' && typeof (o as { get?: unknown }).get === 'function') {
    // immutable.js Record
    return encodeValue((o as unknown as { toObject(): unknown }).toObject(), w);
  }
  const keys = Object.keys(o);
  w.u32(Tag.Object);
  w.u32(keys.length);
  for (const k of keys) {
    w.str(k);
    encodeValue(o[k], w);
  }
}

function isImmutableSetLike(o: object): boolean {
  return typeof (o as { union?: unknown }).union === 'function' && typeof (o as { has?: unknown }).has === 'function';
}

function isImmutableMapLike(o: object): boolean {
  return typeof (o as { mapKeys?: unknown }).mapKeys === 'function' && typeof (o as { entries?: unknown }).entries === 'function';
}

function encodeUnordered(tag: Tag, items: Iterable<unknown>, w: Encoder, pairs: boolean): void {
  const parts: Uint32Array[] = [];
  const sub = new Encoder(32);
  for (const item of items) {
    sub.reset();
    if (pairs) {
      const [k, val] = item as [unknown, unknown];
      encodeValue(k, sub);
      encodeValue(val, sub);
    } else encodeValue(item, sub);
    parts.push(sub.snapshot());
  }
  parts.sort(compareWords);
  w.u32(tag);
  w.u32(parts.length);
  for (const p of parts) {
    w.u32(p.length);
    for (let i = 0; i < p.length; i++) w.u32(p[i]);
  }
}

function compareWords(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
