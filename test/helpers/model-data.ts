// Random model data for the generic encoding's properties (test/state/generic/), and a structural
// equality written independently of the encoder: two values are the same model data when a model could
// not tell them apart by the operations model data offers (numbers by Object.is, objects by their keys in
// order, arrays with their holes, ordered collections in order, unordered ones as multisets, Records by
// their type and fields).

import fc from 'fast-check';
import { List, Map as IMap, OrderedMap, OrderedSet, Record as IRecord, Set as ISet, Stack, isImmutable, isList, isMap, isOrdered, isRecord, isSet, isStack } from 'immutable';

export const PointA = IRecord<{ x: unknown; y: unknown }>({ x: 0, y: 0 });
export const PointB = IRecord<{ x: unknown; y: unknown }>({ x: 0, y: 0 });

/**
 * Model data from a deliberately small domain (few keys, few numbers), so that random pairs are often
 * equal and the property compares equal pairs as well as different ones.
 */
export function modelData(small: boolean): fc.Arbitrary<unknown> {
  const num = small
    ? fc.constantFrom(0, -0, 1, 2, -1, NaN, 0.5, 2 ** 31, 2 ** 32 - 1, 2 ** 27, -(2 ** 31), Infinity, 2 ** 53)
    : fc.oneof(fc.integer(), fc.double(), fc.nat(), fc.constantFrom(-0, NaN, 2 ** 32 - 1, 2 ** 27 - 1, 2 ** 27));
  const str = small ? fc.constantFrom('', 'a', 'b', 'ab', 'x'.repeat(70), 'x'.repeat(71), '\u{1F600}') : fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('\u{1F600}', '\uD800', 'é'.repeat(65)));
  const key = fc.constantFrom('a', 'b', 'c', '0', '1', '__proto__', 'a b');
  const leaf = fc.oneof(num, str, fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constantFrom(0n, 1n, -1n, 2n ** 70n, -(2n ** 64n)));
  const { value } = fc.letrec<{ value: unknown }>((tie) => {
    const v = tie('value');
    const items = fc.array(v, { maxLength: small ? 3 : 5 });
    const entries = fc.array(fc.tuple(key, v), { maxLength: small ? 3 : 4 });
    return {
      value: fc.oneof(
        { depthSize: 'small', maxDepth: 3 },
        leaf,
        items,
        fc.array(fc.nat({ max: 5 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 4 }),
        fc.tuple(items, fc.nat({ max: 3 })).map(([a, hole]) => {
          const copy = [...a];
          if (hole < copy.length) delete copy[hole];
          return copy;
        }),
        entries.map((es) => Object.fromEntries(es)),
        entries.map((es) => Object.assign(Object.create(null) as object, Object.fromEntries(es))),
        entries.map((es) => new Map(es)),
        items.map((xs) => new Set(xs)),
        items.map((xs) => List(xs)),
        items.map((xs) => Stack(xs)),
        items.map((xs) => ISet(xs)),
        items.map((xs) => OrderedSet(xs)),
        entries.map((es) => IMap(es)),
        entries.map((es) => OrderedMap(es)),
        fc.tuple(v, v, fc.boolean()).map(([x, y, a]) => (a ? PointA({ x, y }) : PointB({ x, y }))),
      ),
    };
  });
  return value;
}

/** Whether a model could tell a and b apart by what model data offers. */
export function sameData(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((_, i) => i in b) && b.every((_, i) => i in a) && Array.from({ length: a.length }, (_, i) => i).every((i) => sameData(a[i], b[i]));
  }
  if (isImmutable(a) || isImmutable(b)) return sameImmutable(a, b);
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map) || !(b instanceof Map)) return false;
    return sameBag([...a], [...b], (p, q) => sameData(p[0], q[0]) && sameData(p[1], q[1]));
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set) || !(b instanceof Set)) return false;
    return sameBag([...a], [...b], sameData);
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function sameImmutable(a: object, b: object): boolean {
  if (isRecord(a) || isRecord(b)) {
    if (!isRecord(a) || !isRecord(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const oa = a.toObject();
    const ob = b.toObject();
    return Object.keys(oa).every((k) => sameData(oa[k], ob[k]));
  }
  const kind = (x: object) => (isList(x) ? 'list' : isStack(x) ? 'stack' : isMap(x) ? (isOrdered(x) ? 'omap' : 'map') : isSet(x) ? (isOrdered(x) ? 'oset' : 'set') : 'other');
  if (kind(a) !== kind(b)) return false;
  const ea = [...(a as Iterable<unknown>)];
  const eb = [...(b as Iterable<unknown>)];
  if (ea.length !== eb.length) return false;
  if (kind(a) === 'map' || kind(a) === 'set') return sameBag(ea, eb, sameData);
  return ea.every((x, i) => sameData(x, eb[i]));
}

/** Whether two lists are the same multiset under `eq`. */
function sameBag<T>(xs: T[], ys: T[], eq: (x: T, y: T) => boolean): boolean {
  if (xs.length !== ys.length) return false;
  const used = new Array<boolean>(ys.length).fill(false);
  return xs.every((x) => {
    const j = ys.findIndex((y, k) => !used[k] && eq(x, y));
    if (j < 0) return false;
    used[j] = true;
    return true;
  });
}
