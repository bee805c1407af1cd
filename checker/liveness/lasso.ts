// Building a lasso on the stored graph: a cycle through a fair component that takes (or passes a state
// disabling) what every fairness constraint requires, and a shortest prefix from an initial state to it.
// The prefix is a BFS over (state, phase): phase 0 goes anywhere, phase 1 only through the property's
// "stay" states (e.g. ¬Q for P ~> Q); a state may switch from phase 0 to 1 when it is an "entry" state.

import type { FairComponent } from './fair-cycle.ts';
import type { FairnessConstraint } from './fairness.ts';
import type { AnyGraph } from './graph.ts';
import { shortestPath, type PathEdge } from './paths.ts';

/** A cycle inside `comp` from and back to `start`, meeting every constraint, with at least one edge. */
export function fairCycle(g: AnyGraph, comp: FairComponent, constraints: readonly FairnessConstraint[], start: number): PathEdge[] {
  const inComp = new Set(comp.states);
  const inside = (id: number) => inComp.has(id);
  const cycle: PathEdge[] = [];
  const visitedStates = new Set<number>([start]);
  let cur = start;
  const walk = (path: PathEdge[]) => {
    for (const pe of path) {
      cycle.push(pe);
      cur = g.edgeTo[pe.edge];
      visitedStates.add(cur);
    }
  };
  constraints.forEach((c, ci) => {
    const e = comp.takenEdge[ci];
    if (e >= 0) {
      if (cycle.some((pe) => c.inClass[g.edgeAction[pe.edge]] === 1)) return;
      const src = edgeSource(g, e);
      walk(shortestPath(g, cur, (id) => id === src, inside)!);
      walk([{ from: src, edge: e }]);
    } else if (comp.disabledState[ci] >= 0 && !c.strong) {
      const d = comp.disabledState[ci];
      if (visitedStates.has(d)) return;
      walk(shortestPath(g, cur, (id) => id === d, inside)!);
    }
  });
  walk(shortestPath(g, cur, (id) => id === start, inside, cycle.length === 0)!);
  return cycle;
}

/** The state an edge leaves from (edges are stored by source in CSR rows: binary search the offsets). */
export function edgeSource(g: AnyGraph, e: number): number {
  let lo = 0;
  let hi = g.size - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (g.offsets[mid] <= e) lo = mid;
    else hi = mid - 1;
  }
  while (lo + 1 < g.size && g.offsets[lo + 1] <= e) lo++; // skip states without edges (none in practice)
  return lo;
}

export interface PhaseSpec {
  /** Initial states may start in phase 0 (false: they must be entry states and start in phase 1). */
  readonly phase0: boolean;
  readonly entry: (id: number) => boolean;
  readonly stay: (id: number) => boolean;
}

/** Shortest prefix from an initial state to a state of `targets` reached in phase 1, or null. */
export function phasedPrefix(g: AnyGraph, spec: PhaseSpec, targets: ReadonlySet<number>): { start: number; edges: PathEdge[]; end: number } | null {
  const n = g.size;
  const prev = new Int32Array(2 * n).fill(-2); // -2 unseen, -1 root, else the previous node
  const prevEdge = new Int32Array(2 * n).fill(-1); // -1: a phase switch (no step)
  const queue: number[] = [];
  const see = (node: number, from: number, edge: number) => {
    if (prev[node] !== -2) return false;
    prev[node] = from;
    prevEdge[node] = edge;
    queue.push(node);
    return true;
  };
  const enter0 = (u: number, from: number, edge: number) => {
    if (see(2 * u, from, edge) && spec.entry(u) && spec.stay(u)) see(2 * u + 1, 2 * u, -1);
  };
  for (const i of g.initial) {
    if (spec.phase0) enter0(i, -1, -1);
    else if (spec.entry(i) && spec.stay(i)) see(2 * i + 1, -1, -1);
  }
  for (let h = 0; h < queue.length; h++) {
    const node = queue[h];
    const u = node >> 1;
    const phase = node & 1;
    if (phase === 1 && targets.has(u)) {
      const edges: PathEdge[] = [];
      let cur = node;
      let start = u;
      while (cur >= 0) {
        const p = prev[cur];
        if (prevEdge[cur] >= 0) edges.push({ from: p >> 1, edge: prevEdge[cur] });
        start = cur >> 1;
        cur = p;
      }
      return { start, edges: edges.reverse(), end: u };
    }
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      const w = g.edgeTo[e];
      if (w < 0) continue;
      if (phase === 0) enter0(w, node, e);
      else if (spec.stay(w)) see(2 * w + 1, node, e);
    }
  }
  return null;
}
