// Soundness anchors: the published TLC counts for Gray & Lamport's TwoPhase and TCommit
// (../shared/reference/counts.md), distinct / generated / depth, for every configuration listed there.

import { describe, expect, it } from 'vitest';
import type { Model } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import tcommit from '../../models/tcommit.ts';
import twophase from '../../models/twophase.ts';
import { invariantsOf } from '../helpers/graph-model.ts';

const count = <S,>(m: Model<S>, rms: number) => {
  const inst = m.instantiate({ rms }, undefined);
  const r = bfs(inst, { invariants: invariantsOf(inst), puritySample: 1 });
  return [r.result, r.distinctStates, r.statesGenerated, r.depth];
};

describe('TwoPhase matches TLC', () => {
  const published: [number, number, number, number][] = [
    [1, 12, 20, 5],
    [2, 56, 154, 8],
    [3, 288, 1146, 11],
    [4, 1568, 8258, 14],
    [5, 8832, 58146, 17],
    [6, 50816, 402306, 20],
  ];
  for (const [rms, distinct, generated, depth] of published) {
    it(`rms=${rms}: ${distinct} / ${generated} / ${depth}`, () => {
      expect(count(twophase, rms)).toEqual(['holds', distinct, generated, depth]);
      // rms=6 with purity sampled on every state: 1.6 s alone, 3.2 s with the suite on two cores.
    }, 30_000);
  }
});

describe('TCommit matches TLC', () => {
  const published: [number, number, number, number][] = [
    [1, 4, 5, 3],
    [2, 12, 23, 5],
    [3, 34, 94, 7],
    [4, 96, 357, 9],
    [5, 274, 1296, 11],
  ];
  for (const [rms, distinct, generated, depth] of published) {
    it(`rms=${rms}: ${distinct} / ${generated} / ${depth}`, () => {
      expect(count(tcommit, rms)).toEqual(['holds', distinct, generated, depth]);
    }, 30_000);
  }
});
