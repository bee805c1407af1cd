// The visited set of the parallel fast mode (checker/state/shared-table.ts): inserts agree with a Set, and a
// rebuild split into parts (each writing its own region with plain stores, the spill-overs added after)
// keeps exactly the entries of the old table, whatever the number of parts, including clustered
// fingerprints whose probe runs cross the parts' borders and wrap round the table's end. And real threads
// inserting the same clustered fingerprints at once: each is won by exactly one thread, none is lost.

import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasShared, insertShared, key, rehashPart, rehashRest, scaleOf } from '../../checker/state/shared-table.ts';

const table = (capacity: number) => new Uint32Array(new SharedArrayBuffer(capacity * 8));
const add = (t: Uint32Array, capacity: number, hi: number, lo: number) => insertShared(t, capacity * 2, scaleOf(capacity), key(hi), key(lo));
const has = (t: Uint32Array, capacity: number, hi: number, lo: number) => hasShared(t, capacity * 2, scaleOf(capacity), key(hi), key(lo));
const entries = (t: Uint32Array) => {
  const out: string[] = [];
  for (let i = 0; i < t.length; i += 2) if (t[i] !== 0) out.push(`${t[i]}:${t[i + 1]}`);
  return out.sort();
};

// Fingerprints bunched near the parts' borders and near the ends of the hash range, so runs cross them.
const lane = fc.oneof(
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: 2 ** 32 - 40, max: 2 ** 32 - 1 }),
  fc.integer({ min: 2 ** 31 - 20, max: 2 ** 31 + 20 }),
  fc.integer({ min: 1431655745, max: 1431655785 }),
);

describe('shared fingerprint table', () => {
  it('agrees with a Set on random fingerprints, zero lanes included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(lane, fc.integer({ min: 0, max: 3 })), { maxLength: 150 }), (fps) => {
        const t = table(256);
        const ref = new Set<string>();
        for (const [hi, lo] of fps) {
          const k = `${key(hi)}:${key(lo)}`;
          expect(add(t, 256, hi, lo)).toBe(!ref.has(k));
          ref.add(k);
        }
        for (const [hi, lo] of fps) expect(has(t, 256, hi, lo)).toBe(true);
        expect(entries(t).length).toBe(ref.size);
      }),
      { numRuns: 300 },
    );
  });

  it('a rebuild in 1 to 5 parts keeps exactly the old entries, each findable', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(lane, lane), { maxLength: 160 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 213, max: 400 }), (fps, parts, oldCapacity) => {
        const old = table(oldCapacity);
        for (const [hi, lo] of fps) add(old, oldCapacity, hi, lo);
        const capacity = Math.ceil(oldCapacity * 1.5);
        const t = table(capacity);
        const spilled = Array.from({ length: parts }, (_, p) => rehashPart(old, oldCapacity, t, capacity, p, parts));
        spilled.forEach((s) => rehashRest(t, capacity, s));
        expect(entries(t)).toEqual(entries(old));
        for (const [hi, lo] of fps) expect(has(t, capacity, hi, lo)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('threads inserting the same fingerprints at once: each is added exactly once, the table holds exactly them', async () => {
    const capacity = 4096;
    const n = 2500;
    // Clustered hi words (many share a home slot, long probe runs), distinct fingerprints, nonzero lanes.
    const base = Array.from({ length: n }, (_, i) => [((i % 97) * 44_000_000 + 1) >>> 0, i + 1] as const);
    const entry = new URL('../helpers/table-stress-worker.mjs', import.meta.url);
    for (let round = 0; round < 6; round++) {
      const table = new SharedArrayBuffer(capacity * 8);
      const start = new SharedArrayBuffer(8);
      const orders = [0, 1, 2].map((k) => {
        const order = base.map((fp, i) => ({ fp, key: Math.imul(i + 1, 2654435761 + 2 * (round * 3 + k)) >>> 0 }));
        order.sort((a, b) => a.key - b.key);
        return Uint32Array.from(order.flatMap((o) => o.fp));
      });
      const workers = orders.map((fps) => new Worker(entry, { workerData: { table, capacity, fps, start } }));
      const gate = new Int32Array(start);
      while (Atomics.load(gate, 0) < workers.length) await new Promise((r) => setTimeout(r, 1));
      Atomics.store(gate, 1, 1);
      const won = await Promise.all(workers.map((w) => new Promise<number[]>((resolve, reject) => w.once('message', resolve).once('error', reject))));
      await Promise.all(workers.map((w) => w.terminate()));
      // Indices are positions in each worker's own order: map back to fingerprints.
      const winners = won.flatMap((idx, k) => idx.map((i) => `${orders[k][2 * i]}:${orders[k][2 * i + 1]}`));
      expect(winners.length).toBe(n);
      expect(new Set(winners).size).toBe(n);
      expect(entries(new Uint32Array(table))).toEqual(base.map(([hi, lo]) => `${hi}:${lo}`).sort());
    }
  }, 60_000);
});
