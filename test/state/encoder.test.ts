// Every Encoder write is range-checked: a value its method cannot hold exactly is refused (a ModelError,
// exit 2) instead of being stored as another value's words, which would merge two states.

import { describe, expect, it } from 'vitest';
import { Encoder, StateEncodingError } from '../../checker/state/encoder.ts';

const written = (f: (w: Encoder) => void) => {
  const w = new Encoder(1);
  f(w);
  return [...w.snapshot()];
};

const refused = (f: (w: Encoder) => void): string => {
  try {
    f(new Encoder());
  } catch (e) {
    expect(e).toBeInstanceOf(StateEncodingError);
    return (e as Error).message;
  }
  throw new Error('not refused');
};

describe('Encoder', () => {
  it('writes the values each method holds, exactly, growing as needed', () => {
    expect(written((w) => [0, 1, 2 ** 32 - 1].forEach((x) => w.u32(x)))).toEqual([0, 1, 2 ** 32 - 1]);
    expect(written((w) => [-1, 2 ** 31 - 1, -(2 ** 31)].forEach((x) => w.int(x)))).toEqual([2 ** 32 - 1, 2 ** 31 - 1, 2 ** 31]);
    expect(written((w) => (w.bool(true), w.bool(false)))).toEqual([1, 0]);
    expect(written((w) => w.ints([3, -1]))).toEqual([2, 3, 2 ** 32 - 1]);
    expect(written((w) => w.str('ab'))).toEqual([2, 97, 98]);
    expect(written((w) => w.float(NaN))).toEqual(written((w) => w.float(-NaN)));
    expect(written((w) => w.float(-0))).not.toEqual(written((w) => w.float(0)));
  });

  it('refuses a value outside its method, naming it and the method', () => {
    expect(refused((w) => w.u32(-1))).toBe('encode() wrote -1 with u32(), which takes an integer in 0..4294967295: two different states could get the same words');
    expect(refused((w) => w.u32(2 ** 32))).toMatch(/^encode\(\) wrote 4294967296 with u32\(\)/);
    expect(refused((w) => w.u32(0.5))).toMatch(/^encode\(\) wrote 0\.5 with u32\(\)/);
    expect(refused((w) => w.u32(NaN))).toMatch(/^encode\(\) wrote NaN with u32\(\)/);
    expect(refused((w) => w.u32('3' as never))).toMatch(/^encode\(\) wrote "3" with u32\(\)/);
    expect(refused((w) => w.int(2 ** 31))).toBe('encode() wrote 2147483648 with int(), which takes an integer in -2147483648..2147483647: two different states could get the same words');
    expect(refused((w) => w.int(-0.5))).toMatch(/^encode\(\) wrote -0\.5 with int\(\)/);
    expect(refused((w) => w.ints([1, 2.5]))).toBe('encode() wrote element 1 = 2.5 with ints(), which takes an integer in -2147483648..2147483647: two different states could get the same words');
    expect(refused((w) => w.bool(1 as never))).toMatch(/^encode\(\) wrote 1 with bool\(\), which takes true or false/);
    expect(refused((w) => w.float(1n as never))).toMatch(/^encode\(\) wrote 1n with float\(\)/);
    expect(refused((w) => w.str(5 as never))).toMatch(/^encode\(\) wrote 5 with str\(\)/);
  });

  it('gives the hint for the method to use instead', () => {
    try {
      new Encoder().u32(-1);
    } catch (e) {
      expect((e as StateEncodingError).hint).toBe('write a signed value with int(), any other number with float()');
    }
  });
});
