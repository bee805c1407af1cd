// The parallel search against the single-core one on models of 10^5 states and more: the same distinct
// states, states generated and depth when the invariants hold, and, on a violation, the same counts and
// the very same counterexample trace (the single-core search's shortest one), on 2 and 3 workers and on
// every run. No timing assertions: speed is measured by `npm run bench`.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { parallelBfs } from '../../checker/search/parallel/parallel-bfs.ts';
import { parallelSetup } from '../helpers/parallel-setup.ts';

const setup = parallelSetup;

describe('parallel BFS on 10^5+ states', () => {
  it('twophase rms=7 (296,448 states): same counts as one core on 2 workers', async () => {
    const { inst, invariants, load } = setup('twophase', { rms: 7 });
    const one = bfs(inst, { invariants: invariants });
    expect(one.distinctStates).toBe(296448);
    const par = await parallelBfs(inst, load, { workers: 2, invariants: invariants });
    expect([par.result, par.distinctStates, par.statesGenerated, par.depth]).toEqual(['holds', 296448, one.statesGenerated, one.depth]);
  }, 60_000);

  it('paxos accept-below-promise maxBallot=4 (112,861 states to the violation): the single-core counts and trace', async () => {
    const { inst, invariants, load } = setup('paxos', { maxBallot: 4 }, 'accept-below-promise');
    const one = bfs(inst, { invariants: invariants });
    expect(one.result).toBe('violation');
    expect(one.distinctStates).toBe(112861);
    expect([one.statesGenerated, one.depth, one.violation!.path.length - 1]).toEqual([554_430, 13, 12]);
    const expected = JSON.stringify(one.violation!.path);
    for (const workers of [2, 3, 2]) {
      const par = await parallelBfs(inst, load, { workers, invariants: invariants });
      expect([par.result, par.distinctStates, par.statesGenerated, par.depth]).toEqual(['violation', 112_861, 554_430, 13]);
      expect(par.violation!.invariant).toBe(one.violation!.invariant);
      expect(JSON.stringify(par.violation!.path)).toBe(expected);
    }
  }, 60_000);
});
