// The kit's shapes for single values: bounded integers, booleans, enumerations of strings, the ids of a
// sort of processes (acceptors a1..a3), and optional values. Each is finite, so it can be a field of a
// message and a member of a set (model-kit/shape.ts). Every encode checks the value against its declared
// range: a value outside it would otherwise collide with another in a set's numbering and merge states.

import type { Encoder } from '../state/encode.ts';
import type { Decoder } from '../state/decode.ts';
import { article, describeValue, noSorts, ShapeError, type FiniteShape, type Renaming, type Shape } from './shape.ts';

const INT_MIN = -0x80000000;
const INT_MAX = 0x7fffffff;

/** An integer in min..max (both within 32-bit signed range; at most 2^31 values). */
export function int(min: number, max: number): FiniteShape<number> {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min > max || min < INT_MIN || max > INT_MAX || max - min >= 0x80000000)
    throw new RangeError(`int(${min}, ${max}): give integers min <= max within 32-bit signed range, at most 2^31 values`);
  const describe = `int ${min}..${max}`;
  const bad = (x: unknown): never => {
    throw new ShapeError(`${describeValue(x)} is not ${article(describe)}`);
  };
  return {
    describe,
    sorts: noSorts,
    card: max - min + 1,
    intRange: { min, max },
    encode(x, w) {
      if (!(x >= min && x <= max && Math.floor(x) === x)) bad(x);
      w.int(x);
    },
    decode: (r) => r.int(),
    show: (x) => x,
    rename: (x) => x,
    ord(x) {
      if (!(x >= min && x <= max && Math.floor(x) === x)) bad(x);
      return x - min;
    },
    val: (i) => i + min,
  };
}

/** true or false. */
export const bool: FiniteShape<boolean> = {
  describe: 'boolean',
  sorts: noSorts,
  card: 2,
  encode(x, w) {
    if (x !== true && x !== false) throw new ShapeError(`${describeValue(x)} is not a boolean`);
    w.bool(x);
  },
  decode: (r) => r.bool(),
  show: (x) => x,
  rename: (x) => x,
  ord(x) {
    if (x !== true && x !== false) throw new ShapeError(`${describeValue(x)} is not a boolean`);
    return x ? 1 : 0;
  },
  val: (i) => i === 1,
};

/** One of a fixed list of strings (`oneOf('working', 'prepared', 'committed', 'aborted')`). */
export function oneOf<const V extends string>(...values: V[]): FiniteShape<V> {
  if (values.length === 0 || new Set(values).size !== values.length) throw new RangeError(`oneOf(${values.join(', ')}): give distinct strings, at least one`);
  const index = new Map<string, number>(values.map((v, i) => [v, i]));
  const describe = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  const ord = (x: V): number => {
    const i = index.get(x);
    if (i === undefined) throw new ShapeError(`${describeValue(x)} is not ${describe}`);
    return i;
  };
  return {
    describe,
    sorts: noSorts,
    card: values.length,
    encode: (x, w) => w.u32(ord(x)),
    decode: (r) => values[r.u32()],
    show: (x) => x,
    rename: (x) => x,
    ord,
    val: (i) => values[i],
  };
}

/**
 * A sort of processes: `sort('acceptor', 3)` has ids 0, 1, 2, named a1, a2, a3 in traces (the prefix is
 * the name's first letter unless given). A state holds ids (small ints); traces show names; symmetry
 * renames ids of the sorts it names. The sort is also the shape of one id.
 */
export interface Sort extends FiniteShape<number> {
  readonly name: string;
  readonly size: number;
  /** 0, 1, ..., size-1 (to loop over: `for (const a of Acceptor.ids)`). */
  readonly ids: readonly number[];
  /** The members' names, by id. */
  readonly names: readonly string[];
  /** The name of id i (`a2` for 1). */
  nameOf(i: number): string;
}

export function sort(name: string, size: number, prefix: string = name.slice(0, 1)): Sort {
  if (!Number.isInteger(size) || size < 1 || size > 1 << 16) throw new RangeError(`sort('${name}', ${size}): the size must be an integer 1..65536`);
  const names = Array.from({ length: size }, (_, i) => `${prefix}${i + 1}`);
  const describe = `${name} id (0..${size - 1})`;
  const bad = (x: unknown): never => {
    throw new ShapeError(`${describeValue(x)} is not ${article(describe)}`);
  };
  const sorts = [name];
  return {
    name,
    size,
    ids: names.map((_, i) => i),
    names,
    nameOf: (i) => names[i] ?? bad(i),
    describe,
    sorts,
    card: size,
    intRange: { min: 0, max: size - 1 },
    encode(x, w) {
      if (!(x >= 0 && x < size && Math.floor(x) === x)) bad(x);
      w.int(x);
    },
    decode: (r) => r.int(),
    show: (x) => names[x] ?? x,
    rename(x, ren) {
      const p = ren[name];
      return p === undefined ? x : p[x];
    },
    ord(x) {
      if (!(x >= 0 && x < size && Math.floor(x) === x)) bad(x);
      return x;
    },
    val: (i) => i,
  };
}

/** A value of `inner` or null (an id that may be "none": `maybe(Acceptor)`). */
export function maybe<T>(inner: FiniteShape<T>): FiniteShape<T | null>;
export function maybe<T>(inner: Shape<T>): Shape<T | null>;
export function maybe<T>(inner: Shape<T> | FiniteShape<T>): Shape<T | null> | FiniteShape<T | null> {
  const base: Shape<T | null> = {
    describe: `${inner.describe} or null`,
    sorts: inner.sorts,
    encode(x, w) {
      if (x === null) return w.u32(0);
      w.u32(1);
      inner.encode(x, w);
    },
    decode: (r) => (r.u32() === 0 ? null : inner.decode(r)),
    show: (x) => (x === null ? null : inner.show(x)),
    rename: (x: T | null, ren: Renaming) => (x === null ? null : inner.rename(x, ren)),
  };
  if (!('card' in inner)) return base;
  const fin = inner as FiniteShape<T>;
  return {
    ...base,
    card: fin.card + 1,
    ord: (x) => (x === null ? 0 : 1 + fin.ord(x)),
    val: (i) => (i === 0 ? null : fin.val(i - 1)),
  };
}
