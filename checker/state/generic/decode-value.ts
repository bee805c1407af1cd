// Reading the generic encoding (tags.ts) back into a value, so the search can keep the frontier of a
// model without its own decode() as packed words too. The value built is the same model data: plain
// objects with the same keys in the same order, arrays, native Maps and Sets, and immutable.js
// collections and Records of the model's own classes (intern.ts keeps them from encoding). Unordered
// collections come back in their canonical order (the model must not depend on the order of a Set or a
// Map, since states differing only in it are one state). Plain objects are built by a function compiled
// per shape, so that decoded objects share one hidden class, as the model's own literals do.

import type { Decoder } from '../decode.ts';
import { atomString, emptyOf, ownCodec, recordType, shapeKeys } from './intern.ts';
import { Tag, TAG_BITS, TAG_MASK } from './tags.ts';

const f64 = new Float64Array(1);
const f64w = new Uint32Array(f64.buffer);

type Make = (r: Decoder, read: (r: Decoder) => unknown) => Record<string, unknown>;
const makers: Make[] = [];

/** A function that builds an object of shape `id`, reading its values in key order. */
function makerFor(id: number): Make {
  let make = makers[id];
  if (make === undefined) {
    const keys = shapeKeys(id);
    // Object literal values are evaluated left to right, so the reads happen in key order. `__proto__` as
    // a plain literal key would set the prototype: computed keys make it an own property like the rest.
    const body = `return {${keys.map((k) => `[${JSON.stringify(k)}]: read(r)`).join(', ')}};`;
    make = new Function('r', 'read', body) as Make;
    makers[id] = make;
  }
  return make;
}

/**
 * Another object equal to `x` as model data, for a native Set's element or a native Map's key that the
 * decoder gave already: the encoder wrote one run per element, so the Set had that many distinct objects
 * (two empty immutable.js Lists, say, which immutable.js 5 makes anew each time), but the decoder gives
 * some values shared: an empty immutable.js collection is the one noted by intern.ts (withMutations with
 * no change returns it), and an own codec may return one object for equal values (the model kit's empty
 * set). Left shared, the Set would lose elements and the decoded state would be another state. The copy
 * has the same prototype and own fields, which is all an immutable.js collection or a model-kit
 * collection is; elements the decoder builds afresh (arrays, plain objects, non-empty collections,
 * Records) never collide and are not copied.
 */
function copyOf(x: unknown): unknown {
  if (typeof x !== 'object' || x === null) return x;
  return Object.assign(Object.create(Object.getPrototypeOf(x) as object | null) as object, x);
}

/** Reads one value at the decoder's position. */
export function decodeValue(r: Decoder): unknown {
  const word = r.words[r.pos++];
  const n = word >>> TAG_BITS;
  switch (word & TAG_MASK) {
    case Tag.Small:
      return n;
    case Tag.Atom:
      return atomString(n);
    // Arrays of their exact length (as a model's `new Array(n)`), not grown by push.
    case Tag.U32Array: {
      const a = new Array<number>(n);
      for (let i = 0; i < n; i++) a[i] = r.words[r.pos++];
      return a;
    }
    case Tag.I32Array: {
      const a = new Array<number>(n);
      for (let i = 0; i < n; i++) a[i] = r.words[r.pos++] | 0;
      return a;
    }
    case Tag.Object:
      return makerFor(n)(r, decodeValue);
    case Tag.Array: {
      const a = new Array<unknown>(n);
      for (let i = 0; i < n; i++) {
        if ((r.words[r.pos] & TAG_MASK) === Tag.Hole) r.pos++;
        else a[i] = decodeValue(r);
      }
      return a;
    }
    case Tag.Null:
      return null;
    case Tag.Undefined:
      return undefined;
    case Tag.False:
      return false;
    case Tag.True:
      return true;
    case Tag.NaN:
      return NaN;
    case Tag.Int32:
      return r.words[r.pos++] | 0;
    case Tag.Uint32:
      return r.words[r.pos++];
    case Tag.Float:
      f64w[0] = r.words[r.pos++];
      f64w[1] = r.words[r.pos++];
      return f64[0];
    case Tag.String: {
      let s = '';
      for (let i = 0; i < n; i += 2) {
        const x = r.words[r.pos++];
        s += i + 1 < n ? String.fromCharCode(x & 0xffff, x >>> 16) : String.fromCharCode(x & 0xffff);
      }
      return s;
    }
    case Tag.BigInt: {
      let m = 0n;
      const limbs = n >>> 1;
      for (let i = 0; i < limbs; i++) m |= BigInt(r.words[r.pos++]) << BigInt(32 * i);
      return n & 1 ? -m : m;
    }
    case Tag.NullObject:
      return Object.assign(Object.create(null) as object, makerFor(n)(r, decodeValue));
    case Tag.Map: {
      const m = new Map<unknown, unknown>();
      for (let i = 0; i < n; i++) {
        const k = decodeValue(r);
        m.set(m.has(k) ? copyOf(k) : k, decodeValue(r));
      }
      return m;
    }
    case Tag.Set: {
      const s = new Set<unknown>();
      for (let i = 0; i < n; i++) {
        const x = decodeValue(r);
        s.add(s.has(x) ? copyOf(x) : x);
      }
      return s;
    }
    case Tag.Record: {
      const { make, keys } = recordType(n);
      const values: Record<string, unknown> = {};
      for (const k of keys) values[k] = decodeValue(r);
      return make(values);
    }
    case Tag.IList:
    case Tag.IStack:
    case Tag.ISet:
    case Tag.IOrderedSet: {
      const items: unknown[] = [];
      for (let i = 0; i < n; i++) items.push(decodeValue(r));
      const tag = word & TAG_MASK;
      const empty = emptyOf(tag) as { withMutations(f: (m: { push(x: unknown): void; add(x: unknown): void }) => void): unknown; pushAll(x: unknown[]): unknown };
      // A Stack's first element is its top, and pushAll keeps the array's order with the first on top.
      if (tag === Tag.IStack) return empty.pushAll(items);
      return empty.withMutations((m) => {
        if (tag === Tag.IList) for (const x of items) m.push(x);
        else for (const x of items) m.add(x);
      });
    }
    case Tag.IMap:
    case Tag.IOrderedMap: {
      const entries: [unknown, unknown][] = [];
      for (let i = 0; i < n; i++) {
        const k = decodeValue(r);
        entries.push([k, decodeValue(r)]);
      }
      const empty = emptyOf(word & TAG_MASK) as { withMutations(f: (m: { set(k: unknown, v: unknown): void }) => void): unknown };
      return empty.withMutations((m) => {
        for (const [k, v] of entries) m.set(k, v);
      });
    }
    case Tag.KeyedObject:
    case Tag.NullKeyedObject: {
      const o = (word & TAG_MASK) === Tag.KeyedObject ? {} : (Object.create(null) as object);
      for (let i = 0; i < n; i++) {
        const k = decodeValue(r) as string;
        // defineProperty: an assignment to a key named __proto__ would set the prototype instead.
        Object.defineProperty(o, k, { value: decodeValue(r), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    case Tag.Own:
      return ownCodec(n).decode(r);
    default:
      throw new Error(`generic decode: no value starts with word ${word} at ${r.pos - 1}`);
  }
}
