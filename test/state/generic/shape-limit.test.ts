// Past the shape table's limit, a new key list is written out with its object: still injective, still
// decoded, and compiled encoders for such shapes fall back to the general one. (A file of its own: the
// limit is the module's, and vitest gives each test file its own modules.)

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Encoder, encodeValue } from '../../../checker/state/encode.ts';
import { Decoder } from '../../../checker/state/decode.ts';
import { decodeValue } from '../../../checker/state/generic/decode-value.ts';
import { compile, observe } from '../../../checker/state/generic/compile.ts';
import { limitShapesForTests } from '../../../checker/state/generic/intern.ts';
import { modelData, sameData } from '../../helpers/model-data.ts';

const words = (v: unknown, enc: (v: unknown, w: Encoder) => void = encodeValue) => {
  const w = new Encoder(4);
  enc(v, w);
  return [...w.snapshot()];
};

describe('a full shape table', () => {
  limitShapesForTests(3);
  const interned = [{ a: 1 }, { b: 1 }, { a: 1, b: 2 }].map((v) => words(v));

  it('keeps the ids it gave and writes new key lists out, one way each', () => {
    expect(words({ a: 7 })[0]).toBe(interned[0][0]);
    expect(words({ c: 1 })).toEqual(words({ c: 1 }));
    expect(words({ c: 1 })).not.toEqual(words({ d: 1 }));
    expect(words({ c: 1, d: 2 })).not.toEqual(words({ d: 2, c: 1 }));
    expect(words({ c: 1 })).not.toEqual(words(Object.assign(Object.create(null), { c: 1 })));
    expect(words({ c: 1 })).not.toEqual(words(new Map([['c', 1]])));
  });

  it('stays injective, decodes back, and compiled encoders write the same words', () => {
    const data = modelData(true);
    fc.assert(
      fc.property(data, data, (a, b) => {
        expect(words(a).join() === words(b).join()).toBe(sameData(a, b));
        const w = Uint32Array.from(words(a));
        const back = decodeValue(new Decoder().reset(w, 0, w.length));
        expect(sameData(back, a)).toBe(true);
        expect(words(b, compile(observe(a)))).toEqual(words(b));
      }),
      { numRuns: 300 },
    );
  });
});
