// The fingerprint table against a JS Set/Map, including growth, collisions of the slot hash and the
// reserved all-zero fingerprint.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintSet } from '../../checker/state/fingerprint-set.ts';

describe('FingerprintSet', () => {
  it('agrees with a Map on random fingerprints (ids in insertion order, duplicates found)', () => {
    const fp = fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 15 }));
    fc.assert(
      fc.property(fc.array(fp, { maxLength: 400 }), (fps) => {
        const set = new FingerprintSet(16);
        const ref = new Map<string, number>();
        for (const [hi, lo] of fps) {
          const key = `${hi}:${lo === 0 && hi === 0 ? 1 : lo}`;
          const got = set.add(hi, lo);
          if (ref.has(key)) expect(got).toBe(-1 - ref.get(key)!);
          else {
            expect(got).toBe(ref.size);
            ref.set(key, ref.size);
          }
        }
        expect(set.size).toBe(ref.size);
        for (const [hi, lo] of fps) expect(set.get(hi, lo)).toBe(ref.get(`${hi}:${lo === 0 && hi === 0 ? 1 : lo}`));
        expect(set.get(12345, 99)).toBe(ref.get('12345:99') ?? -1);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every entry across many growths', () => {
    const set = new FingerprintSet(16);
    const n = 100_000;
    for (let i = 0; i < n; i++) expect(set.add(i * 2654435761, i)).toBe(i);
    for (let i = 0; i < n; i++) expect(set.get(i * 2654435761, i)).toBe(i);
    expect(set.size).toBe(n);
    // 12 bytes a slot, load at most 0.75 after growth: at most 32 bytes an entry.
    expect(set.bytes / n).toBeLessThanOrEqual(32);
  }, 30_000);
});
