// A generic encoder (and decoder) specialised to the shape of a model's states: from sampled states it
// learns a plan (which fields a plain object has, in which order, and what each holds: integer arrays,
// arrays of objects of one shape, numbers, strings) and compiles it into JavaScript functions that write
// the words straight into the buffer, with the key lists and head words as constants. Every node checks that
// the value in hand matches its plan (an object's prototype and exact key order, an array's elements) and
// otherwise encodes that value with the general encoder (encode-value.ts). The compiled code writes the
// very words the general encoder writes for every value it accepts, so switching between them, or a value
// that misses its plan, never changes a state's encoding: the plan only decides how fast it is written.

import type { Decoder } from '../decode.ts';
import type { Encoder } from '../encoder.ts';
import { decodeValue } from './decode-value.ts';
import { encodeAny, encodeArray, encodeString, encodingError } from './encode-value.ts';
import { atomString, shapeId } from './intern.ts';
import { head, PAYLOAD_LIMIT, Tag, TAG_BITS, TAG_MASK } from './tags.ts';

export type Plan =
  | { readonly kind: 'any' }
  | { readonly kind: 'number' }
  | { readonly kind: 'string' }
  /** An array every element of which was an integer 0..2^32-1 (written as a U32Array). */
  | { readonly kind: 'u32s' }
  /** An array of numbers, not all of them 0..2^32-1 (negative integers, fractions). */
  | { readonly kind: 'numbers' }
  /** An array seen empty only: what its elements are is not known yet. */
  | { readonly kind: 'empty' }
  /** An array whose elements are not all integers, each following `elem`. */
  | { readonly kind: 'array'; readonly elem: Plan }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly fields: readonly Plan[] };

const ANY: Plan = { kind: 'any' };
/** Plans deeper than this are cut to 'any' (a long list built as nested objects would compile to a deep tree). */
const MAX_DEPTH = 12;
/** Objects with more keys than this are left to the general encoder. */
const MAX_KEYS = 64;

/** The plan one value suggests. */
export function observe(v: unknown, depth = 0): Plan {
  if (depth > MAX_DEPTH) return ANY;
  if (typeof v === 'number') return { kind: 'number' };
  if (typeof v === 'string') return { kind: 'string' };
  if (typeof v !== 'object' || v === null) return ANY;
  const proto = Object.getPrototypeOf(v);
  if (proto === Array.prototype && Array.isArray(v)) {
    if (v.length === 0) return { kind: 'empty' };
    if (v.every((x) => typeof x === 'number')) return v.every((x) => x >>> 0 === x && !Object.is(x, -0)) ? { kind: 'u32s' } : { kind: 'numbers' };
    let elem: Plan | undefined;
    for (const x of v) {
      const p = observe(x, depth + 1);
      elem = elem ? merge(elem, p) : p;
    }
    return { kind: 'array', elem: elem ?? ANY };
  }
  if (proto === Object.prototype) {
    const keys = Object.keys(v);
    if (keys.length > MAX_KEYS) return ANY;
    return { kind: 'object', keys, fields: keys.map((k) => observe((v as Record<string, unknown>)[k], depth + 1)) };
  }
  return ANY;
}

/** A plan that fits what both plans fit (at worst 'any'). */
export function merge(a: Plan, b: Plan): Plan {
  if (a.kind === 'any' || b.kind === 'any') return ANY;
  const arrays = ['empty', 'u32s', 'numbers', 'array'];
  if (a.kind === 'empty' && arrays.includes(b.kind)) return b;
  if (b.kind === 'empty' && arrays.includes(a.kind)) return a;
  if ((a.kind === 'u32s' && b.kind === 'numbers') || (a.kind === 'numbers' && b.kind === 'u32s')) return { kind: 'numbers' };
  if (a.kind === 'object' && b.kind === 'object') {
    if (a.keys.length !== b.keys.length || a.keys.some((k, i) => k !== b.keys[i])) return ANY;
    return { kind: 'object', keys: a.keys, fields: a.fields.map((f, i) => merge(f, b.fields[i])) };
  }
  if (a.kind === 'array' && b.kind === 'array') return { kind: 'array', elem: merge(a.elem, b.elem) };
  // Number arrays that sometimes hold other values: arrays of anything.
  if (arrays.includes(a.kind) && arrays.includes(b.kind) && a.kind !== b.kind) return { kind: 'array', elem: ANY };
  return a.kind === b.kind ? a : ANY;
}

export type Encode = (v: unknown, w: Encoder) => void;

/** Compiles a plan into an encoder that writes the generic encoding (encode-value.ts) of any value. */
export function compile(plan: Plan): Encode {
  const fns: string[] = [];
  const consts: unknown[] = [];
  let next = 0;
  const constant = (x: unknown): string => {
    consts.push(x);
    return `c${consts.length - 1}`;
  };

  /** The name of a function `(v, w) => void` for the plan. */
  const emit = (p: Plan): string => {
    if (p.kind === 'any' || p.kind === 'empty') return 'encodeAny';
    if (p.kind === 'string') return 'encodeStr';
    if (p.kind === 'number') return 'encodeNum';
    if (p.kind === 'numbers') return 'encodeNums';
    const name = `e${next++}`;
    if (p.kind === 'u32s') {
      fns.push(`function ${name}(a, w) {
  if (typeof a !== 'object' || a === null || getProto(a) !== AP || !isArray(a)) return encodeAny(a, w);
  const n = a.length;
  if (n >= ${PAYLOAD_LIMIT}) return encodeAny(a, w);
  w.reserve(n + 1);
  const words = w.words;
  let at = w.length;
  words[at++] = (n << ${TAG_BITS}) | ${Tag.U32Array};
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (typeof x !== 'number' || x >>> 0 !== x || (x === 0 && 1 / x < 0)) return encodeAny(a, w);
    words[at++] = x;
  }
  w.length = at;
}`);
      return name;
    }
    if (p.kind === 'array') {
      const elem = emit(p.elem);
      // An array with a non-number element is never packed, so its head is Array when a[0] is no number.
      fns.push(`function ${name}(a, w) {
  if (typeof a !== 'object' || a === null || getProto(a) !== AP || !isArray(a)) return encodeAny(a, w);
  const n = a.length;
  if (n === 0 || n >= ${PAYLOAD_LIMIT} || typeof a[0] === 'number') return encodeAny(a, w);
  put(w, (n << ${TAG_BITS}) | ${Tag.Array});
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (x === undefined && !(i in a)) put(w, ${Tag.Hole});
    else ${elem}(x, w);
  }
}`);
      return name;
    }
    const id = shapeId(p.keys);
    if (id < 0) return 'encodeAny'; // a key list the full shape table does not hold: written out
    const keys = constant(p.keys);
    const fields = p.fields.map(emit);
    const h = head(Tag.Object, id);
    fns.push(`function ${name}(v, w) {
  if (typeof v !== 'object' || v === null || getProto(v) !== OP) return encodeAny(v, w);
  let n = 0;
  for (const k in v) {
    if (k !== ${keys}[n]) return encodeAny(v, w);
    n++;
  }
  if (n !== ${p.keys.length}) return encodeAny(v, w);
  put(w, ${h});
${p.keys.map((k, i) => `  ${fields[i]}(v[${JSON.stringify(k)}], w);`).join('\n')}
}`);
    return name;
  };

  const root = emit(plan);
  const source = `"use strict";
${fns.join('\n')}
return function encodeState(v, w) {
  try {
    ${root}(v, w);
  } catch (e) {
    throw encodingError(v, e);
  }
};`;
  const args = ['encodeAny', 'encodeStr', 'encodeNum', 'encodeNums', 'encodingError', 'put', 'getProto', 'isArray', 'OP', 'AP', ...consts.map((_, i) => `c${i}`)];
  const make = new Function(...args, source) as (...xs: unknown[]) => Encode;
  return make(encodeAny, encodeStr, encodeNum, encodeNums, encodingError, put, Object.getPrototypeOf, Array.isArray, Object.prototype, Array.prototype, ...consts);
}

export type Decode = (r: Decoder) => unknown;

/**
 * Compiles a plan into a decoder for the generic encoding: each node checks the head word it meets
 * (the tag, and an object's shape id) and reads it with code for its plan, or hands it to the general
 * decoder. Objects are built as literals with their keys in order, so decoded states share the hidden
 * classes the model's own literals have, and the model's next() runs on them at its usual speed.
 */
export function compileDecoder(plan: Plan): Decode {
  const fns: string[] = [];
  let next = 0;
  const emit = (p: Plan): string => {
    if (p.kind === 'any' || p.kind === 'empty' || p.kind === 'numbers') return 'decodeAny';
    const name = `d${next++}`;
    if (p.kind === 'number') {
      fns.push(`function ${name}(r) {
  const h = r.words[r.pos];
  if ((h & ${TAG_MASK}) !== ${Tag.Small}) return decodeAny(r);
  r.pos++;
  return h >>> ${TAG_BITS};
}`);
      return name;
    }
    if (p.kind === 'string') {
      fns.push(`function ${name}(r) {
  const h = r.words[r.pos];
  if ((h & ${TAG_MASK}) !== ${Tag.Atom}) return decodeAny(r);
  r.pos++;
  return atomString(h >>> ${TAG_BITS});
}`);
      return name;
    }
    if (p.kind === 'u32s') {
      fns.push(`function ${name}(r) {
  const words = r.words;
  let at = r.pos;
  const h = words[at++];
  if ((h & ${TAG_MASK}) !== ${Tag.U32Array}) return decodeAny(r);
  const n = h >>> ${TAG_BITS};
  const a = new Array(n);
  for (let i = 0; i < n; i++) a[i] = words[at++];
  r.pos = at;
  return a;
}`);
      return name;
    }
    if (p.kind === 'array') {
      const elem = emit(p.elem);
      fns.push(`function ${name}(r) {
  const h = r.words[r.pos];
  if ((h & ${TAG_MASK}) !== ${Tag.Array}) return decodeAny(r);
  r.pos++;
  const n = h >>> ${TAG_BITS};
  const a = [];
  for (let i = 0; i < n; i++) {
    if (r.words[r.pos] === ${Tag.Hole}) {
      r.pos++;
      a.length = i + 1;
    } else a.push(${elem}(r));
  }
  return a;
}`);
      return name;
    }
    const id = shapeId(p.keys);
    if (id < 0) return 'decodeAny';
    const fields = p.fields.map(emit);
    const h = head(Tag.Object, id);
    // Computed keys: a literal `__proto__:` would set the prototype instead of making a key.
    fns.push(`function ${name}(r) {
  if (r.words[r.pos] !== ${h}) return decodeAny(r);
  r.pos++;
  return {${p.keys.map((k, i) => `[${JSON.stringify(k)}]: ${fields[i]}(r)`).join(', ')}};
}`);
    return name;
  };
  const root = emit(plan);
  const source = `"use strict";
${fns.join('\n')}
return ${root};`;
  return new Function('decodeAny', 'atomString', source)(decodeValue, atomString) as Decode;
}

function put(w: Encoder, word: number): void {
  if (w.length === w.words.length) w.reserve(1);
  w.words[w.length++] = word;
}

function encodeStr(x: unknown, w: Encoder): void {
  if (typeof x === 'string') encodeString(x, w);
  else encodeAny(x, w);
}

/** An array of numbers: the general array encoder without the general dispatch on the value's type. */
function encodeNums(a: unknown, w: Encoder): void {
  if (typeof a === 'object' && a !== null && Object.getPrototypeOf(a) === Array.prototype && Array.isArray(a)) encodeArray(a, w);
  else encodeAny(a, w);
}

/** A number field: a small non-negative integer in one word here, anything else by the general encoder. */
function encodeNum(x: unknown, w: Encoder): void {
  if (typeof x === 'number' && x >>> 0 === x && x < PAYLOAD_LIMIT && (x !== 0 || 1 / x > 0)) put(w, (x << TAG_BITS) | Tag.Small);
  else encodeAny(x, w);
}
