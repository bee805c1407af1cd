// The parallel search's fast mode (checker/explore/parallel-fast.ts) on its own: the single-core counts
// with a depth bound and with symmetry reduction (3 workers), and the hand-over to the exact mode on a violation
// (parallelBfs's traces are checked against the single-core ones in parallel-trace.test.ts).

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/explore/bfs.ts';
import { fastParallelBfs } from '../../checker/explore/parallel-fast.ts';
import { canonicalizer } from '../../checker/symmetry.ts';
import { parallelSetup } from '../helpers/parallel-setup.ts';

const setup = parallelSetup;

describe('parallel BFS, fast mode', () => {
  it('paxos maxBallot=3 cut at depth 10: same verdict, bound and counts as one core', async () => {
    const { inst, invariants, load } = setup('paxos', { maxBallot: 3 });
    const one = bfs(inst as never, { invariants: invariants as never, maxDepth: 10 });
    const par = await fastParallelBfs(inst as never, load, { workers: 2, maxDepth: 10 });
    expect('distinctStates' in par).toBe(true);
    if (!('distinctStates' in par)) return;
    expect([par.result, par.bound, par.distinctStates, par.statesGenerated, par.depth]).toEqual([one.result, one.bound, one.distinctStates, one.statesGenerated, one.depth]);
    expect(one.bound).toBe('max-depth');
  }, 20_000);

  it('paxos maxBallot=3 under symmetry: same counts as one core on 3 workers', async () => {
    const { inst, invariants, load } = setup('paxos', { maxBallot: 3 });
    const canonical = canonicalizer(inst as never);
    const one = bfs(inst as never, { invariants: invariants as never, canonical } as never);
    const par = await fastParallelBfs(inst as never, { ...load, symmetry: true }, { workers: 3, canonical: canonical as never });
    if (!('distinctStates' in par)) throw new Error('unexpected violation');
    expect([par.result, par.distinctStates, par.statesGenerated, par.depth]).toEqual([one.result, one.distinctStates, one.statesGenerated, one.depth]);
  }, 20_000);

  // Each bound stops the search cleanly: incomplete, the bound named, fewer states than the whole space.
  it.each([
    ['a memory budget', 'memory', 'twophase', { rms: 8 }, 1_745_408, () => ({ memoryBudget: process.memoryUsage.rss() + 96 * 2 ** 20 })],
    ['a time limit', 'time-limit', 'paxos', { maxBallot: 4 }, 3_122_593, () => ({ timeLimit: 0.3 })],
  ] as const)('stops cleanly at %s', async (_, bound, model, consts, all, bounds) => {
    const { inst, load } = setup(model, consts);
    const par = await fastParallelBfs(inst as never, load, { workers: 2, ...bounds() });
    if (!('distinctStates' in par)) throw new Error('unexpected violation');
    expect([par.result, par.bound]).toEqual(['incomplete', bound]);
    expect(par.distinctStates).toBeGreaterThan(0);
    expect(par.distinctStates).toBeLessThan(all);
    expect(par.seconds).toBeLessThan(5);
  }, 30_000);

  it('hands a violation over (paxos ignore-accepted)', async () => {
    const { inst, load } = setup('paxos', { maxBallot: 3 }, 'ignore-accepted');
    const par = await fastParallelBfs(inst as never, load, { workers: 2 });
    expect(par).toMatchObject({ violation: true });
  }, 20_000);
});
