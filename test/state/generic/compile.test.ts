// An encoder compiled for one shape of state writes exactly the general encoder's words, for states of
// that shape and for any other value (each node falls back when the value in hand misses its plan).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { List } from 'immutable';
import { Encoder, encodeValue } from '../../../checker/state/encode.ts';
import { compile, compileDecoder, merge, observe } from '../../../checker/state/generic/compile.ts';
import { Decoder } from '../../../checker/state/decode.ts';
import { genericCodec } from '../../../checker/state/generic/codec.ts';
import { modelData, sameData } from '../../helpers/model-data.ts';

const general = (v: unknown) => {
  const w = new Encoder(4);
  encodeValue(v, w);
  return [...w.snapshot()];
};
const by = (enc: (v: unknown, w: Encoder) => void) => (v: unknown) => {
  const w = new Encoder(4);
  enc(v, w);
  return [...w.snapshot()];
};

/** Protocol-like states: per-process records, integer arrays, message lists, a few scalars. */
const proc = fc.record({ pc: fc.constantFrom('read', 'write', 'done'), tmp: fc.oneof(fc.nat(5), fc.constantFrom(-1, -0, 0.5, 2 ** 31)), votes: fc.array(fc.nat(3), { maxLength: 3 }) });
const state = fc.record({
  round: fc.nat(4),
  leader: fc.option(fc.nat(3)),
  procs: fc.array(proc, { maxLength: 3 }),
  bits: fc.array(fc.oneof(fc.nat(), fc.constant(2 ** 32 - 1), fc.constant(-1)), { maxLength: 3 }),
  log: fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.nat(2)), { maxLength: 3 }),
});

describe('compiled encoders', () => {
  it('write the general words for states of the learned shape and for states that miss it', () => {
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 4 }), state, (learned, other) => {
        const plan = learned.map((s) => observe(s)).reduce(merge);
        const fast = by(compile(plan));
        for (const s of [...learned, other]) expect(fast(s)).toEqual(general(s));
      }),
      { numRuns: 300 },
    );
  });

  it('write the general words for any model data, whatever the plan', () => {
    fc.assert(
      fc.property(modelData(false), modelData(false), (a, b) => {
        const fast = by(compile(observe(a)));
        expect(fast(a)).toEqual(general(a));
        expect(fast(b)).toEqual(general(b));
      }),
      { numRuns: 300 },
    );
  });

  it('fall back node by node: other keys, key order, prototypes, -0, holes, non-integers', () => {
    const fast = by(compile(observe({ a: [1, 2], b: [{ x: 1 }], c: 'k', d: 3 })));
    const misses: unknown[] = [
      { a: [-1], b: [{ x: 1 }], c: 'k', d: 3 },
      { a: [1, 0.5], b: [{ x: 1, y: 2 }], c: 'k', d: -0 },
      { a: [-0], b: [], c: 1, d: 'x' },
      { a: [1, , 2], b: [, { x: 1 }], c: 'k', d: 3 },
      { b: [{ x: 1 }], a: [1, 2], c: 'k', d: 3 },
      { a: [1, 2], b: [{ x: 1 }], c: 'k', d: 3, e: 4 },
      { a: [1, 2], b: [{ x: 1 }], c: 'k' },
      { a: List([1, 2]), b: [Object.assign(Object.create(null), { x: 1 })], c: 'k', d: 2 ** 40 },
      { a: [1, 2], b: [5, { x: 1 }], c: 'k'.repeat(100), d: 3n },
      Object.assign(Object.create(null), { a: [1, 2], b: [{ x: 1 }], c: 'k', d: 3 }),
    ];
    for (const v of misses) expect(fast(v)).toEqual(general(v));
  });

  it('have decoders that read back what was written, for states of the learned shape and any other value', () => {
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 4 }), state, modelData(false), (learned, other, anything) => {
        const plan = learned.map((s) => observe(s)).reduce(merge);
        const decode = compileDecoder(plan);
        for (const v of [...learned, other, anything]) {
          const words = Uint32Array.from(general(v));
          const r = new Decoder().reset(words, 0, words.length);
          const back = decode(r);
          expect(r.pos).toBe(words.length);
          expect(sameData(back, v)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuse what is not model data with the same path as the general encoder', () => {
    const enc = compile(observe({ nodes: [{ since: 0 }] }));
    expect(() => enc({ nodes: [{ since: 0 }, { since: new Date(0) }] }, new Encoder())).toThrow('state.nodes[1].since: a Date is not model data');
  });
});

describe('genericCodec', () => {
  it('writes the same words before and after it compiles its encoders (at 256 and 65,536 states)', () => {
    const codec = genericCodec<unknown>();
    const fromCodec = by(codec.encode as (v: unknown, w: Encoder) => void);
    // Arrays empty at first, then of objects; a field that turns from a number into a string.
    const state = (i: number) => ({ n: i < 1000 ? i : `n${i % 10}`, procs: i < 300 ? [] : [{ pc: i % 3 ? 'read' : 'done', tmp: i % 7 }], bits: [i, i * 7] });
    const w = new Encoder();
    for (let i = 0; i < 70_000; i++) {
      const s = state(i);
      if (i % 97 === 0 || (i > 65_500 && i < 65_600)) expect(fromCodec(s)).toEqual(general(s));
      else codec.encode(s, w.reset());
    }
  });
});
