// A model made from an explicit graph (node numbers, edge lists), for testing the engine against
// hand-computed answers and against naive reachability.

import { defineModel, type Instance, type Model } from '../../checker/model.ts';
import type { Predicate } from '../../checker/search/types.ts';

export interface Graph {
  readonly init: readonly number[];
  readonly edges: readonly (readonly number[])[];
  /** Nodes where the invariant `ok` is false. */
  readonly bad?: readonly number[];
}

export function graphInstance(g: Graph): Instance<number> {
  const bad = new Set(g.bad ?? []);
  return {
    init: () => g.init,
    next: (s) => (g.edges[s] ?? []).map((t) => ({ action: { kind: 'goes', actor: `n${s}`, detail: `to n${t}` }, state: t })),
    invariants: { ok: { description: 'not a bad node', holds: (s) => !bad.has(s) } },
    encode: (s, w) => w.u32(s),
  };
}

export function graphModel(g: Graph): Model<number> {
  return defineModel({ name: 'graph', summary: 'explicit graph', constants: {}, instantiate: () => graphInstance(g) });
}

export const invariantsOf = <S>(inst: Instance<S>): Predicate<S>[] => Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));

/** Naive reachability with levels: distinct nodes, generated count, number of levels, shortest distance. */
export function naiveBfs(g: Graph): { distinct: number; generated: number; depth: number; dist: Map<number, number> } {
  const dist = new Map<number, number>();
  let generated = g.init.length;
  let frontier: number[] = [];
  for (const s of g.init) if (!dist.has(s)) (dist.set(s, 1), frontier.push(s));
  let depth = frontier.length ? 1 : 0;
  while (frontier.length) {
    const next: number[] = [];
    for (const s of frontier) {
      for (const t of g.edges[s] ?? []) {
        generated++;
        if (!dist.has(t)) (dist.set(t, dist.get(s)! + 1), next.push(t));
      }
    }
    if (next.length) depth++;
    frontier = next;
  }
  return { distinct: dist.size, generated, depth, dist };
}
