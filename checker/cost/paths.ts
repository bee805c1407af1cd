// Paths through a cost graph (graph.ts) from an initial state to the first decided state: the one with the
// fewest messages (Dijkstra: weights are non-negative) and the one with the most. The most is finite only
// if no cycle among undecided states that can still reach a decision sends a message: such a cycle can be
// gone round any number of times before the decision, so the count is unbounded, and the cycle is returned
// as the witness. Otherwise the strongly connected components, whose inner edges then send nothing, form a
// DAG, and the longest path is a dynamic programme over it.

import type { CostGraph } from './graph.ts';

/** A path: its initial state's place in g.inits, and the edges taken (edge ids). */
export interface GraphPath {
  readonly init: number;
  readonly edges: readonly number[];
  readonly messages: number;
}

/** A cycle: the node it starts from and its edges. */
export interface GraphCycle {
  readonly start: number;
  readonly edges: readonly number[];
  readonly messages: number;
}

export type MostResult = { readonly kind: 'bounded'; readonly path: GraphPath } | { readonly kind: 'unbounded'; readonly cycle: GraphCycle } | { readonly kind: 'undecided' };

/** Nodes from which a decided node can be reached (the decided ones included). */
export function coReachable<S>(g: CostGraph<S>): Uint8Array {
  // Reverse edges, flat: count, then place.
  const rfirst = new Int32Array(g.size + 1);
  for (let e = 0; e < g.to.length; e++) rfirst[g.to[e] + 1]++;
  for (let v = 0; v < g.size; v++) rfirst[v + 1] += rfirst[v];
  const rfrom = new Int32Array(g.to.length);
  const fill = rfirst.slice(0, g.size);
  for (let u = 0; u < g.size; u++) for (let e = g.first[u]; e < g.first[u + 1]; e++) rfrom[fill[g.to[e]]++] = u;
  const ok = g.decided.slice();
  const stack: number[] = [];
  for (let i = 0; i < g.size; i++) if (ok[i]) stack.push(i);
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (let j = rfirst[v]; j < rfirst[v + 1]; j++) {
      const u = rfrom[j];
      if (!ok[u]) ((ok[u] = 1), stack.push(u));
    }
  }
  return ok;
}

export function fewest<S>(g: CostGraph<S>): GraphPath | undefined {
  const dist = new Float64Array(g.size).fill(Infinity);
  const via = new Int32Array(g.size).fill(-1); // the edge that reached the node
  const root = new Int32Array(g.size).fill(-1); // the initial state a node was reached from (its place in g.inits)
  const heap = new MinHeap();
  g.inits.forEach(({ node, weight }, k) => {
    if (weight < dist[node]) ((dist[node] = weight), (root[node] = k), heap.push(weight, node));
  });
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > dist[u]) continue;
    if (g.decided[u]) {
      const edges: number[] = [];
      let v = u;
      while (via[v] >= 0) {
        edges.push(via[v]);
        v = fromOf(g, via[v]);
      }
      return { init: root[v], edges: edges.reverse(), messages: d };
    }
    for (let e = g.first[u]; e < g.first[u + 1]; e++) {
      const v = g.to[e];
      if (d + g.weight[e] < dist[v]) {
        dist[v] = d + g.weight[e];
        via[v] = e;
        heap.push(dist[v], v);
      }
    }
  }
  return undefined;
}

/** A shortest path (in edges) from an initial state to `node`, for replaying a cycle's witness. */
export function pathTo<S>(g: CostGraph<S>, node: number): GraphPath {
  const via = new Int32Array(g.size).fill(-2);
  const queue: number[] = [];
  for (const { node: i } of g.inits) if (via[i] === -2) ((via[i] = -1), queue.push(i));
  for (let h = 0; h < queue.length && via[node] === -2; h++) {
    const u = queue[h];
    for (let e = g.first[u]; e < g.first[u + 1]; e++) if (via[g.to[e]] === -2) ((via[g.to[e]] = e), queue.push(g.to[e]));
  }
  const edges: number[] = [];
  let v = node;
  while (via[v] >= 0) {
    edges.push(via[v]);
    v = fromOf(g, via[v]);
  }
  return { init: g.inits.findIndex((x) => x.node === v), edges: edges.reverse(), messages: edges.reduce((n, e) => n + g.weight[e], 0) };
}

/** The node an edge leaves (binary search over first[]). */
function fromOf<S>(g: CostGraph<S>, e: number): number {
  let lo = 0;
  let hi = g.size - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (g.first[mid] <= e) lo = mid;
    else hi = mid - 1;
  }
  // Nodes without edges share their first[] with the next node: take the last node starting at or before e
  // that has e among its edges.
  while (g.first[lo + 1] <= e) lo++;
  return lo;
}

export function most<S>(g: CostGraph<S>): MostResult {
  const live = coReachable(g);
  const inside = (v: number) => live[v] === 1 && g.decided[v] === 0;
  const of = components(g, inside);
  // A message-sending edge inside a component lies on a cycle of undecided states that can still decide.
  for (let u = 0; u < g.size; u++) {
    if (!inside(u)) continue;
    for (let e = g.first[u]; e < g.first[u + 1]; e++) {
      if (g.weight[e] > 0 && inside(g.to[e]) && of.comp[g.to[e]] === of.comp[u]) return { kind: 'unbounded', cycle: cycleThrough(g, of.comp, u, e) };
    }
  }
  // best[v]: the most messages from v to a decided node. Components come out of Tarjan's algorithm sinks
  // first, so every edge leaving a component leads to one already done; inner edges send nothing, so every
  // member of a component has the same best, reached through the component's best leaving edge.
  const best = new Float64Array(g.size).fill(-1);
  const exit = new Int32Array(of.count).fill(-1); // component -> its best leaving edge
  for (let i = 0; i < g.size; i++) if (g.decided[i]) best[i] = 0;
  for (let c = 0; c < of.count; c++) {
    let top = -1;
    for (const u of of.members[c]) {
      for (let e = g.first[u]; e < g.first[u + 1]; e++) {
        const v = g.to[e];
        if (of.comp[v] === c || best[v] < 0) continue;
        if (g.weight[e] + best[v] > top) ((top = g.weight[e] + best[v]), (exit[c] = e));
      }
    }
    for (const u of of.members[c]) best[u] = top;
  }
  let start = -1;
  let total = -1;
  g.inits.forEach(({ node, weight }, k) => {
    if (best[node] >= 0 && best[node] + weight > total) ((total = best[node] + weight), (start = k));
  });
  if (start < 0) return { kind: 'undecided' };
  const edges: number[] = [];
  for (let u = g.inits[start].node; !g.decided[u]; ) {
    const e = exit[of.comp[u]];
    const member = fromOf(g, e);
    edges.push(...pathWithin(g, of.comp, u, member), e);
    u = g.to[e];
  }
  return { kind: 'bounded', path: { init: start, edges, messages: total } };
}

/** The edges of a path from `from` to `to` inside one component (breadth-first over its inner edges). */
function pathWithin<S>(g: CostGraph<S>, comp: Int32Array, from: number, to: number): number[] {
  const via = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let h = 0; h < queue.length && !via.has(to); h++) {
    const u = queue[h];
    for (let e = g.first[u]; e < g.first[u + 1]; e++) {
      const v = g.to[e];
      if (comp[v] === comp[from] && !via.has(v)) ((via.set(v, e), queue.push(v)));
    }
  }
  const edges: number[] = [];
  for (let v = to; v !== from; ) {
    const e = via.get(v)!;
    edges.push(e);
    v = fromOf(g, e);
  }
  return edges.reverse();
}

/** The cycle made of edge e (leaving u) and a path back to u inside its component. */
function cycleThrough<S>(g: CostGraph<S>, comp: Int32Array, u: number, e: number): GraphCycle {
  const edges = [e, ...pathWithin(g, comp, g.to[e], u)];
  return { start: u, edges, messages: edges.reduce((n, x) => n + g.weight[x], 0) };
}

/** Tarjan's strongly connected components of the nodes `inside`, iteratively, sinks first. */
function components<S>(g: CostGraph<S>, inside: (v: number) => boolean): { comp: Int32Array; members: number[][]; count: number } {
  const n = g.size;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const comp = new Int32Array(n).fill(-1);
  const members: number[][] = [];
  const stack: number[] = [];
  const work: number[] = []; // pairs: node, next edge
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (!inside(root) || index[root] >= 0) continue;
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    work.push(root, g.first[root]);
    while (work.length > 0) {
      const u = work[work.length - 2];
      const e = work[work.length - 1];
      if (e < g.first[u + 1]) {
        work[work.length - 1] = e + 1;
        const v = g.to[e];
        if (!inside(v)) continue;
        if (index[v] < 0) {
          index[v] = low[v] = counter++;
          stack.push(v);
          onStack[v] = 1;
          work.push(v, g.first[v]);
        } else if (onStack[v]) low[u] = Math.min(low[u], index[v]);
        continue;
      }
      work.length -= 2;
      if (work.length > 0) {
        const p = work[work.length - 2];
        low[p] = Math.min(low[p], low[u]);
      }
      if (low[u] === index[u]) {
        const c: number[] = [];
        let v: number;
        do {
          v = stack.pop()!;
          onStack[v] = 0;
          comp[v] = members.length;
          c.push(v);
        } while (v !== u);
        members.push(c);
      }
    }
  }
  return { comp, members, count: members.length };
}

/** A binary min-heap of [key, value] pairs. */
class MinHeap {
  private readonly keys: number[] = [];
  private readonly vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, val: number): void {
    const { keys, vals } = this;
    let i = keys.length;
    keys.push(key);
    vals.push(val);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      vals[i] = vals[p];
      i = p;
    }
    keys[i] = key;
    vals[i] = val;
  }
  pop(): [number, number] {
    const { keys, vals } = this;
    const top: [number, number] = [keys[0], vals[0]];
    const key = keys.pop()!;
    const val = vals.pop()!;
    if (keys.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= keys.length) break;
        if (c + 1 < keys.length && keys[c + 1] < keys[c]) c++;
        if (keys[c] >= key) break;
        keys[i] = keys[c];
        vals[i] = vals[c];
        i = c;
      }
      keys[i] = key;
      vals[i] = val;
    }
    return top;
  }
}
