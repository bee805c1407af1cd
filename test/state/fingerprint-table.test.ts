// The id-less fingerprint table of the exhaustive search: agrees with a Set, survives many growths, and
// stays within 16 bytes per stored fingerprint once it holds more than a few thousand.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintTable } from '../../checker/state/fingerprint-table.ts';

describe('FingerprintTable', () => {
  it('agrees with a Set on random fingerprints, including the reserved zero', () => {
    const fp = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 7 }));
    fc.assert(
      fc.property(fc.array(fp, { maxLength: 300 }), (fps) => {
        const t = new FingerprintTable(16);
        const ref = new Set<string>();
        for (const [hi, lo] of fps) {
          const key = `${hi}:${hi === 0 && lo === 0 ? 1 : lo}`;
          expect(t.add(hi, lo)).toBe(!ref.has(key));
          ref.add(key);
        }
        expect(t.size).toBe(ref.size);
        for (const [hi, lo] of fps) expect(t.has(hi, lo)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every entry across growths, at 16 bytes or less per entry', () => {
    const t = new FingerprintTable(16);
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      expect(t.add(Math.imul(i, 2654435761) >>> 0, i)).toBe(true);
      if (i > 4096 && i % 997 === 0) expect(t.bytes / t.size).toBeLessThanOrEqual(16);
    }
    for (let i = 0; i < n; i++) expect(t.has(Math.imul(i, 2654435761) >>> 0, i)).toBe(true);
    expect(t.has(1, n + 5)).toBe(false);
  }, 30_000);
});
