// Paths on the stored graph as lists of edges, and their concrete rebuild: full states are not stored, so
// the states and action labels along a path are recovered by re-running init() and next() and matching
// each successor's fingerprint and interned action id (the breadth-first search does the same with the
// successor indices in checker/search/parent-table.ts).

import { ModelError } from '../errors.ts';
import type { PathStep } from '../search/types.ts';
import type { ActionInterner, AnyGraph, StateGraph } from './graph.ts';

/** One edge of a path: from state `from` along edge index `edge` (its target is g.edgeTo[edge]). */
export interface PathEdge {
  readonly from: number;
  readonly edge: number;
}

/**
 * Shortest path (BFS) inside the states where `inside(id)` holds, from `from` to the first state where
 * `isTarget(id)` holds; with `nonEmpty`, at least one edge is taken (to find a cycle back to `from`).
 * Returns null if there is none.
 */
export function shortestPath(g: AnyGraph, from: number, isTarget: (id: number) => boolean, inside: (id: number) => boolean, nonEmpty = false): PathEdge[] | null {
  if (!nonEmpty && isTarget(from)) return [];
  const prevEdge = new Map<number, PathEdge>();
  const queue: number[] = [from];
  const seen = new Set<number>(nonEmpty ? [] : [from]);
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      const w = g.edgeTo[e];
      if (w < 0 || seen.has(w) || !inside(w)) continue;
      seen.add(w);
      prevEdge.set(w, { from: u, edge: e });
      if (isTarget(w)) {
        const path: PathEdge[] = [];
        let cur = w;
        do {
          const pe = prevEdge.get(cur)!;
          path.push(pe);
          cur = pe.from;
        } while (path.length === 0 || (cur !== from));
        return path.reverse();
      }
      queue.push(w);
    }
  }
  return null;
}

/** The concrete steps of a path of edges that starts at initial state `startId`. */
export function rebuildSteps<S>(g: StateGraph<S> & { interner: ActionInterner }, startId: number, edges: readonly PathEdge[]): PathStep<S>[] {
  const out = new Uint32Array(2);
  const idOf = (s: S) => {
    g.fp(s, out);
    return g.visited.get(out[0], out[1]);
  };
  const first = g.inst.init().find((s) => idOf(s) === startId);
  if (first === undefined) throw new ModelError('could not rebuild the trace: init() changed between calls', 'init() must be pure');
  const steps: PathStep<S>[] = [{ action: null, state: first }];
  for (const pe of edges) {
    const to = g.edgeTo[pe.edge];
    const actionId = g.edgeAction[pe.edge];
    const prev = steps[steps.length - 1].state;
    const step = g.inst.next(prev).find((st) => g.interner.find(st.action) === actionId && idOf(st.state) === to);
    if (!step) throw new ModelError('could not rebuild the trace: next() changed between calls', 'next() must be pure', undefined, pe.from);
    steps.push(step);
  }
  return steps;
}
