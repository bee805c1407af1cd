// The generic encoding is injective on model data: for every kind of value, two states a model can tell
// apart get different words and equal ones equal words (a fast-check property against an independent
// structural equality), ordered collections in order and unordered ones canonically; anything else is
// refused with the path to it inside the state.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { List, Map as IMap, OrderedMap, OrderedSet, Record as IRecord, Seq, Set as ISet, Stack } from 'immutable';
import { Encoder, encodeValue, OWN_CODEC } from '../../../checker/state/encode.ts';
import { Decoder } from '../../../checker/state/decode.ts';
import { decodeValue } from '../../../checker/state/generic/decode-value.ts';
import { StateEncodingError } from '../../../checker/state/encoder.ts';
import { modelData, PointA, PointB, sameData } from '../../helpers/model-data.ts';

const words = (v: unknown) => {
  const w = new Encoder(4);
  encodeValue(v, w);
  return [...w.snapshot()].join(',');
};

describe('encodeValue: injective on model data', () => {
  it('two values get the same words exactly when they are the same model data (random pairs from a small domain)', () => {
    const data = modelData(true);
    fc.assert(
      fc.property(data, data, (a, b) => {
        expect(words(a) === words(b)).toBe(sameData(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it('a value and a copy rebuilt in another insertion order (Sets, Maps) get the same words', () => {
    fc.assert(
      fc.property(modelData(false), (v) => {
        const copy = rebuilt(v);
        expect(sameData(copy, v)).toBe(true);
        expect(words(copy)).toBe(words(v));
      }),
      { numRuns: 300 },
    );
  });
});

describe('encodeValue: each kind of value', () => {
  const differ = (a: unknown, b: unknown) => expect(words(a)).not.toBe(words(b));
  const equal = (a: unknown, b: unknown) => expect(words(a)).toBe(words(b));

  it('numbers: -0 is not 0, NaN is one value, each integer range has its own tag', () => {
    differ(0, -0);
    differ([0], [-0]);
    differ({ a: 0 }, { a: -0 });
    equal(NaN, 0 / 0);
    differ(NaN, Infinity);
    differ(-1, 2 ** 32 - 1);
    differ([-1], [2 ** 32 - 1]);
    differ(2 ** 27 - 1, 2 ** 27);
    differ(1, 1n);
    differ(1, '1');
    differ(0.1 + 0.2, 0.3);
    differ(2n ** 64n, -(2n ** 64n));
    differ(0n, -0);
  });

  it('strings short (one word) and long (written out) are each their own value', () => {
    differ('a', 'b');
    differ('x'.repeat(64), 'x'.repeat(65));
    equal('x'.repeat(200), 'x'.repeat(199) + 'x');
    differ('ab', 'ba');
    differ('', []);
  });

  it('absent fields, undefined fields and holes are three different things', () => {
    differ({}, { a: undefined });
    differ([undefined], new Array(1));
    differ({ a: 1, b: undefined }, { a: 1 });
  });

  it('plain objects keep their key order; a null prototype is a different value', () => {
    differ({ a: 1, b: 2 }, { b: 2, a: 1 });
    equal({ a: 1, b: 2 }, { ...{ a: 1 }, b: 2 });
    differ({ a: 1 }, Object.assign(Object.create(null), { a: 1 }));
    differ({ a: 1 }, { b: 1 });
  });

  it('native Map and Set are unordered; a Map is not an object with the same entries', () => {
    equal(new Set([1, 2, 3]), new Set([3, 1, 2]));
    equal(new Set(['a', { x: [1] }]), new Set([{ x: [1] }, 'a']));
    equal(new Map([['a', 1], ['b', 2]]), new Map([['b', 2], ['a', 1]]));
    differ(new Map([['a', 1]]), { a: 1 });
    differ(new Set([1]), [1]);
    differ(new Set([1]), new Map([[1, 1]]));
    differ(new Map([[1, 'a'], [2, 'b']]), new Map([[1, 'b'], [2, 'a']]));
  });

  it('immutable.js: ordered kinds in order, unordered kinds canonical, each kind distinct from the others and from native data', () => {
    differ(OrderedSet([1, 2]), OrderedSet([2, 1]));
    differ(OrderedMap([['a', 1], ['b', 2]]), OrderedMap([['b', 2], ['a', 1]]));
    differ(List([1, 2]), List([2, 1]));
    differ(Stack([1, 2]), Stack([2, 1]));
    equal(ISet([1, 2]), ISet([2, 1]));
    equal(IMap([['a', 1], ['b', 2]]), IMap([['b', 2], ['a', 1]]));
    const kinds = [[1, 2], List([1, 2]), Stack([1, 2]), ISet([1, 2]), OrderedSet([1, 2]), new Set([1, 2]), IMap([[1, 2]]), OrderedMap([[1, 2]]), new Map([[1, 2]]), { 1: 2 }];
    expect(new Set(kinds.map(words)).size).toBe(kinds.length);
    equal(List([1, 2]).push(3), List([1, 2, 3]));
  });

  it('immutable.js Records by type and fields: two Record types with the same fields differ', () => {
    equal(PointA({ x: 1 }), PointA({ x: 1, y: 0 }));
    differ(PointA({ x: 1 }), PointA({ x: 2 }));
    differ(PointA({ x: 1 }), PointB({ x: 1 }));
    differ(PointA({ x: 1, y: 0 }), { x: 1, y: 0 });
    differ(PointA({ x: 1, y: 0 }), IMap({ x: 1, y: 0 }));
  });
});

describe('encodeValue: a class that brings its own codec (OWN_CODEC)', () => {
  // A pair kept in canonical order, whose codec writes its two numbers.
  const codec = {
    encode: (p: Pair, w: Encoder) => (w.u32(p.lo), w.u32(p.hi)),
    decode: (r: Decoder) => new Pair(r.u32(), r.u32()),
  };
  class Pair {
    constructor(
      readonly lo: number,
      readonly hi: number,
    ) {}
    get [OWN_CODEC]() {
      return codec;
    }
  }

  it('is encoded by that codec, after a head naming it, and decoded back into the class', () => {
    expect(words({ p: new Pair(1, 2) })).toBe(words({ p: new Pair(1, 2) }));
    expect(words({ p: new Pair(1, 2) })).not.toBe(words({ p: new Pair(2, 1) }));
    expect(words(new Pair(1, 2))).not.toBe(words([1, 2]));
    const w = new Encoder();
    encodeValue([new Pair(3, 4), 5], w);
    const back = decodeValue(new Decoder().reset(w.words, 0, w.length)) as [Pair, number];
    expect(back[0]).toBeInstanceOf(Pair);
    expect([back[0].lo, back[0].hi, back[1]]).toEqual([3, 4, 5]);
  });
});

describe('encodeValue: anything else is refused, with the path to it', () => {
  const refusal = (v: unknown): string => {
    try {
      words(v);
    } catch (e) {
      expect(e).toBeInstanceOf(StateEncodingError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };
  class Node {
    #secret = 1;
    constructor(readonly id: number) {}
    get secret() {
      return this.#secret;
    }
  }

  it('names the value and where it is', () => {
    expect(refusal({ nodes: [{}, {}, { since: new Date(0) }] })).toBe('state.nodes[2].since: a Date is not model data');
    expect(refusal({ procs: [new Node(1)] })).toBe('state.procs[0]: an instance of class Node is not model data');
    expect(refusal({ f: () => 1 })).toBe('state.f: a function is not model data');
    expect(refusal({ 'a b': Symbol('x') })).toBe('state["a b"]: a symbol is not model data');
    expect(refusal({ buf: new Uint8Array(2) })).toBe('state.buf: a Uint8Array is not model data');
    expect(refusal([new Int32Array(1)])).toBe('state[0]: an Int32Array is not model data');
    expect(refusal({ m: new Map([['k', new Date(1)]]) })).toBe('state.m.get("k"): a Date is not model data');
    expect(refusal({ s: new Set([1, new Date(1)]) })).toBe('state.s{#1}: a Date is not model data');
    expect(refusal(IMap({ q: Seq([1]) }))).toBe('state.get("q"): an immutable.js Seq is not model data (it is lazy)');
    expect(refusal(List([1, /x/]))).toBe('state.get(1): a RegExp is not model data');
    expect(refusal({ r: IRecord({ when: 0 })({ when: new Date(0) as never }) })).toBe('state.r.when: a Date is not model data');
    expect(refusal(Promise.resolve(1))).toBe('state: a promise is not model data');
    class Ids extends Array<number> {}
    expect(refusal({ ids: Ids.from([1]) })).toBe('state.ids: an array of class Ids (a subclass of Array) is not model data');
  });

  it('a mutable immutable.js collection (asMutable) is refused and left as it was', () => {
    // Encoding took the first collection of each kind as the source of empty ones by calling its clear(),
    // which empties a mutable collection in place.
    const live = List([1, 2]).asMutable();
    expect(refusal({ log: live })).toBe('state.log: a mutable immutable.js collection (from asMutable()) is not model data');
    expect(live.size).toBe(2);
    expect(refusal({ m: IMap({ k: 1 }).asMutable() })).toBe('state.m: a mutable immutable.js collection (from asMutable()) is not model data');
    expect(words({ log: live.asImmutable() })).toEqual(words({ log: List([1, 2]) }));
  });

  it('a state that contains itself is refused, not a stack overflow', () => {
    const s: { a: { back?: unknown } } = { a: {} };
    s.a.back = s;
    expect(refusal(s)).toBe('state.a.back: the state contains itself (a cycle through this value)');
  });

  it('a state nested 100,000 deep is refused as too deep, not blamed on the model as a stack overflow', () => {
    // The search reported "the model threw an error: Maximum call stack size exceeded": looking for a
    // cycle recursed as deep as the encoder and overflowed too.
    let s: unknown = { v: 1 };
    for (let i = 0; i < 100_000; i++) s = { c: s };
    expect(refusal(s)).toBe('state: nested too deeply to encode (the stack ran out)');
  });

  it('gives a hint saying what to store instead', () => {
    try {
      words({ t: new Date(0) });
    } catch (e) {
      expect((e as StateEncodingError).hint).toMatch(/store the time as a number \(date\.getTime\(\)\)/);
    }
    try {
      words({ n: new Node(1) });
    } catch (e) {
      expect((e as StateEncodingError).hint).toMatch(/#private fields and methods are invisible to the encoding/);
    }
  });
});

/** A deep copy that rebuilds every container as a model would (new objects), native Sets and Maps in reverse insertion order. */
function rebuilt(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    v.forEach((x, i) => (out[i] = rebuilt(x)));
    return out;
  }
  if (v instanceof Map) return new Map([...v].reverse().map(([k, x]) => [rebuilt(k), rebuilt(x)]));
  if (v instanceof Set) return new Set([...v].reverse().map(rebuilt));
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const out = Object.create(proto) as Record<string, unknown>;
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: rebuilt((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v; // immutable.js values are values already
}
