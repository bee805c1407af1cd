// examples/paxos.ts, Paxos written the natural way with the model kit, has exactly the semantics of the
// shipped packed models/paxos.ts: the same distinct states, states generated and depth (the figures of
// test/models/paxos.test.ts), the same shortest counterexamples for the variants, the same orbits under
// acceptor symmetry, and its derived encode/decode pass the purity and decode checks on every state.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { canonicalizer } from '../../checker/state/symmetry.ts';
import natural from '../../examples/paxos.ts';
import packed from '../../models/paxos.ts';
import { invariantsOf } from '../helpers/graph-model.ts';
import type { Model } from '../../checker/model.ts';

const run = (m: Model, constants: Record<string, number>, variant?: string, opts: { puritySample?: number; symmetry?: boolean } = {}) => {
  const inst = m.instantiate({ acceptors: 3, proposers: 2, maxBallot: 3, ...constants }, variant);
  return bfs(inst, { invariants: invariantsOf(inst), puritySample: opts.puritySample, canonical: opts.symmetry ? canonicalizer(inst) : undefined });
};
const figures = (r: ReturnType<typeof run>) => [r.result, r.distinctStates, r.statesGenerated, r.depth];

describe('examples/paxos.ts (the model kit) against models/paxos.ts', () => {
  it('A3 P2 B2: 1,777 / 10,417 / 17, with purity and decode checked on every expansion', () => {
    expect(figures(run(natural, { maxBallot: 2 }, undefined, { puritySample: 1 }))).toEqual(['holds', 1777, 10417, 17]);
  });

  it('A3 P2 B3 (the defaults): 74,681 / 535,993 / 25', () => {
    expect(figures(run(natural, {}))).toEqual(['holds', 74681, 535993, 25]);
  }, 30_000);

  it('the buggy variants: the same shortest counterexamples (12, 12, 10 steps)', () => {
    for (const [variant, steps] of [
      ['ignore-accepted', 12],
      ['accept-below-promise', 12],
      ['minority-quorum', 10],
    ] as const) {
      const r = run(natural, { maxBallot: 2 }, variant);
      expect([variant, r.result, r.violation?.invariant, r.violation!.path.length - 1]).toEqual([variant, 'violation', 'agreement', steps]);
    }
  });

  it('acceptor symmetry from the shape: the same orbits as the packed model (393 for A3 P2 B2)', () => {
    const r = run(natural, { maxBallot: 2 }, undefined, { symmetry: true });
    expect(figures(r)).toEqual(['holds', 393, 2310, 17]);
    expect(figures(run(packed, { maxBallot: 2 }, undefined, { symmetry: true }))).toEqual(figures(r));
  });

  it('agrees with the packed model on random small configurations and variants', () => {
    const variants = [undefined, 'ignore-accepted', 'accept-below-promise', 'minority-quorum'];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.constantFrom(...variants), (A, P, B, variant) => {
        const c = { acceptors: A, proposers: P, maxBallot: B };
        const a = run(natural, c, variant);
        const b = run(packed, c, variant);
        // A search that stops at a violation has counted what it met first, which depends on successor
        // order; the verdict and the shortest trace's length do not.
        if (b.result === 'holds') expect(figures(a)).toEqual(figures(b));
        else expect([a.result, a.violation!.invariant, a.violation!.path.length]).toEqual([b.result, b.violation!.invariant, b.violation!.path.length]);
      }),
      { numRuns: 12 },
    );
  }, 60_000);
});
