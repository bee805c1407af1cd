// The BFS engine on hand-made graphs: exact counts (TLC conventions), exact shortest traces, bounds,
// and agreement with naive reachability on random graphs.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { graphInstance, invariantsOf, naiveBfs, type Graph } from '../helpers/graph-model.ts';

const diamond: Graph = { init: [0], edges: [[1, 2], [3], [3], [0, 4], []] };

describe('bfs on a small graph', () => {
  it('counts distinct states, generated states and levels as TLC does', () => {
    const inst = graphInstance(diamond);
    const r = bfs(inst, { invariants: invariantsOf(inst) });
    expect(r.result).toBe('holds');
    expect(r.distinctStates).toBe(5);
    // 1 initial + successors of 0,1,2,3,4 = 2 + 1 + 1 + 2 + 0
    expect(r.statesGenerated).toBe(7);
    expect(r.depth).toBe(4);
  });

  it('finds the shortest counterexample and rebuilds it with its actions', () => {
    const g: Graph = { init: [0], edges: [[1, 5], [2], [3], [4], [], [6], [4]], bad: [4] };
    const inst = graphInstance(g);
    const r = bfs(inst, { invariants: invariantsOf(inst) });
    expect(r.result).toBe('violation');
    expect(r.violation!.invariant).toBe('ok');
    expect(r.violation!.path.map((p) => p.state)).toEqual([0, 5, 6, 4]);
    expect(r.violation!.path.map((p) => p.action?.detail ?? null)).toEqual([null, 'to n5', 'to n6', 'to n4']);
    expect(r.depth).toBe(4);
  });

  it('reports a violating initial state as a zero-step trace', () => {
    const inst = graphInstance({ init: [3, 0], edges: [], bad: [0] });
    const r = bfs(inst, { invariants: invariantsOf(inst) });
    expect(r.result).toBe('violation');
    expect(r.violation!.path).toEqual([{ action: null, state: 0 }]);
  });

  it('merges duplicate initial states but counts them as generated', () => {
    const inst = graphInstance({ init: [1, 1, 2], edges: [] });
    const r = bfs(inst, { invariants: [] });
    expect([r.distinctStates, r.statesGenerated, r.depth]).toEqual([2, 3, 1]);
  });

  it('says incomplete, never holds, when --max-depth cuts off new states', () => {
    const inst = graphInstance(diamond);
    const cut = bfs(inst, { invariants: invariantsOf(inst), maxDepth: 3 });
    expect([cut.result, cut.bound, cut.distinctStates, cut.depth]).toEqual(['incomplete', 'max-depth', 4, 3]);
    // Depth 4 holds everything: the level-5 successors (0) are old, so the search is complete.
    const full = bfs(inst, { invariants: invariantsOf(inst), maxDepth: 4 });
    expect([full.result, full.distinctStates]).toEqual(['holds', 5]);
  });

  it('says incomplete when --max-states is hit, and stores no more than the bound', () => {
    const inst = graphInstance(diamond);
    const r = bfs(inst, { invariants: [], maxStates: 3 });
    expect([r.result, r.bound, r.distinctStates]).toEqual(['incomplete', 'max-states', 3]);
    const exact = bfs(inst, { invariants: [], maxStates: 5 });
    expect(exact.result).toBe('holds');
  });

  it('says incomplete when the time limit passes', () => {
    // A long chain: 200,000 states cannot be explored in a microsecond.
    const n = 200_000;
    const inst = graphInstance({ init: [0], edges: Array.from({ length: n }, (_, i) => (i + 1 < n ? [i + 1] : [])) });
    const r = bfs(inst, { invariants: [], timeLimit: 1e-6 });
    expect([r.result, r.bound]).toEqual(['incomplete', 'time-limit']);
    expect(r.distinctStates).toBeLessThan(n);
  });

  it('records the shortest path to each witness target and keeps searching', () => {
    const inst = graphInstance(diamond);
    const r = bfs(inst, { invariants: [], witnesses: [{ name: 'four', holds: (s) => s === 4 }, { name: 'never', holds: (s) => s === 99 }] });
    expect(r.result).toBe('holds');
    expect(r.witnesses.get('four')!.map((p) => p.state)).toEqual([0, 1, 3, 4]);
    expect(r.witnesses.has('never')).toBe(false);
  });
});

const randomGraph = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    init: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 3 }),
    edges: fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 4 }), { minLength: n, maxLength: n }),
    bad: fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 2 }),
  }),
);

describe('bfs agrees with naive reachability', () => {
  it('on random graphs: distinct, generated, depth', () => {
    fc.assert(
      fc.property(randomGraph, (g) => {
        const inst = graphInstance({ ...g, bad: [] });
        const r = bfs(inst, { invariants: [] });
        const ref = naiveBfs(g);
        expect([r.distinctStates, r.statesGenerated, r.depth]).toEqual([ref.distinct, ref.generated, ref.depth]);
      }),
      { numRuns: 300 },
    );
  });

  it('on random graphs with bad nodes: a violation exactly when one is reachable, at the shortest distance, along real edges', () => {
    fc.assert(
      fc.property(randomGraph, (g) => {
        const inst = graphInstance(g);
        const r = bfs(inst, { invariants: invariantsOf(inst) });
        const ref = naiveBfs({ ...g, bad: [] });
        const reachableBad = g.bad.filter((b) => ref.dist.has(b));
        if (reachableBad.length === 0) {
          expect(r.result).toBe('holds');
          return;
        }
        expect(r.result).toBe('violation');
        const path = r.violation!.path.map((p) => p.state);
        expect(path.length).toBe(Math.min(...reachableBad.map((b) => ref.dist.get(b)!)));
        expect(g.init).toContain(path[0]);
        for (let i = 1; i < path.length; i++) expect(g.edges[path[i - 1]]).toContain(path[i]);
        expect(g.bad).toContain(path[path.length - 1]);
      }),
      { numRuns: 300 },
    );
  });
});
