// The cost engine on explicit weighted graphs: fewest and most messages to the first decision, unbounded
// worst cases (a message-sending cycle before any decision), causal depth. Hand-computed cases, then
// fast-check against a brute force that walks every path up to a length and sees whether the most
// messages keep growing with it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delays, stepsOf } from '../../checker/cost/delays.ts';
import { buildGraph } from '../../checker/cost/graph.ts';
import { fewest, most, type GraphPath } from '../../checker/cost/paths.ts';
import type { CostProbe } from '../../checker/cost/types.ts';
import type { Instance } from '../../checker/model.ts';

/** Edge: [from, to, messages, actor, ids read]. Node states are numbers; `decided` nodes end a run. */
type Edge = readonly [number, number, number, string?, (readonly string[])?];

function weighted(edges: readonly Edge[], decided: readonly number[], faulty: readonly number[] = []) {
  const inst: Instance<number> = {
    init: () => [0],
    next: (s) => edges.flatMap((e, i) => (e[0] === s ? [{ action: { kind: 'step', actor: e[3] ?? 'p', detail: `edge ${i}` }, state: e[1] }] : [])),
    invariants: { ok: { description: 'always', holds: () => true } },
    encode: (s, w) => w.u32(s),
  };
  const edgeOf = (from: number, detail: string | undefined) => edges[Number(detail!.slice(5))];
  const probe: CostProbe<number> = {
    decided: (s) => decided.includes(s),
    faulty: (_from, step) => faulty.includes(Number(step.action.detail!.slice(5))),
    flow: (from, step) => {
      const e = edgeOf(from, step.action.detail);
      const id = step.action.detail!;
      return { actor: e[3] ?? 'p', sends: e[2] > 0 ? [{ id, recipients: e[2] }] : [], reads: e[4] ?? [] };
    },
  };
  return { inst, probe };
}

const run = (edges: readonly Edge[], decided: readonly number[], noFaultySteps = false, faulty: readonly number[] = []) => {
  const { inst, probe } = weighted(edges, decided, faulty);
  const g = buildGraph(inst, probe, { noFaultySteps, noFaultyInits: false });
  return { g, inst, probe, lo: fewest(g), hi: most(g) };
};

describe('fewest and most messages to the first decision', () => {
  it('takes the cheapest and the dearest way to a decided state, and stops at the first decision', () => {
    // 0 -3-> 1 -1-> 3 (decided) -5-> 4 (decided: never counted); 0 -1-> 2 -1-> 3; 0 -0-> 5 (dead end)
    const { g, inst, lo, hi } = run([[0, 1, 3], [1, 3, 1], [3, 4, 5], [0, 2, 1], [2, 3, 1], [0, 5, 0]], [3, 4]);
    const states = (p: GraphPath) => {
      const r = stepsOf(inst, g, p);
      return [r.init, ...r.steps.map((s) => s.step.state)];
    };
    expect(lo?.messages).toBe(2);
    expect(states(lo!)).toEqual([0, 2, 3]);
    expect(hi.kind === 'bounded' && hi.path.messages).toBe(4);
    expect(hi.kind === 'bounded' && states(hi.path)).toEqual([0, 1, 3]);
    expect(g.size).toBe(5); // 0, 1, 2, 5, 3: the decided state 3 is not expanded, so 4 is never reached
  });

  it('a cycle that sends messages before any decision is unbounded; a silent one is not', () => {
    const loud = run([[0, 1, 1], [1, 0, 1], [1, 2, 1]], [2]).hi;
    expect(loud.kind).toBe('unbounded');
    expect(loud.kind === 'unbounded' && loud.cycle.messages).toBe(2);
    const silent = run([[0, 1, 0], [1, 0, 0], [1, 2, 1], [0, 0, 0], [0, 3, 2], [3, 2, 0]], [2]).hi;
    expect(silent.kind === 'bounded' && silent.path.messages).toBe(2);
  });

  it('a loud cycle from which no decision is reachable does not count', () => {
    // 0 -> 1 -> 2 (decided); 0 -> 3 <-> 4 sending, never deciding
    const { hi } = run([[0, 1, 1], [1, 2, 1], [0, 3, 1], [3, 4, 1], [4, 3, 1]], [2]);
    expect(hi.kind === 'bounded' && hi.path.messages).toBe(2);
  });

  it('the failure-free graph leaves out faulty steps', () => {
    const edges: Edge[] = [[0, 1, 1], [1, 2, 1], [0, 2, 7]];
    expect(run(edges, [2], true, [2]).hi).toMatchObject({ kind: 'bounded', path: { messages: 2 } });
    expect(run(edges, [2], false, [2]).hi).toMatchObject({ kind: 'bounded', path: { messages: 7 } });
    expect(run([[0, 1, 1]], [1], true, [0]).hi.kind).toBe('undecided');
    // A left-out step before a kept one in next(): the path replays the kept step, not its position among the kept.
    const { g, inst, hi } = run([[0, 2, 7], [0, 1, 1], [1, 2, 1]], [2], true, [0]);
    if (hi.kind !== 'bounded') throw new Error('bounded expected');
    expect(stepsOf(inst, g, hi.path).steps.map((s) => s.step.state)).toEqual([1, 2]);
  });
});

describe('message delays (causal depth)', () => {
  it('counts one delay per message on the longest causal chain, not per step', () => {
    // p sends m1 (depth 0); q reads it (1) and sends m2; r, independently, sends m3 (0); p reads m2 and m3 (2).
    const edges: Edge[] = [
      [0, 1, 1, 'p'],
      [1, 2, 1, 'q', ['edge 0']],
      [2, 3, 1, 'r'],
      [3, 4, 0, 'p', ['edge 1', 'edge 2']],
    ];
    const { g, inst, probe, hi } = run(edges, [4]);
    expect(hi.kind).toBe('bounded');
    if (hi.kind !== 'bounded') return;
    expect(delays(probe, stepsOf(inst, g, hi.path))).toBe(2);
    // The same steps where the decision is known only when the deciding step's messages arrive: one more.
    expect(delays({ ...probe, decidedOnArrival: true }, stepsOf(inst, g, hi.path))).toBe(3);
  });

  it("an actor's later step is never earlier than its previous one; unknown reads add nothing", () => {
    const edges: Edge[] = [
      [0, 1, 1, 'p'],
      [1, 2, 0, 'q', ['edge 0']],
      [2, 3, 0, 'q', ['sent in advance']],
    ];
    const { g, inst, probe, hi } = run(edges, [3]);
    if (hi.kind !== 'bounded') throw new Error('bounded expected');
    expect(delays(probe, stepsOf(inst, g, hi.path))).toBe(1);
  });
});

/**
 * Brute force by walk length (Bellman-Ford style, no components): the most and fewest messages over walks
 * of at most `len` steps from 0 that end at their first decided node (-1 if there is none).
 */
function brute(edges: readonly Edge[], decided: readonly number[], len: number): { most: number; fewest: number } {
  const nodes = 6;
  let hi = Array.from({ length: nodes }, (_, s) => (decided.includes(s) ? 0 : -Infinity));
  let lo = Array.from({ length: nodes }, (_, s) => (decided.includes(s) ? 0 : Infinity));
  for (let k = 0; k < len; k++) {
    const h2 = hi.slice();
    const l2 = lo.slice();
    for (const [from, to, w] of edges) {
      if (decided.includes(from)) continue;
      h2[from] = Math.max(h2[from], w + hi[to]);
      l2[from] = Math.min(l2[from], w + lo[to]);
    }
    hi = h2;
    lo = l2;
  }
  return { most: hi[0] === -Infinity ? -1 : hi[0], fewest: lo[0] === Infinity ? -1 : lo[0] };
}

describe('against a brute force over walks', () => {
  it('agrees on random graphs of up to 6 nodes', () => {
    const graph = fc.record({
      edges: fc.array(fc.tuple(fc.nat(5), fc.nat(5), fc.nat(3)), { maxLength: 12 }),
      decided: fc.uniqueArray(fc.nat(5), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(graph, ({ edges, decided }) => {
        const { lo, hi } = run(edges, decided);
        // Walks longer than the nodes twice over either repeat a loud cycle (more messages) or not.
        const short = brute(edges, decided, 12);
        const long = brute(edges, decided, 24);
        expect(lo?.messages ?? -1).toBe(short.fewest);
        if (hi.kind === 'undecided') expect(short.most).toBe(-1);
        else if (hi.kind === 'unbounded') expect(long.most).toBeGreaterThan(short.most);
        else {
          expect(hi.path.messages).toBe(short.most);
          expect(long.most).toBe(short.most);
        }
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });
});
