// The cache in front of the visited set (checker/state/recent-filter.ts) may forget, but must never claim a
// fingerprint it was not given: a false hit would drop a new state from the search. Checked on random
// sequences with many fingerprints sharing a slot, and on the all-zero fingerprint of a fresh cache.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentFilter } from '../../checker/state/recent-filter.ts';

describe('RecentFilter', () => {
  it('a fresh filter holds nothing, not even the zero fingerprint', () => {
    const f = new RecentFilter();
    for (const [hi, lo] of [[0, 0], [0, 1], [0xffffffff, 0], [0xffff0000, 0xffffffff], [1 << 16, 0]]) expect(f.has(hi, lo)).toBe(false);
  });

  it('only ever answers yes for fingerprints it was given, and always for the last one given', () => {
    // Few distinct top bits, so fingerprints keep evicting one another.
    const lane = fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 3 }).map((k) => (k << 16) >>> 0), fc.constant(0));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), lane, lane), { maxLength: 300 }), (ops) => {
        const f = new RecentFilter();
        const given = new Set<string>();
        for (const [note, hi, lo] of ops) {
          if (note) {
            f.note(hi, lo);
            given.add(`${hi}:${lo}`);
            expect(f.has(hi, lo)).toBe(true);
          } else if (f.has(hi, lo)) expect(given.has(`${hi}:${lo}`)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
