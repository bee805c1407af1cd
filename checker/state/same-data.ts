// Structural equality of model data, with the first place two values differ. Used where the checker must
// know that two states are the same value although they are different objects: a state rebuilt by the
// model's decode() against the state it was encoded from, a state renamed by the identity permutation
// against itself. Equal re-encodings are not enough there: a decode() that reads -1 back as 4294967295
// re-encodes to the same words (the encoder keeps 32 bits), yet the model then runs on a different state.
// Model data: numbers (compared with Object.is, so -0 differs from 0 and NaN equals NaN), strings, booleans,
// bigints, null and undefined, arrays, plain objects (an absent field equals an undefined one), native Map
// and Set (order-insensitive, as the generic encoder treats them), immutable.js collections and records
// (their own equals() first; ordered ones element by element, unordered ones by membership), and class
// instances (same prototype, then their own fields).

import { IMMUTABLE } from './generic/model-data.ts';

/** Where two values differ: the path from the root (`.ballot`, `[2]`, `.get("a1")`) and the two values there. */
export interface Difference {
  readonly path: string;
  readonly left: unknown;
  readonly right: unknown;
}

/** Nesting deeper than this is not model data a state holds; the comparison stops there (treated as equal). */
const MAX_DEPTH = 200;

/** The first difference between `a` and `b`, or undefined when they are the same model data. */
export function firstDifference(a: unknown, b: unknown): Difference | undefined {
  return diff(a, b, '', 0);
}

/** A short picture of a value for an error message: `-1`, `-0`, `"a1"`, `undefined`, `[1, 2]`, `Set(2)`. */
export function brief(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 37) + '...' : v);
  if (v === undefined || v === null || typeof v === 'boolean') return String(v);
  if (typeof v !== 'object') return typeof v;
  if (v instanceof Set || v instanceof Map) return `${v instanceof Set ? 'Set' : 'Map'}(${v.size})`;
  if (isImmutable(v)) return `${(v as { constructor?: { name?: string } }).constructor?.name || 'immutable'}(${(v as { size?: number }).size ?? '?'})`;
  const proto = Object.getPrototypeOf(v);
  const cls = Array.isArray(v) || isPlainProto(proto) ? '' : `${(proto?.constructor as { name?: string } | undefined)?.name || 'class'} `;
  try {
    const json = JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));
    if (json !== undefined) return cls + (json.length > 60 ? json.slice(0, 57) + '...' : json);
  } catch {
    // a cycle or a throwing getter: fall back to the kind of object
  }
  return Array.isArray(v) ? `an array of ${v.length}` : 'an object';
}

const isPlainProto = (p: unknown) => p === Object.prototype || p === null;

function isImmutable(v: object): boolean {
  return IMMUTABLE.collection in v || IMMUTABLE.record in v;
}

const isOrderedImmutable = (v: object) => IMMUTABLE.ordered in v || IMMUTABLE.indexed in v;
const isKeyedImmutable = (v: object) => IMMUTABLE.keyed in v;

function keyPath(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}

function diff(a: unknown, b: unknown, path: string, depth: number): Difference | undefined {
  if (Object.is(a, b)) return undefined;
  const here = { path, left: a, right: b };
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return here;
  if (depth > MAX_DEPTH) return undefined;
  const d = depth + 1;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return here;
    for (let i = 0; i < a.length; i++) {
      const x = diff(a[i], b[i], `${path}[${i}]`, d);
      if (x) return x;
    }
    return undefined;
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set) || !(b instanceof Set) || a.size !== b.size) return here;
    return sameMembers([...a], [...b], d) ? undefined : here;
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return here;
    return mapDiff([...a], b, path, d) ?? undefined;
  }
  if (isImmutable(a) || isImmutable(b)) return immutableDiff(a, b, path, d);
  const pa = Object.getPrototypeOf(a);
  if (pa !== Object.getPrototypeOf(b) && !(isPlainProto(pa) && isPlainProto(Object.getPrototypeOf(b)))) return here;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) {
    const x = diff(ra[k], rb[k], path + keyPath(k), d);
    if (x) return x;
  }
  return undefined;
}

/** Every member of `xs` matched by a distinct structurally equal member of `ys` (same sizes). */
function sameMembers(xs: unknown[], ys: unknown[], depth: number): boolean {
  const left = [...ys];
  for (const x of xs) {
    const i = left.findIndex((y) => diff(x, y, '', depth) === undefined);
    if (i < 0) return false;
    left.splice(i, 1);
  }
  return true;
}

function mapDiff(entries: [unknown, unknown][], b: Map<unknown, unknown>, path: string, depth: number): Difference | undefined {
  const others = [...b];
  for (const [k, v] of entries) {
    const at = `${path}.get(${brief(k)})`;
    const hit = b.has(k) ? ([k, b.get(k)] as const) : others.find(([k2]) => diff(k, k2, '', depth) === undefined);
    if (!hit) return { path: at, left: v, right: undefined };
    const x = diff(v, hit[1], at, depth);
    if (x) return x;
  }
  return undefined;
}

interface ImmutableLike {
  equals?(o: unknown): boolean;
  size?: number;
  entries?(): Iterable<[unknown, unknown]>;
  values?(): Iterable<unknown>;
  has?(k: unknown): boolean;
  get?(k: unknown): unknown;
  toObject?(): Record<string, unknown>;
}

function immutableDiff(a: object, b: object, path: string, depth: number): Difference | undefined {
  const here = { path, left: a, right: b };
  const ia = a as ImmutableLike;
  const ib = b as ImmutableLike;
  if (!isImmutable(a) || !isImmutable(b)) return here;
  if (typeof ia.equals === 'function' && ia.equals(b)) return undefined;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return here;
  // equals() compares members with immutable.js's is(): plain objects inside are compared by reference, so
  // a false answer is looked at again member by member.
  if (IMMUTABLE.record in a && typeof ia.toObject === 'function' && typeof ib.toObject === 'function') return diff(ia.toObject(), ib.toObject(), path, depth);
  if (ia.size !== ib.size || typeof ia.entries !== 'function' || typeof ib.entries !== 'function') return here;
  const ea = [...ia.entries()];
  if (isOrderedImmutable(a)) {
    const eb = [...ib.entries()];
    for (let i = 0; i < ea.length; i++) {
      const at = isKeyedImmutable(a) ? `${path}.get(${brief(ea[i][0])})` : `${path}[${i}]`;
      if (isKeyedImmutable(a) && diff(ea[i][0], eb[i][0], '', depth)) return { path: at, left: ea[i][1], right: undefined };
      const x = diff(ea[i][1], eb[i][1], at, depth);
      if (x) return x;
    }
    return undefined;
  }
  if (isKeyedImmutable(a)) return mapDiff(ea, new Map(ib.entries()), path, depth);
  return sameMembers(ea.map(([, v]) => v), [...ib.entries()].map(([, v]) => v), depth) ? undefined : here;
}
