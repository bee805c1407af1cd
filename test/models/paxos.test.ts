// Paxos: exact counts, agreement with the peers (Spin, Rumur: 3,122,593 states for A3 P2 B4), agreement
// with an independent naive implementation on random small configurations, and every buggy variant caught
// with the same shortest trace as the committed counterexample, which replays.

import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import paxos from '../../models/paxos.ts';
import { invariantsOf } from '../helpers/graph-model.ts';
import { referencePaxos, type RefVariant } from './paxos-reference.ts';

const root = join(import.meta.dirname, '..', '..');
const check = (constants: Record<string, number>, variant?: string, puritySample?: number) => {
  const inst = paxos.instantiate({ acceptors: 3, proposers: 2, maxBallot: 3, ...constants }, variant);
  return bfs(inst, { invariants: invariantsOf(inst), puritySample });
};

describe('paxos', () => {
  it('defaults (A3 P2 B3): holds, 74,681 / 535,993 / 25', () => {
    const r = check({});
    expect([r.result, r.distinctStates, r.statesGenerated, r.depth]).toEqual(['holds', 74681, 535993, 25]);
  });

  it("the peers' configuration A3 P2 B4: 3,122,593 distinct states, as Spin and Rumur report", () => {
    const r = check({ maxBallot: 4 });
    expect([r.result, r.distinctStates, r.depth]).toEqual(['holds', 3122593, 33]);
  }, 60_000);

  it('keeps the purity rules on every state of a small instance', () => {
    for (const v of [undefined, 'ignore-accepted', 'accept-below-promise', 'minority-quorum']) {
      expect(() => check({ maxBallot: 2 }, v, 1)).not.toThrow();
    }
  });

  it('agrees with an independent naive Paxos on random small configurations (counts, verdicts, shortest trace)', () => {
    const variants: RefVariant[] = [undefined, 'ignore-accepted', 'accept-below-promise', 'minority-quorum'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.constantFrom(...variants), (A, P, B, variant) => {
        const ref = referencePaxos(A, P, B, variant).explore();
        const r = check({ acceptors: A, proposers: P, maxBallot: B }, variant);
        if (ref.violationAt === undefined) {
          expect([r.result, r.distinctStates, r.depth]).toEqual(['holds', ref.distinct, ref.depth]);
        } else {
          expect(r.result).toBe('violation');
          expect(r.violation!.path.length - 1).toBe(ref.violationAt);
        }
      }),
      { numRuns: 25 },
    );
  }, 60_000);

  it('the naive reference agrees on A3 P2 B2 exactly: 1,777 states', () => {
    expect(referencePaxos(3, 2, 2).explore()).toEqual({ distinct: 1777, depth: 17 });
    expect(check({ maxBallot: 2 }).distinctStates).toBe(1777);
  });
});

describe('buggy paxos variants are caught with the committed shortest traces', () => {
  const expected: [string, number][] = [
    ['ignore-accepted', 12],
    ['accept-below-promise', 12],
    ['minority-quorum', 10],
  ];
  for (const [variant, length] of expected) {
    it(`${variant}: agreement violated after ${length} steps; the committed trace is this run's and replays`, async () => {
      const r = check({}, variant);
      expect(r.result).toBe('violation');
      expect(r.violation!.invariant).toBe('agreement');
      expect(r.violation!.path.length - 1).toBe(length);

      const file = join(root, 'counterexamples', `paxos-${variant}-agreement.json`);
      const golden = JSON.parse(readFileSync(file, 'utf8'));
      expect(golden.steps).toHaveLength(length + 1);
      expect(golden.steps.map((s: { action: unknown }) => s.action)).toEqual(r.violation!.path.map((p) => p.action));

      const io = memoryIo(root);
      expect(await main(['replay', file], io)).toBe(1);
      // The same steps do not violate agreement in the correct protocol: the replay stops at a step the
      // correct Paxos does not allow.
      const fixed = { ...golden, variant: null };
      const tmpFile = join(mkdtempSync(join(tmpdir(), 'clab-paxos-')), 'fixed.json');
      writeFileSync(tmpFile, JSON.stringify(fixed));
      expect(await main(['replay', tmpFile], memoryIo(root))).toBe(2);
    });
  }
});
