// The parallel search (worker threads) against the single-core one: the same verdict, distinct states,
// states generated, depth and counterexample, with or without a violation and with or without a
// --max-states or --max-depth bound, on every run whatever the thread timing.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ModelError } from '../../checker/errors.ts';
import { bfs } from '../../checker/search/bfs.ts';
import { loadInstance } from '../../checker/search/load-instance.ts';
import { parallelBfs } from '../../checker/search/parallel/parallel-bfs.ts';
import type { SearchResult } from '../../checker/search/types.ts';
import { parallelSetup } from '../helpers/parallel-setup.ts';

const setup = parallelSetup;

/** What must be the same on any number of cores: verdict, bound, counts, invariant broken and trace. */
const answer = (r: SearchResult<unknown>) => ({
  result: r.result,
  bound: r.bound,
  distinctStates: r.distinctStates,
  statesGenerated: r.statesGenerated,
  depth: r.depth,
  invariant: r.violation?.invariant,
  trace: r.violation ? JSON.stringify(r.violation.path) : undefined,
});

describe('parallel BFS', () => {
  for (const [model, consts] of [
    ['twophase', { rms: 5 }],
    ['paxos', { maxBallot: 3 }],
    ['voting', { ballots: 3 }],
  ] as const) {
    it(`${model} ${JSON.stringify(consts)}: same counts as one core, on 2 and 3 workers`, async () => {
      const { inst, invariants, load } = setup(model, consts);
      const one = bfs(inst, { invariants: invariants });
      for (const workers of [2, 3]) {
        const par = await parallelBfs(inst, load, { workers, invariants: invariants });
        expect(answer(par)).toEqual(answer(one));
      }
    }, 60_000);
  }

  it('with a violation: the single-core counts and the same shortest counterexample on every run (paxos ignore-accepted)', async () => {
    const { inst, invariants, load } = setup('paxos', { maxBallot: 3 }, 'ignore-accepted');
    const one = bfs(inst, { invariants: invariants });
    expect([one.result, one.distinctStates, one.statesGenerated, one.depth, one.violation!.invariant, one.violation!.path.length - 1]).toEqual([
      'violation',
      13_685,
      68_084,
      13,
      'agreement',
      12,
    ]);
    for (const workers of [2, 2, 3]) {
      const par = await parallelBfs(inst, load, { workers, invariants: invariants });
      expect(answer(par)).toEqual(answer(one));
      expect(par.memory?.workers).toBe(workers);
    }
  }, 60_000);

  it('without invariants given, checks those the workers load (the same ones)', async () => {
    const { inst, invariants, load } = setup('paxos', { maxBallot: 3 }, 'ignore-accepted');
    const one = bfs(inst, { invariants: invariants });
    const par = await parallelBfs(inst, load, { workers: 2 });
    expect(answer(par)).toEqual(answer(one));
  }, 60_000);

  // --max-states: below the space (the bound is passed within a level), at the space's exact size (the
  // search fits: holds) and one below it; with a violation further on than the bound and nearer.
  it.each([
    ['paxos', { maxBallot: 3 }, undefined, 5_000, 'incomplete'],
    ['paxos', { maxBallot: 3 }, undefined, 74_681, 'holds'],
    ['paxos', { maxBallot: 3 }, undefined, 74_680, 'incomplete'],
    ['paxos', { maxBallot: 3 }, 'ignore-accepted', 5_000, 'incomplete'],
    ['paxos', { maxBallot: 3 }, 'ignore-accepted', 20_000, 'violation'],
    ['twophase', { rms: 5 }, undefined, 3_333, 'incomplete'],
  ] as const)('%s %j %s --max-states %d: the single-core answer (%s) on 2 workers', async (model, consts, variant, maxStates, verdict) => {
    const { inst, invariants, load } = setup(model, consts, variant);
    const one = bfs(inst, { invariants: invariants, maxStates });
    expect(one.result).toBe(verdict);
    const par = await parallelBfs(inst, load, { workers: 2, invariants: invariants, maxStates });
    expect(answer(par)).toEqual(answer(one));
  }, 60_000);

  // --max-depth: the violation (level 13) beyond the bound, and at it; with --max-states as well.
  it.each([
    [12, undefined, 'incomplete'],
    [13, undefined, 'violation'],
    [13, 10_000, 'incomplete'],
  ] as const)('paxos ignore-accepted --max-depth %d --max-states %s: the single-core answer (%s)', async (maxDepth, maxStates, verdict) => {
    const { inst, invariants, load } = setup('paxos', { maxBallot: 3 }, 'ignore-accepted');
    const one = bfs(inst, { invariants: invariants, maxDepth, maxStates });
    expect(one.result).toBe(verdict);
    const par = await parallelBfs(inst, load, { workers: 2, invariants: invariants, maxDepth, maxStates });
    expect(answer(par)).toEqual(answer(one));
  }, 60_000);

  it('reports when it runs the single-core search, and why', async () => {
    const told: string[] = [];
    for (const [variant, maxStates] of [['ignore-accepted', undefined], [undefined, 5_000], [undefined, undefined]] as const) {
      const { inst, invariants, load } = setup('paxos', { maxBallot: 3 }, variant);
      await parallelBfs(inst, load, { workers: 2, invariants: invariants, maxStates, onSingleCore: (why) => told.push(why) });
    }
    expect(told).toEqual(['violation', 'max-states']);
  }, 60_000);
});

// Model files the worker threads load (tsx treats a .ts file as an ES module in a "type": "module" folder).
describe('parallel BFS, a model that throws in a worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clab-parallel-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  const modelApi = resolve('checker/model.ts');
  const write = (name: string, body: string) => {
    writeFileSync(join(dir, name), `import { defineModel } from '${modelApi}';\n${body}`);
    return { target: join(dir, name), cwd: dir, consts: [], only: [] };
  };

  it('throws the error with how its state was reached, as one core does', async () => {
    const load = write(
      'thrower.ts',
      `export default defineModel<{ readonly n: number }>({
  name: 'thrower', summary: 'throws in next() at n = 3', constants: {},
  instantiate: () => ({
    init: () => [{ n: 0 }],
    next(s) {
      if (s.n === 3) throw new Error('boom at three');
      return [{ action: { kind: 'inc' }, state: { n: s.n + 1 } }];
    },
    encode: (s, w) => w.int(s.n),
    decode: (r) => ({ n: r.int() }),
    invariants: { small: { description: 'n stays below 10', holds: (s) => s.n < 10 } },
  }),
});
`,
    );
    const { instance, invariants } = await loadInstance(load);
    const told: string[] = [];
    const caught = await parallelBfs(instance, load, { workers: 2, invariants, onSingleCore: (why) => told.push(why) }).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as ModelError).message).toBe('the model threw an error: boom at three');
    expect((caught as ModelError).trace?.map((t) => t.state)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }, { n: 3 }]);
    expect(told).toEqual(['model-error']);
  }, 60_000);

  // Level 2 holds eight states; the first one's successor breaks the invariant (it takes 100 ms to come),
  // the fifth one throws. One core meets the violation first and never expands the fifth; a worker may
  // meet the exception first (another chunk). Either way the answer is one core's.
  it('gives the single-core violation when one core meets it before the exception', async () => {
    const load = write(
      'violates-first.ts',
      `export default defineModel<{ readonly n: number; readonly k: number }>({
  name: 'violates-first', summary: 'a violation and an exception on one level', constants: {},
  instantiate: () => ({
    init: () => [{ n: 0, k: 0 }],
    next(s) {
      if (s.n === 0) return Array.from({ length: 8 }, (_, k) => ({ action: { kind: 'pick', detail: String(k) }, state: { n: 1, k } }));
      if (s.n === 1 && s.k === 0) {
        const until = Date.now() + 100;
        while (Date.now() < until);
        return [{ action: { kind: 'bad' }, state: { n: 2, k: 0 } }];
      }
      if (s.n === 1 && s.k === 4) throw new Error('boom at k = 4');
      return [];
    },
    encode: (s, w) => { w.int(s.n); w.int(s.k); },
    decode: (r) => ({ n: r.int(), k: r.int() }),
    invariants: { belowTwo: { description: 'n stays below 2', holds: (s) => s.n < 2 } },
  }),
});
`,
    );
    const { instance, invariants } = await loadInstance(load);
    const one = bfs(instance, { invariants });
    expect([one.result, one.violation?.invariant, one.violation?.path.length]).toEqual(['violation', 'belowTwo', 3]);
    for (const workers of [2, 3]) {
      const par = await parallelBfs(instance, load, { workers, invariants });
      expect(answer(par)).toEqual(answer(one));
    }
  }, 60_000);
});
