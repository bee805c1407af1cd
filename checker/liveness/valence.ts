// Valence analysis (FLP): for a consensus model with a `decision` view (the set of values decided so far),
// label every reachable state with the set of decision values still reachable from it — 0-valent, 1-valent,
// bivalent or none — by one pass over the SCCs of the state graph in reverse topological order. Then the
// bivalent initial configurations (FLP Lemma 2) and, from a bivalent one, for an enabled step e, an extension
// σ not taking e after which taking e leads to a bivalent configuration again (Lemma 3), as a trace.

import { ClabError } from '../errors.ts';
import type { PathStep } from '../search/types.ts';
import type { Action, Instance } from '../model.ts';
import { buildGraph, STUTTER, type ActionInterner, type AnyGraph, type StateGraph } from './graph.ts';
import { rebuildSteps, type PathEdge } from './paths.ts';
import { SccScratch, sccs } from './scc.ts';
import { shortestPathFromInitial } from './check.ts';

export type ValenceClass = 'zero' | 'one' | 'bivalent' | 'none' | 'other';

export interface Lemma3Step<S> {
  /** The step e, enabled in the bivalent configuration the trace starts from. */
  readonly event: Action;
  /** C = steps[0] ... σ ... then e as the last step; the last configuration is bivalent. */
  readonly steps: readonly PathStep<S>[];
}

export interface ValenceResult<S> {
  readonly distinctStates: number;
  readonly valence: { readonly zero: number; readonly one: number; readonly bivalent: number; readonly none: number; readonly other: number };
  /** Bivalent initial configurations (FLP Lemma 2). */
  readonly bivalentInitial: readonly S[];
  readonly initial: number;
  /** Lemma 3 from the first bivalent initial configuration: one entry per step enabled there. */
  readonly lemma3: readonly { readonly event: Action; readonly found?: Lemma3Step<S> }[];
  /** The set of reachable decision values of a state (as a bitmask), by fingerprint lookup; -1 if unknown. */
  readonly valenceOf: (s: S) => number;
  readonly seconds: number;
}

/** The bitmask of a `decision` view value (a set of small non-negative ints). */
function decisionMask(v: unknown): number {
  let m = 0;
  for (const x of v as Iterable<unknown>) {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 30) throw new ClabError(`the decision view must be a set of small non-negative integers, got ${JSON.stringify(x)}`);
    m |= 1 << x;
  }
  return m;
}

export function classOf(mask: number): ValenceClass {
  if (mask === 0) return 'none';
  if (mask === 1) return 'zero';
  if (mask === 2) return 'one';
  return (mask & (mask - 1)) !== 0 ? 'bivalent' : 'other';
}

/** `0-valent`, `1-valent`, `bivalent`, `no decision reachable`, or `{2}-valent`. */
export function valenceLabel(mask: number): string {
  const c = classOf(mask);
  if (c === 'none') return 'no decision reachable';
  if (c === 'bivalent') return mask === 3 ? 'bivalent' : `multivalent {${bits(mask).join(',')}}`;
  return `${bits(mask)[0]}-valent`;
}

function bits(mask: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 31; i++) if ((mask >>> i) & 1) out.push(i);
  return out;
}

export function analyseValence<S>(inst: Instance<S>, opts: { maxStates?: number } = {}): ValenceResult<S> {
  const start = performance.now();
  const view = inst.views?.decision;
  if (!view) throw new ClabError('the model has no `decision` view', 'valence analysis needs a view `decision`: the set of values decided so far (e.g. [0] or [0, 1])');
  const g = buildGraph(inst, { word: (s) => decisionMask(view.get(s)), maxStates: opts.maxStates });
  if (g.truncated && g.stopped) throw new ClabError(`valence analysis ${g.stopped === 'interrupted' ? 'interrupted' : 'stopped at the time limit'} after ${g.size.toLocaleString('en-US')} configurations`, 'it needs the whole reachable graph: nothing is reported for a part of it', undefined, 3);
  if (g.truncated) throw new ClabError(`the state space has more than ${opts.maxStates} states`, 'valence needs the whole reachable graph: raise --max-states or use smaller constants', undefined, 3);
  const val = reachableDecisions(g);
  const counts = { zero: 0, one: 0, bivalent: 0, none: 0, other: 0 };
  for (let id = 0; id < g.size; id++) counts[classOf(val[id])]++;
  const bivalentIds = g.initial.filter((id) => classOf(val[id]) === 'bivalent');
  const initStates = g.inst.init();
  const out = new Uint32Array(2);
  const idOf = (s: S) => {
    g.fp(s, out);
    return g.visited.get(out[0], out[1]);
  };
  const bivalentInitial = initStates.filter((s) => bivalentIds.includes(idOf(s)));
  const lemma3 = bivalentIds.length > 0 ? lemma3Steps(g, val, bivalentIds[0]) : [];
  return {
    distinctStates: g.size,
    valence: counts,
    bivalentInitial,
    initial: g.initial.length,
    lemma3,
    valenceOf: (s) => {
      const id = idOf(s);
      return id < 0 ? -1 : val[id];
    },
    seconds: (performance.now() - start) / 1000,
  };
}

/** Per state, the bitmask of decision values of the states reachable from it (itself included). */
export function reachableDecisions(g: AnyGraph): Uint32Array {
  const val = new Uint32Array(g.size);
  const compOf = new Int32Array(g.size).fill(-1);
  const all = Array.from({ length: g.size }, (_, i) => i);
  // Tarjan emits a component after every component it reaches, so successors are done first.
  sccs(g, all, new SccScratch(g.size)).forEach((comp, ci) => {
    let m = 0;
    for (const u of comp) {
      compOf[u] = ci;
      m |= g.words![u];
    }
    for (const u of comp) {
      for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
        const w = g.edgeTo[e];
        if (w >= 0 && compOf[w] !== ci) m |= val[w];
      }
    }
    for (const u of comp) val[u] = m;
  });
  return val;
}

/** For each step e enabled at `c`: a shortest σ avoiding e such that e(σ(c)) is bivalent, if one exists. */
function lemma3Steps<S>(g: StateGraph<S> & { interner: ActionInterner }, val: Uint32Array, c: number): { event: Action; found?: Lemma3Step<S> }[] {
  const events = new Set<number>();
  for (let e = g.offsets[c]; e < g.offsets[c + 1]; e++) if (g.edgeAction[e] !== STUTTER) events.add(g.edgeAction[e]);
  const prefix = shortestPathFromInitial(g, (id) => id === c)!;
  return [...events].map((a) => {
    const prev = new Map<number, PathEdge | null>([[c, null]]);
    const queue = [c];
    for (let h = 0; h < queue.length; h++) {
      const u = queue[h];
      for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
        const w = g.edgeTo[e];
        if (w < 0) continue;
        if (g.edgeAction[e] === a) {
          if (classOf(val[w]) !== 'bivalent') continue;
          const sigma: PathEdge[] = [];
          for (let x = u; prev.get(x); x = prev.get(x)!.from) sigma.push(prev.get(x)!);
          sigma.reverse();
          const steps = rebuildSteps(g, prefix.start, [...prefix.edges, ...sigma, { from: u, edge: e }]).slice(prefix.edges.length);
          return { event: g.actions[a], found: { event: g.actions[a], steps } };
        }
        if (!prev.has(w)) {
          prev.set(w, { from: u, edge: e });
          queue.push(w);
        }
      }
    }
    return { event: g.actions[a] };
  });
}
