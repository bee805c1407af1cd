// The cost graph's exact state index: ids in order of first sight, the same id for the same words after the
// table and the word store have grown many times, and words that differ only in length or in one word apart.

import { describe, expect, it } from 'vitest';
import { WordIndex } from '../../checker/cost/word-index.ts';

describe('WordIndex', () => {
  it('gives ids in order of first sight and finds each again after growing', () => {
    const index = new WordIndex();
    const w = new Uint32Array(8);
    const wordsOf = (i: number) => {
      // Lengths 1..8, so prefixes of one another occur.
      const len = 1 + (i % 8);
      for (let k = 0; k < len; k++) w[k] = (i * 2654435761 + k) >>> 0;
      return len;
    };
    for (let i = 0; i < 50_000; i++) expect(index.intern(w, wordsOf(i))).toEqual({ id: i, added: true });
    for (let i = 0; i < 50_000; i += 7) expect(index.intern(w, wordsOf(i))).toEqual({ id: i, added: false });
    expect(index.size).toBe(50_000);
  });

  it('tells apart words that differ in length only (trailing zeros) or in one word', () => {
    const index = new WordIndex();
    expect(index.intern(new Uint32Array([1, 0]), 1).id).toBe(0);
    expect(index.intern(new Uint32Array([1, 0]), 2).id).toBe(1);
    expect(index.intern(new Uint32Array([1, 1]), 2).id).toBe(2);
    expect(index.intern(new Uint32Array([]), 0).id).toBe(3);
    expect(index.intern(new Uint32Array([1, 0, 9]), 2)).toEqual({ id: 1, added: false });
  });
});
