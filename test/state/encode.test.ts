// The generic structural encoder on JSON-like values (test/state/generic/ has its other kinds): canonical
// for Sets/Maps, injective on distinct plain values, and the two-lane hash never merges the distinct
// encodings it is given here.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Set as ISet, List } from 'immutable';
import { Encoder, encodeValue } from '../../checker/state/encode.ts';
import { hash64 } from '../../checker/state/fingerprint.ts';
import { sameData } from '../helpers/model-data.ts';

const words = (v: unknown) => {
  const w = new Encoder(4);
  encodeValue(v, w);
  return [...w.snapshot()].join(',');
};

const json = fc.jsonValue({ maxDepth: 3 });

describe('encodeValue', () => {
  it('gives different words to different plain values and equal words to equal ones', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        // Not JSON.stringify: it prints -0 as 0, and -0 is a different number to a model (Object.is, 1/x).
        const same = sameData(a, b);
        expect(words(a) === words(b)).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes Sets and Maps independently of insertion order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 10 }), (xs) => {
        const rev = [...xs].reverse();
        expect(words(new Set(xs))).toBe(words(new Set(rev)));
        expect(words(new Map(xs.map((x) => [x, String(x)])))).toBe(words(new Map(rev.map((x) => [x, String(x)]))));
        expect(words(ISet(xs))).toBe(words(ISet(rev)));
      }),
    );
  });

  it('tells apart values of different types and shapes', () => {
    const distinct = [null, undefined, 0, false, '', [], {}, [0], ['0'], 1.5, -1, new Set([1]), [[1]], { a: 1 }, { b: 1 }, List([1, 2]), [1, 2, 3]];
    const enc = distinct.map(words);
    expect(new Set(enc).size).toBe(distinct.length);
  });

  it('rejects functions and symbols with a clear error', () => {
    expect(() => words({ f: () => 1 })).toThrow('state.f: a function is not model data');
    expect(() => words([Symbol('s')])).toThrow('state[0]: a symbol is not model data');
  });
});

describe('hash64', () => {
  it('has no collisions on 2^18 low-entropy encodings', () => {
    const seen = new Set<string>();
    const buf = new Uint32Array(4);
    const out = new Uint32Array(2);
    for (let i = 0; i < 1 << 18; i++) {
      buf[0] = i & 7;
      buf[1] = (i >>> 3) & 63;
      buf[2] = i >>> 9;
      hash64(buf, 3, out);
      seen.add(`${out[0]}:${out[1]}`);
    }
    expect(seen.size).toBe(1 << 18);
  });
});
