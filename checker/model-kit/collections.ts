// Immutable sets and bags (multisets) of a finite shape's values: the set of sent messages (Lamport's
// style: it only grows), a bag of messages in flight (a delivery removes one copy), a set of process ids
// (the acceptors that voted). Members are kept sorted by their number in the shape (shape.ts, `ord`), so a
// set has one representation whatever order it was built in: its encoding is its size and its members'
// numbers, canonical by construction, and decoding returns the shape's interned member objects.
//
// Updates copy two small arrays and share the members; an update that changes nothing (adding a member
// that is already there) returns the same set object, so a step that changes nothing can return its
// state itself and the search skips it as a self-loop without encoding it.

import { OWN_CODEC, type Encoder } from '../state/encode.ts';
import type { Decoder } from '../state/decode.ts';
import { article, describeValue, ShapeError, touches, type FiniteShape, type Renaming, type Shape } from './shape.ts';

// A model that keeps these collections in its state without the kit's stateCodec is encoded by the
// generic encoder, which takes a set or a bag by its collection shape's own encode/decode, found under
// OWN_CODEC (checker/state/generic/model-data.ts): the first shape made for an element shape (and a
// number of copies), so that equal collections always bring the same codec.
const setShapes = new WeakMap<object, Shape<SortedSet<never>>>();
const bagShapes = new WeakMap<object, Map<number, Shape<SortedBag<never>>>>();

/** Position of `key` in the ascending `keys`, or -(insertion point) - 1. */
function search(keys: readonly number[], key: number): number {
  let lo = 0;
  let hi = keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k < key) lo = mid + 1;
    else if (k > key) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}

function insertAt<X>(xs: readonly X[], at: number, x: X): X[] {
  const n = xs.length;
  const out = new Array<X>(n + 1);
  for (let i = 0; i < at; i++) out[i] = xs[i];
  out[at] = x;
  for (let i = at; i < n; i++) out[i + 1] = xs[i];
  return out;
}

function removeAt<X>(xs: readonly X[], at: number): X[] {
  const n = xs.length;
  const out = new Array<X>(n - 1);
  for (let i = 0; i < at; i++) out[i] = xs[i];
  for (let i = at + 1; i < n; i++) out[i - 1] = xs[i];
  return out;
}

/** An immutable set of values of a finite shape, in the shape's canonical order. */
export class SortedSet<T> implements Iterable<T> {
  /** Use the set shape's `empty`, `of` or `from` (setOf(...)); the arrays are owned by the set. */
  constructor(
    readonly shape: FiniteShape<T>,
    /** The members, ascending by number. */
    readonly items: readonly T[],
    /** Their numbers (shape.ord), ascending. */
    readonly keys: readonly number[],
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** How the generic encoder writes and reads this set (see setShapes). */
  get [OWN_CODEC](): Shape<SortedSet<never>> | undefined {
    return setShapes.get(this.shape);
  }

  has(x: T): boolean {
    return search(this.keys, this.shape.ord(x)) >= 0;
  }

  /** The set with x added; this set itself if x is a member already. */
  add(x: T): SortedSet<T> {
    const k = this.shape.ord(x);
    const at = search(this.keys, k);
    if (at >= 0) return this;
    const ins = -at - 1;
    return new SortedSet(this.shape, insertAt(this.items, ins, this.shape.val(k)), insertAt(this.keys, ins, k));
  }

  /** The set without x; this set itself if x is not a member. */
  delete(x: T): SortedSet<T> {
    const at = search(this.keys, this.shape.ord(x));
    if (at < 0) return this;
    return new SortedSet(this.shape, removeAt(this.items, at), removeAt(this.keys, at));
  }

  union(other: SortedSet<T>): SortedSet<T> {
    let s: SortedSet<T> = this;
    for (const x of other.items) s = s.add(x);
    return s;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.items[Symbol.iterator]();
  }

  /** The members satisfying `p`, in canonical order (a plain array). */
  filter<U extends T>(p: (x: T) => x is U): U[];
  filter(p: (x: T) => boolean): T[];
  filter(p: (x: T) => boolean): T[] {
    return membersWhere(this.items, p);
  }

  some(p: (x: T) => boolean): boolean {
    return anyMember(this.items, p);
  }

  every(p: (x: T) => boolean): boolean {
    const xs = this.items;
    for (let i = 0; i < xs.length; i++) if (!p(xs[i])) return false;
    return true;
  }

  count(p: (x: T) => boolean): number {
    let n = 0;
    const xs = this.items;
    for (let i = 0; i < xs.length; i++) if (p(xs[i])) n++;
    return n;
  }

  find<U extends T>(p: (x: T) => x is U): U | undefined;
  find(p: (x: T) => boolean): T | undefined;
  find(p: (x: T) => boolean): T | undefined {
    const xs = this.items;
    for (let i = 0; i < xs.length; i++) if (p(xs[i])) return xs[i];
    return undefined;
  }

  equals(other: SortedSet<T>): boolean {
    if (other === this) return true;
    if (other.keys.length !== this.keys.length) return false;
    for (let i = 0; i < this.keys.length; i++) if (other.keys[i] !== this.keys[i]) return false;
    return true;
  }

  /** The members as traces show them. */
  toJSON(): unknown[] {
    return this.items.map((x) => this.shape.show(x));
  }
}

/** An immutable multiset of values of a finite shape: each member with a count >= 1, in canonical order. */
export class SortedBag<T> implements Iterable<T> {
  /** Use the bag shape's `empty`, `of` or `from` (bagOf(...)). */
  constructor(
    readonly shape: FiniteShape<T>,
    /** Copies kept at most: adding beyond it changes nothing (bounds the state space). */
    readonly maxCopies: number,
    /** The distinct members, ascending by number. */
    readonly items: readonly T[],
    readonly keys: readonly number[],
    /** counts[i] copies of items[i]. */
    readonly counts: readonly number[],
  ) {}

  /** How the generic encoder writes and reads this bag (see bagShapes). */
  get [OWN_CODEC](): Shape<SortedBag<never>> | undefined {
    return bagShapes.get(this.shape)?.get(this.maxCopies);
  }

  /** Distinct members. */
  get distinct(): number {
    return this.items.length;
  }

  /** Copies in all. */
  get size(): number {
    let n = 0;
    for (let i = 0; i < this.counts.length; i++) n += this.counts[i];
    return n;
  }

  count(x: T): number {
    const at = search(this.keys, this.shape.ord(x));
    return at < 0 ? 0 : this.counts[at];
  }

  has(x: T): boolean {
    return search(this.keys, this.shape.ord(x)) >= 0;
  }

  /** One more copy of x (this bag itself when x already has maxCopies copies). */
  add(x: T): SortedBag<T> {
    const k = this.shape.ord(x);
    const at = search(this.keys, k);
    if (at >= 0) {
      if (this.counts[at] >= this.maxCopies) return this;
      const counts = this.counts.slice();
      counts[at]++;
      return new SortedBag(this.shape, this.maxCopies, this.items, this.keys, counts);
    }
    const ins = -at - 1;
    return new SortedBag(this.shape, this.maxCopies, insertAt(this.items, ins, this.shape.val(k)), insertAt(this.keys, ins, k), insertAt(this.counts, ins, 1));
  }

  /** One copy fewer of x; throws if x is not in the bag (a delivery of a message not in flight is a model bug). */
  remove(x: T): SortedBag<T> {
    const at = search(this.keys, this.shape.ord(x));
    if (at < 0) throw new ShapeError(`remove: ${describeValue(x)} is not in the bag`);
    if (this.counts[at] > 1) {
      const counts = this.counts.slice();
      counts[at]--;
      return new SortedBag(this.shape, this.maxCopies, this.items, this.keys, counts);
    }
    return new SortedBag(this.shape, this.maxCopies, removeAt(this.items, at), removeAt(this.keys, at), removeAt(this.counts, at));
  }

  /**
   * Every copy, in canonical order (a member with two copies comes twice), as a multiset iterates. To act
   * once per distinct member, loop over `items` (or `entries()`).
   */
  *[Symbol.iterator](): Iterator<T> {
    const { items, counts } = this;
    for (let i = 0; i < items.length; i++) for (let c = 0; c < counts[i]; c++) yield items[i];
  }

  /** [member, copies] pairs in canonical order. */
  entries(): [T, number][] {
    return this.items.map((x, i) => [x, this.counts[i]]);
  }

  filter<U extends T>(p: (x: T) => x is U): U[];
  filter(p: (x: T) => boolean): T[];
  filter(p: (x: T) => boolean): T[] {
    return membersWhere(this.items, p);
  }

  some(p: (x: T) => boolean): boolean {
    return anyMember(this.items, p);
  }

  /** Every copy as traces show it (a member with two copies appears twice). */
  toJSON(): unknown[] {
    const out: unknown[] = [];
    this.items.forEach((x, i) => {
      for (let c = 0; c < this.counts[i]; c++) out.push(this.shape.show(x));
    });
    return out;
  }
}

/** The shape of a set of `elem` values, and how to make one. */
export interface SetShape<T> extends Shape<SortedSet<T>> {
  readonly empty: SortedSet<T>;
  of(...xs: T[]): SortedSet<T>;
  from(xs: Iterable<T>): SortedSet<T>;
}

export function setOf<T>(elem: FiniteShape<T>): SetShape<T> {
  const empty = new SortedSet<T>(elem, [], []);
  const from = (xs: Iterable<T>): SortedSet<T> => {
    const keys = [...new Set([...xs].map((x) => elem.ord(x)))].sort((a, b) => a - b);
    return new SortedSet(elem, keys.map((k) => elem.val(k)), keys);
  };
  const describe = `set of ${elem.describe}`;
  const self: SetShape<T> = {
    describe,
    sorts: elem.sorts,
    empty,
    of: (...xs) => from(xs),
    from,
    encode(x, w) {
      if (!(x instanceof SortedSet) || x.shape !== elem) throw new ShapeError(`${describeValue(x)} is not ${article(describe)} (make one with its shape's empty, of or from)`);
      const keys = x.keys;
      w.u32(keys.length);
      for (let i = 0; i < keys.length; i++) w.u32(keys[i]);
    },
    decode(r) {
      const n = r.u32();
      if (n === 0) return empty;
      const keys = new Array<number>(n);
      const items = new Array<T>(n);
      for (let i = 0; i < n; i++) {
        const k = r.u32();
        keys[i] = k;
        items[i] = elem.val(k);
      }
      return new SortedSet(elem, items, keys);
    },
    show: (x) => x.items.map((e) => elem.show(e)),
    rename(x, ren: Renaming) {
      if (!touches(self, ren) || x.items.length === 0) return x;
      // Renaming is a bijection on members: the renamed numbers are distinct, only their order changes.
      const keys = x.items.map((e) => elem.ord(elem.rename(e, ren))).sort((a, b) => a - b);
      return new SortedSet(elem, keys.map((k) => elem.val(k)), keys);
    },
  };
  if (!setShapes.has(elem)) setShapes.set(elem, self as unknown as Shape<SortedSet<never>>);
  return self;
}

/** The shape of a bag of `elem` values, and how to make one. */
export interface BagShape<T> extends Shape<SortedBag<T>> {
  readonly empty: SortedBag<T>;
  of(...xs: T[]): SortedBag<T>;
  from(xs: Iterable<T>): SortedBag<T>;
}

/** Bags of `elem`, each member kept at most `maxCopies` times (default 1: a send of a copy already in flight changes nothing). */
export function bagOf<T>(elem: FiniteShape<T>, maxCopies = 1): BagShape<T> {
  if (!Number.isInteger(maxCopies) || maxCopies < 1) throw new RangeError(`bagOf: maxCopies must be an integer >= 1 (got ${maxCopies})`);
  const empty = new SortedBag<T>(elem, maxCopies, [], [], []);
  const from = (xs: Iterable<T>): SortedBag<T> => {
    let b = empty;
    for (const x of xs) b = b.add(x);
    return b;
  };
  const describe = `bag of ${elem.describe} (at most ${maxCopies} ${maxCopies === 1 ? 'copy' : 'copies'} each)`;
  const self: BagShape<T> = {
    describe,
    sorts: elem.sorts,
    empty,
    of: (...xs) => from(xs),
    from,
    encode(x, w) {
      if (!(x instanceof SortedBag) || x.shape !== elem || x.maxCopies !== maxCopies) throw new ShapeError(`${describeValue(x)} is not ${article(describe)} (make one with its shape's empty, of or from)`);
      const { keys, counts } = x;
      w.u32(keys.length);
      for (let i = 0; i < keys.length; i++) {
        w.u32(keys[i]);
        w.u32(counts[i]);
      }
    },
    decode(r) {
      const n = r.u32();
      if (n === 0) return empty;
      const keys = new Array<number>(n);
      const counts = new Array<number>(n);
      const items = new Array<T>(n);
      for (let i = 0; i < n; i++) {
        keys[i] = r.u32();
        counts[i] = r.u32();
        items[i] = elem.val(keys[i]);
      }
      return new SortedBag(elem, maxCopies, items, keys, counts);
    },
    show: (x) => x.toJSON(),
    rename(x, ren: Renaming) {
      if (!touches(self, ren)) return x;
      let b = empty;
      x.items.forEach((e, i) => {
        for (let c = 0; c < x.counts[i]; c++) b = b.add(elem.rename(e, ren));
      });
      return b;
    },
  };
  const byCopies = bagShapes.get(elem) ?? new Map<number, Shape<SortedBag<never>>>();
  bagShapes.set(elem, byCopies);
  if (!byCopies.has(maxCopies)) byCopies.set(maxCopies, self as unknown as Shape<SortedBag<never>>);
  return self;
}

/** The members satisfying `p`, in canonical order (sets and bags alike: a bag's distinct members). */
function membersWhere<T>(xs: readonly T[], p: (x: T) => boolean): T[] {
  const out: T[] = [];
  for (let i = 0; i < xs.length; i++) if (p(xs[i])) out.push(xs[i]);
  return out;
}

/** Whether some member satisfies `p`. */
function anyMember<T>(xs: readonly T[], p: (x: T) => boolean): boolean {
  for (let i = 0; i < xs.length; i++) if (p(xs[i])) return true;
  return false;
}
