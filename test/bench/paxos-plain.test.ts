// bench/paxos-plain.ts, the Paxos the bench checks without the model kit, must be the same protocol as the
// packed models/paxos.ts and the kit's examples/paxos.ts, or the bench would compare the speed of
// different models: the same distinct states, states generated and depth.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import plain from '../../bench/paxos-plain.ts';
import packed from '../../models/paxos.ts';
import { invariantsOf } from '../helpers/graph-model.ts';
import type { Model } from '../../checker/model.ts';

const figures = (m: Model, maxBallot: number) => {
  const inst = m.instantiate({ acceptors: 3, proposers: 2, maxBallot }, undefined);
  const r = bfs(inst, { invariants: invariantsOf(inst) });
  return [r.result, r.distinctStates, r.statesGenerated, r.depth];
};

describe('bench/paxos-plain.ts', () => {
  it('A3 P2 B2: 1,777 / 10,417 / 17, as the packed model', () => {
    expect(figures(plain, 2)).toEqual(['holds', 1777, 10417, 17]);
    expect(figures(packed, 2)).toEqual(figures(plain, 2));
  });
});
