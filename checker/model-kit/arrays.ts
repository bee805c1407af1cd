// Array shapes: one value per process of a sort (`perProcess(Acceptor, AcceptorState)`: a readonly array
// indexed by id, shown as `{a1: ..., a2: ...}` and permuted along with the ids under symmetry), a fixed
// number of values (`tuple`), and sequences of any length up to a bound (`list`, e.g. a FIFO channel).

import type { Encoder } from '../state/encode.ts';
import type { Decoder } from '../state/decode.ts';
import type { Sort } from './scalars.ts';
import { article, describeValue, rethrowWithin, ShapeError, sortsOf, touches, type Renaming, type Shape } from './shape.ts';

/** One value of `elem` per member of `sort`, as a readonly array indexed by id. */
export function perProcess<T>(s: Sort, elem: Shape<T>): Shape<readonly T[]> {
  const n = s.size;
  const describe = `${elem.describe} per ${s.name}`;
  const sorts = sortsOf([s, elem]);
  const self: Shape<readonly T[]> = {
    describe,
    sorts,
    encode(x, w) {
      if (!Array.isArray(x) || x.length !== n) throw new ShapeError(`${describeValue(x)} is not an array of ${n} (${describe})`);
      let i = 0;
      try {
        for (; i < n; i++) elem.encode(x[i], w);
      } catch (e) {
        rethrowWithin(e, `[${i}]`);
      }
    },
    decode(r) {
      const out = new Array<T>(n);
      for (let i = 0; i < n; i++) out[i] = elem.decode(r);
      return out;
    },
    show(x) {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) o[s.names[i]] = elem.show(x[i]);
      return o;
    },
    rename(x, ren: Renaming) {
      if (!touches(self, ren)) return x;
      const p = ren[s.name];
      const deep = touches(elem, ren);
      const out = new Array<T>(n);
      for (let i = 0; i < n; i++) out[p === undefined ? i : p[i]] = deep ? elem.rename(x[i], ren) : x[i];
      return out;
    },
  };
  return self;
}

/** Exactly `length` values of `elem`, as a readonly array. */
export function tuple<T>(elem: Shape<T>, length: number): Shape<readonly T[]> {
  return list(elem, length, length);
}

/** A sequence of `elem` values, of length minLength..maxLength (order matters: a FIFO channel, a log). */
export function list<T>(elem: Shape<T>, maxLength: number, minLength = 0): Shape<readonly T[]> {
  if (!Number.isInteger(maxLength) || !Number.isInteger(minLength) || minLength < 0 || maxLength < minLength) throw new RangeError(`list: give lengths 0 <= min <= max (got ${minLength}..${maxLength})`);
  const describe = minLength === maxLength ? `${maxLength} × ${elem.describe}` : `list of ${elem.describe} (length ${minLength}..${maxLength})`;
  const self: Shape<readonly T[]> = {
    describe,
    sorts: elem.sorts,
    encode(x, w) {
      if (!Array.isArray(x) || x.length < minLength || x.length > maxLength) throw new ShapeError(`${describeValue(x)} is not ${article(describe)}`);
      if (minLength !== maxLength) w.u32(x.length);
      let i = 0;
      try {
        for (; i < x.length; i++) elem.encode(x[i], w);
      } catch (e) {
        rethrowWithin(e, `[${i}]`);
      }
    },
    decode(r) {
      const len = minLength === maxLength ? minLength : r.u32();
      const out = new Array<T>(len);
      for (let i = 0; i < len; i++) out[i] = elem.decode(r);
      return out;
    },
    show: (x) => x.map((e) => elem.show(e)),
    rename: (x, ren) => (touches(self, ren) ? x.map((e) => elem.rename(e, ren)) : x),
  };
  return self;
}
