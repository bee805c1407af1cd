// The parallel search's fast mode (checker/search/parallel/parallel-fast.ts) on its own: the single-core counts
// with a depth bound and with symmetry reduction (3 workers), clean stops at a time limit and a memory
// budget, and the hand-over to the single-core search on a violation and on a --max-states bound, which
// stops the threads within the level (parallelBfs's answers are checked against the single-core ones in
// parallel.test.ts and parallel-trace.test.ts).

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { fastParallelBfs, type HandOver } from '../../checker/search/parallel/parallel-fast.ts';
import type { SearchResult } from '../../checker/search/types.ts';
import { canonicalizer } from '../../checker/state/symmetry.ts';
import { parallelSetup } from '../helpers/parallel-setup.ts';

const setup = parallelSetup;

/** The fast mode's own result (it must not have handed over). */
function own(r: SearchResult<unknown> | HandOver): SearchResult<unknown> {
  if ('handOver' in r) throw new Error(`unexpected hand-over: ${r.handOver}`);
  return r;
}

/** The fast mode's hand-over (it must have handed over). */
function handOver(r: SearchResult<unknown> | HandOver): HandOver {
  if (!('handOver' in r)) throw new Error(`no hand-over: ${r.result}`);
  return r;
}

describe('parallel BFS, fast mode', () => {
  it('paxos maxBallot=3 cut at depth 10: same verdict, bound and counts as one core', async () => {
    const { inst, invariants, load } = setup('paxos', { maxBallot: 3 });
    const one = bfs(inst, { invariants: invariants, maxDepth: 10 });
    const par = own(await fastParallelBfs(inst, load, { workers: 2, maxDepth: 10 }));
    expect([par.result, par.bound, par.distinctStates, par.statesGenerated, par.depth]).toEqual([one.result, one.bound, one.distinctStates, one.statesGenerated, one.depth]);
    expect(one.bound).toBe('max-depth');
  }, 30_000);

  it('paxos maxBallot=3 under symmetry: same counts as one core on 3 workers', async () => {
    const { inst, invariants, load } = setup('paxos', { maxBallot: 3 });
    const canonical = canonicalizer(inst);
    const one = bfs(inst, { invariants: invariants, canonical });
    const par = own(await fastParallelBfs(inst, { ...load, symmetry: true }, { workers: 3, canonical: canonical }));
    expect([par.result, par.distinctStates, par.statesGenerated, par.depth]).toEqual([one.result, one.distinctStates, one.statesGenerated, one.depth]);
  }, 30_000);

  // Each bound stops the search cleanly: incomplete, the bound named, fewer states than the whole space.
  it.each([
    ['a memory budget', 'memory', 'twophase', { rms: 8 }, 1_745_408, () => ({ memoryBudget: process.memoryUsage.rss() + 96 * 2 ** 20 })],
    ['a time limit', 'time-limit', 'paxos', { maxBallot: 4 }, 3_122_593, () => ({ timeLimit: 0.3 })],
  ] as const)('stops cleanly at %s', async (_, bound, model, consts, all, bounds) => {
    const { inst, load } = setup(model, consts);
    const par = own(await fastParallelBfs(inst, load, { workers: 2, ...bounds() }));
    expect([par.result, par.bound]).toEqual(['incomplete', bound]);
    expect(par.distinctStates).toBeGreaterThan(0);
    expect(par.distinctStates).toBeLessThan(all);
    expect(par.seconds).toBeLessThan(5);
  }, 30_000);

  it('hands a violation over within the level it is found in (paxos ignore-accepted: a state of level 13)', async () => {
    const { inst, load } = setup('paxos', { maxBallot: 3 }, 'ignore-accepted');
    // Every state of levels 1..13, invariants aside: the most the table can hold when level 12 is expanded.
    const upTo13 = bfs(inst, { invariants: [], maxDepth: 13 }).distinctStates;
    for (const workers of [2, 3]) {
      const par = handOver(await fastParallelBfs(inst, load, { workers }));
      expect([par.handOver, par.level]).toEqual(['violation', 12]);
      expect(par.distinctStates).toBeLessThanOrEqual(upTo13);
    }
  }, 30_000);

  it('hands a --max-states bound over as soon as a thread passes it (paxos maxBallot=4: 3,122,593 states)', async () => {
    const { inst, load } = setup('paxos', { maxBallot: 4 });
    for (const [workers, maxStates] of [[2, 1_000], [3, 1_000], [2, 1]] as const) {
      const par = handOver(await fastParallelBfs(inst, load, { workers, maxStates }));
      expect(par.handOver).toBe('max-states');
      // A thread stops once its own count passes the bound, whatever it has read of the others'.
      expect(par.distinctStates).toBeGreaterThan(maxStates);
      expect(par.distinctStates).toBeLessThanOrEqual(workers * (maxStates + 1));
    }
  }, 30_000);

  it('keeps its own result when the space fits under --max-states', async () => {
    const { inst, invariants, load } = setup('twophase', { rms: 5 });
    const one = bfs(inst, { invariants: invariants });
    const par = own(await fastParallelBfs(inst, load, { workers: 2, maxStates: one.distinctStates }));
    expect([par.result, par.distinctStates, par.statesGenerated, par.depth]).toEqual(['holds', one.distinctStates, one.statesGenerated, one.depth]);
  }, 30_000);
});
