// Deadlocks as TLC reports them: a reachable state with no successor that the model does not mark terminal
// is a violation named "deadlock" with a shortest trace, when the search is asked to look for them (the
// command line asks by default). The parallel search gives the single-core answer; random walks report a
// walk that ends in one; the shipped models with dead ends mark them terminal, so their verdicts and
// counts are TLC's.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { parallelBfs } from '../../checker/search/parallel/parallel-bfs.ts';
import { simulate } from '../../checker/search/simulation/simulate.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import { shippedModel } from '../../checker/load/registry.ts';
import type { Instance } from '../../checker/model.ts';
import stairs from '../fixtures/stairs-model.ts';

const root = join(import.meta.dirname, '..', '..');
const instance = (jumpEnds = false) => stairs.instantiate({ jumpEnds }) as Instance<unknown>;
const predicates = (inst: Instance<unknown>) => Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));
const ns = (path: readonly { state: unknown }[]) => path.map((st) => (st.state as { n: number }).n);

describe('deadlocks in the breadth-first search', { timeout: 60_000 }, () => {
  it('is off unless asked: the search holds, with every state counted', () => {
    const r = bfs(instance(), { invariants: predicates(instance()) });
    expect(r).toMatchObject({ result: 'holds', distinctStates: 6, statesGenerated: 6, depth: 5 });
  });

  it('asked: a violation named deadlock, with a shortest trace to the dead end', () => {
    const r = bfs(instance(), { invariants: predicates(instance()), deadlock: true });
    expect(r.result).toBe('violation');
    expect(r.violation).toMatchObject({ invariant: 'deadlock', deadlock: true });
    expect(ns(r.violation!.path)).toEqual([0, 1, 7]);
    expect(r.violation!.path.map((st) => st.action?.kind ?? null)).toEqual([null, 'climbs', 'jumps']);
  });

  it('a state the model marks terminal is no deadlock', () => {
    const r = bfs(instance(true), { invariants: predicates(instance(true)), deadlock: true });
    expect(r).toMatchObject({ result: 'holds', distinctStates: 6, statesGenerated: 6, depth: 5 });
  });

  it('--all-violations keeps the deadlock among the violations', () => {
    const inst = instance();
    const r = bfs(inst, { invariants: [{ name: 'notThree', holds: (s) => (s as { n: number }).n !== 3 }], deadlock: true, allViolations: true });
    // Level 3 is [2, 7]: expanding 2 reaches 3, which breaks `notThree`, before 7 is expanded and found dead.
    expect(r.violation).toMatchObject({ invariant: 'notThree' });
    expect(r.violations!.map((v) => [v.invariant, v.deadlock ?? false, ns(v.path)])).toEqual([
      ['notThree', false, [0, 1, 2, 3]],
      ['deadlock', true, [0, 1, 7]],
    ]);
  });

  it('the parallel search gives the single-core answer', async () => {
    const load = { target: 'test/fixtures/stairs-model.ts', cwd: root, consts: [], only: [] };
    const par = await parallelBfs(instance(), load, { workers: 2, invariants: predicates(instance()), deadlock: true });
    const one = bfs(instance(), { invariants: predicates(instance()), deadlock: true });
    expect(par).toMatchObject({ result: 'violation', distinctStates: one.distinctStates, statesGenerated: one.statesGenerated, depth: one.depth });
    expect(par.violation).toMatchObject({ invariant: 'deadlock', deadlock: true });
    expect(ns(par.violation!.path)).toEqual([0, 1, 7]);
  });
});

describe('deadlocks in random walks', () => {
  it('a walk that ends in a dead end the model does not mark terminal is reported', () => {
    const r = simulate(instance(), { invariants: predicates(instance()), seed: 1, runs: 20, depth: 100, deadlock: true });
    expect(r.violation).toMatchObject({ invariant: 'deadlock', deadlock: true, run: 1, seed: 2 });
    expect(ns(r.violation!.path)).toEqual([0, 1, 7]);
    expect(simulate(instance(), { invariants: predicates(instance()), seed: 1, runs: 20, depth: 100 }).violation).toBeUndefined();
    expect(simulate(instance(true), { invariants: predicates(instance(true)), seed: 1, runs: 20, depth: 100, deadlock: true }).violation).toBeUndefined();
  });
});

describe("the shipped models' intended final states", () => {
  const shipped = (name: string, consts: Record<string, number> = {}) => {
    const m = shippedModel(name);
    return m.instantiate(resolveConstants(m, consts), undefined) as Instance<unknown>;
  };

  it('tcommit: every RM decided is terminal; the counts stay TLC’s, and without the marking it deadlocks after 3 aborts', () => {
    const inst = shipped('tcommit');
    expect(bfs(inst, { invariants: predicates(inst), deadlock: true })).toMatchObject({ result: 'holds', distinctStates: 34, statesGenerated: 94, depth: 7 });
    const unmarked = { ...inst, terminal: undefined };
    const r = bfs(unmarked, { invariants: predicates(inst), deadlock: true });
    expect(r.violation).toMatchObject({ invariant: 'deadlock', deadlock: true });
    expect(r.violation!.path.length - 1).toBe(3);
  });

  it('voting: every acceptor at the last ballot is terminal; 599 states, depth 11, holds', () => {
    const inst = shipped('voting');
    expect(bfs(inst, { invariants: predicates(inst), deadlock: true })).toMatchObject({ result: 'holds', distinctStates: 599, depth: 11 });
    expect(bfs({ ...inst, terminal: undefined }, { invariants: predicates(inst), deadlock: true }).violation?.invariant).toBe('deadlock');
  });
});
