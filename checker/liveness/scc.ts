// Strongly connected components of a subgraph of a StateGraph (the states of `subset`, with the edges
// between them), by an iterative Tarjan: no recursion, so deep graphs do not overflow the stack.
// Components come out in reverse topological order: a component is emitted after every component it reaches.

import type { AnyGraph } from './graph.ts';

/** Reusable per-state scratch arrays for repeated SCC computations over one graph. */
export class SccScratch {
  readonly member: Int32Array;
  readonly index: Int32Array;
  readonly low: Int32Array;
  readonly onStack: Uint8Array;
  private token = 0;

  constructor(n: number) {
    this.member = new Int32Array(n);
    this.index = new Int32Array(n);
    this.low = new Int32Array(n);
    this.onStack = new Uint8Array(n);
  }

  /** Marks `ids` as the current subset; returns its token (member[id] === token). */
  mark(ids: ArrayLike<number>): number {
    const t = ++this.token;
    for (let i = 0; i < ids.length; i++) this.member[ids[i]] = t;
    return t;
  }
}

export function sccs(g: AnyGraph, subset: ArrayLike<number>, scratch: SccScratch): number[][] {
  const { offsets, edgeTo } = g;
  const token = scratch.mark(subset);
  const { member, index, low, onStack } = scratch;
  for (let i = 0; i < subset.length; i++) index[subset[i]] = -1;
  const result: number[][] = [];
  const stack: number[] = [];
  const callState: number[] = []; // state ids of the DFS call stack
  const callEdge: number[] = []; // next edge to look at, per call
  let counter = 0;
  for (let r = 0; r < subset.length; r++) {
    const root = subset[r];
    if (index[root] !== -1) continue;
    callState.push(root);
    callEdge.push(offsets[root]);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callState.length > 0) {
      const top = callState.length - 1;
      const v = callState[top];
      const e = callEdge[top];
      if (e < offsets[v + 1]) {
        callEdge[top] = e + 1;
        const w = edgeTo[e];
        if (w < 0 || member[w] !== token) continue;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          callState.push(w);
          callEdge.push(offsets[w]);
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      callState.pop();
      callEdge.pop();
      if (callState.length > 0) {
        const parent = callState[callState.length - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        result.push(comp);
      }
    }
  }
  return result;
}

/** Whether component `comp` (marked with `token` in member) has an edge inside it (a cycle). */
export function hasInternalEdge(g: AnyGraph, comp: readonly number[], member: Int32Array, token: number): boolean {
  for (const u of comp) {
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      const w = g.edgeTo[e];
      if (w >= 0 && member[w] === token) return true;
    }
  }
  return false;
}
