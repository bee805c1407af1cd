// Paths through a cost graph (graph.ts) from an initial state to the first decided state: the one with the
// fewest messages (Dijkstra: weights are non-negative) and the one with the most. The most is finite only
// if no cycle among undecided states that can still reach a decision sends a message: such a cycle can be
// gone round any number of times before the decision, so the count is unbounded, and the cycle is returned
// as the witness. Otherwise the strongly connected components, whose inner edges then send nothing, form a
// DAG, and the longest path is a dynamic programme over it.

import type { CostGraph } from './graph.ts';

/** A path: the node indices from an initial state to a decided one, and the edges taken (indices into out[node]). */
export interface GraphPath {
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
  readonly messages: number;
}

export type MostResult = { readonly kind: 'bounded'; readonly path: GraphPath } | { readonly kind: 'unbounded'; readonly cycle: GraphPath } | { readonly kind: 'undecided' };

/** Nodes from which a decided node can be reached (the decided ones included). */
export function coReachable<S>(g: CostGraph<S>): boolean[] {
  const rev: number[][] = g.states.map(() => []);
  g.out.forEach((es, u) => es.forEach(([v]) => rev[v].push(u)));
  const ok = g.decided.slice();
  const stack = ok.flatMap((d, i) => (d ? [i] : []));
  while (stack.length > 0) {
    const v = stack.pop()!;
    for (const u of rev[v]) if (!ok[u]) ((ok[u] = true), stack.push(u));
  }
  return ok;
}

export function fewest<S>(g: CostGraph<S>): GraphPath | undefined {
  const n = g.states.length;
  const dist = new Array<number>(n).fill(Infinity);
  const prev = new Array<number>(n).fill(-1);
  const prevEdge = new Array<number>(n).fill(-1);
  const heap = new MinHeap();
  for (const i of g.inits) if (g.initWeight.get(i)! < dist[i]) ((dist[i] = g.initWeight.get(i)!), heap.push(dist[i], i));
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > dist[u]) continue;
    if (g.decided[u]) return trace(g, u, prev, prevEdge, d);
    g.out[u].forEach(([v, w], k) => {
      if (d + w < dist[v]) {
        dist[v] = d + w;
        prev[v] = u;
        prevEdge[v] = k;
        heap.push(dist[v], v);
      }
    });
  }
  return undefined;
}

function trace<S>(g: CostGraph<S>, end: number, prev: number[], prevEdge: number[], messages: number): GraphPath {
  const nodes = [end];
  const edges: number[] = [];
  for (let v = end; prev[v] >= 0; v = prev[v]) {
    nodes.push(prev[v]);
    edges.push(prevEdge[v]);
  }
  return { nodes: nodes.reverse(), edges: edges.reverse(), messages };
}

export function most<S>(g: CostGraph<S>): MostResult {
  const live = coReachable(g);
  const inside = (v: number) => live[v] && !g.decided[v];
  const comp = components(g, inside);
  // A message-sending edge inside a component lies on a cycle of undecided states that can still decide.
  for (let u = 0; u < g.states.length; u++) {
    if (!inside(u)) continue;
    for (let k = 0; k < g.out[u].length; k++) {
      const [v, w] = g.out[u][k];
      if (w > 0 && inside(v) && comp.of[v] === comp.of[u]) return { kind: 'unbounded', cycle: cycleThrough(g, comp.of, u, k) };
    }
  }
  // best[v]: the most messages from v to a decided node. Components come out of Tarjan's algorithm sinks
  // first, so every edge leaving a component leads to one already done; inner edges send nothing, so every
  // member of a component has the same best, reached through the component's best leaving edge.
  const best = new Array<number>(g.states.length).fill(-1);
  const exit = new Map<number, [number, number]>(); // component -> [member, edge index]
  g.decided.forEach((d, i) => d && (best[i] = 0));
  for (let c = 0; c < comp.members.length; c++) {
    let top = -1;
    let at: [number, number] = [-1, -1];
    for (const u of comp.members[c]) {
      g.out[u].forEach(([v, w], k) => {
        if (comp.of[v] === c || best[v] < 0) return;
        if (w + best[v] > top) ((top = w + best[v]), (at = [u, k]));
      });
    }
    for (const u of comp.members[c]) best[u] = top;
    exit.set(c, at);
  }
  let start = -1;
  let total = -1;
  for (const i of g.inits) if (best[i] >= 0 && best[i] + g.initWeight.get(i)! > total) ((total = best[i] + g.initWeight.get(i)!), (start = i));
  if (start < 0) return { kind: 'undecided' };
  const nodes = [start];
  const edges: number[] = [];
  for (let u = start; !g.decided[u]; ) {
    const c = comp.of[u];
    const [member, k] = exit.get(c)!;
    const walk = pathWithin(g, comp.of, u, member);
    for (let j = 0; j < walk.edges.length; j++) ((edges.push(walk.edges[j]), nodes.push(walk.nodes[j + 1])));
    u = g.out[member][k][0];
    edges.push(k);
    nodes.push(u);
  }
  return { kind: 'bounded', path: { nodes, edges, messages: total } };
}

/** A path from `from` to `to` inside one component (breadth-first over its inner edges). */
function pathWithin<S>(g: CostGraph<S>, of: readonly number[], from: number, to: number): { nodes: number[]; edges: number[] } {
  const prev = new Map<number, [number, number]>([[from, [-1, -1]]]);
  const queue = [from];
  for (let h = 0; h < queue.length && !prev.has(to); h++) {
    const u = queue[h];
    g.out[u].forEach(([v], k) => {
      if (of[v] === of[from] && !prev.has(v)) ((prev.set(v, [u, k]), queue.push(v)));
    });
  }
  const nodes = [to];
  const edges: number[] = [];
  for (let v = to; v !== from; ) {
    const [u, k] = prev.get(v)!;
    nodes.push(u);
    edges.push(k);
    v = u;
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}

/** The cycle made of edge k of u and a path back to u inside its component. */
function cycleThrough<S>(g: CostGraph<S>, of: readonly number[], u: number, k: number): GraphPath {
  const [v, w] = g.out[u][k];
  const back = pathWithin(g, of, v, u);
  const messages = w + back.edges.reduce((n, e, j) => n + g.out[back.nodes[j]][e][1], 0);
  return { nodes: [u, ...back.nodes], edges: [k, ...back.edges], messages };
}

/** Tarjan's strongly connected components of the nodes `inside`, iteratively, sinks first. */
function components<S>(g: CostGraph<S>, inside: (v: number) => boolean): { of: number[]; members: number[][] } {
  const n = g.states.length;
  const index = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const onStack = new Array<boolean>(n).fill(false);
  const of = new Array<number>(n).fill(-1);
  const members: number[][] = [];
  const stack: number[] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (!inside(root) || index[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const top = work[work.length - 1];
      const [u, k] = top;
      if (k < g.out[u].length) {
        top[1]++;
        const v = g.out[u][k][0];
        if (!inside(v)) continue;
        if (index[v] < 0) {
          index[v] = low[v] = counter++;
          stack.push(v);
          onStack[v] = true;
          work.push([v, 0]);
        } else if (onStack[v]) low[u] = Math.min(low[u], index[v]);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const p = work[work.length - 1][0];
        low[p] = Math.min(low[p], low[u]);
      }
      if (low[u] === index[u]) {
        const c: number[] = [];
        let v: number;
        do {
          v = stack.pop()!;
          onStack[v] = false;
          of[v] = members.length;
          c.push(v);
        } while (v !== u);
        members.push(c);
      }
    }
  }
  return { of, members };
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
