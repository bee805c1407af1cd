// checkLiveness: explores the reachable graph once, then decides each temporal property on it under the
// fairness assumptions, with a lasso counterexample for a violation. A violation found in a graph cut off
// by maxStates is real (every state on it was expanded and what is enabled there is known exactly); a
// property not violated there is "incomplete".

import { ClabError } from '../errors.ts';
import type { Configured } from '../load/configure.ts';
import type { Instance } from '../model.ts';
import type { Verdict } from '../search/types.ts';
import { findFairComponent } from './fair-cycle.ts';
import { describeFairness, expandFairness, unmatchedFairness, type FairnessConstraint } from './fairness.ts';
import { buildGraph, isDeadlock, STUTTER, type ActionInterner, type StateGraph, type AnyGraph } from './graph.ts';
import { fairCycle, phasedPrefix, type PhaseSpec } from './lasso.ts';
import { rebuildSteps, type PathEdge } from './paths.ts';
import type { Counterexample, LivenessOptions, LivenessResult, PropertyVerdict, TemporalProperty } from './types.ts';

type Graph<S> = StateGraph<S> & { interner: ActionInterner };

export function checkLiveness<S>(inst: Instance<S>, opts: LivenessOptions<S>): LivenessResult<S> {
  if (opts.symmetry) {
    throw new ClabError(
      'symmetry reduction cannot be combined with temporal properties',
      'a cycle in the symmetry-reduced graph need not be a cycle of the model (fairness of one process can map to another): check temporal properties without symmetry',
    );
  }
  const start = performance.now();
  // One label per distinct predicate function.
  const predicates: ((s: S) => boolean)[] = [];
  const labelOf = (p: (s: S) => boolean) => {
    let i = predicates.indexOf(p);
    if (i < 0) i = predicates.push(p) - 1;
    return i;
  };
  const props = opts.properties.map((prop) => ({ prop, p: labelOf(prop.p), q: prop.kind === 'leadsto' ? labelOf(prop.q) : -1 }));
  const g = buildGraph(inst, { labels: predicates, maxStates: opts.maxStates });
  const unmatched = unmatchedFairness([...(opts.fairness ?? []), ...opts.properties.flatMap((p) => p.fairness ?? [])], g.actions);
  if (unmatched.length > 0 && !g.truncated) {
    const actors = [...new Set(g.actions.map((a) => a.actor).filter((a) => a !== undefined))];
    const kinds = [...new Set(g.actions.map((a) => a.kind))];
    throw new ClabError(
      `fairness assumption '${describeFairness(unmatched[0])}' matches no action of the model`,
      `processes (actors): ${actors.join(', ') || 'none'}; action kinds: ${kinds.map((k) => `"${k}"`).join(', ')}`,
    );
  }
  const global = expandFairness(opts.fairness ?? [], g.actions);
  const constraintsOf = (prop: TemporalProperty<S>) => (prop.fairness ? expandFairness(prop.fairness, g.actions) : global);
  const verdicts: PropertyVerdict<S>[] = props.map(({ prop, p, q }) => decide(g, prop, g.labels[p], q >= 0 ? g.labels[q] : undefined, constraintsOf(prop)));
  const deadlocks = deadlockReport(g);
  const result: Verdict = verdicts.some((v) => v.result === 'violation') ? 'violation' : g.truncated ? 'incomplete' : 'holds';
  return {
    result,
    distinctStates: g.size,
    transitions: countTransitions(g),
    seconds: (performance.now() - start) / 1000,
    bound: g.truncated ? (g.stopped ?? 'max-states') : undefined,
    properties: verdicts,
    deadlocks,
    fairnessConstraints: global.length,
  };
}

function countTransitions(g: AnyGraph): number {
  let n = 0;
  for (let e = 0; e < g.edgeCount; e++) if (g.edgeAction[e] !== STUTTER) n++;
  return n;
}

/** Decides one property on the graph. */
export function decide<S>(g: Graph<S>, prop: TemporalProperty<S>, P: Uint8Array, Q: Uint8Array | undefined, constraints: readonly FairnessConstraint[]): PropertyVerdict<S> {
  const ok = (cx?: Counterexample<S>): PropertyVerdict<S> => ({ name: prop.name, kind: prop.kind, result: cx ? 'violation' : g.truncated ? 'incomplete' : 'holds', ...(cx ? { counterexample: cx } : {}) });
  if (prop.kind === 'always') {
    const path = shortestPathFromInitial(g, (id) => P[id] === 0);
    return ok(path ? { steps: rebuildSteps(g, path.start, path.edges) } : undefined);
  }
  const spec: PhaseSpec =
    prop.kind === 'eventually'
      ? { phase0: false, entry: () => true, stay: (id) => P[id] === 0 }
      : prop.kind === 'always-eventually'
        ? { phase0: true, entry: () => true, stay: (id) => P[id] === 0 }
        : { phase0: true, entry: (id) => P[id] === 1, stay: (id) => Q![id] === 0 };
  const region = phaseOneRegion(g, spec);
  const comp = findFairComponent(g, region, constraints);
  if (!comp) return ok();
  const prefix = phasedPrefix(g, spec, new Set(comp.states))!;
  const cycle = fairCycle(g, comp, constraints, prefix.end);
  return ok(lassoOf(g, prefix.start, prefix.edges, cycle));
}

/** A lasso from a prefix and a cycle of edges; a stutter cycle becomes "stays here forever". */
export function lassoOf<S>(g: Graph<S>, start: number, prefix: readonly PathEdge[], cycle: readonly PathEdge[]): Counterexample<S> {
  const stutter = cycle.length === 1 && g.edgeAction[cycle[0].edge] === STUTTER;
  const steps = rebuildSteps(g, start, stutter ? prefix : [...prefix, ...cycle]);
  return { steps, loopStart: prefix.length };
}

/** States reachable in phase 1: from the entry states (initial ones only without phase 0) through stay states. */
function phaseOneRegion(g: AnyGraph, spec: PhaseSpec): number[] {
  const inRegion = new Uint8Array(g.size);
  const queue: number[] = [];
  const roots = spec.phase0 ? range(g.size) : g.initial;
  for (const i of roots) {
    if (spec.entry(i) && spec.stay(i) && !inRegion[i]) {
      inRegion[i] = 1;
      queue.push(i);
    }
  }
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
      const w = g.edgeTo[e];
      if (w >= 0 && !inRegion[w] && spec.stay(w)) {
        inRegion[w] = 1;
        queue.push(w);
      }
    }
  }
  return queue;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Shortest path from some initial state to a state where `target` holds. */
export function shortestPathFromInitial(g: AnyGraph, target: (id: number) => boolean): { start: number; edges: PathEdge[] } | null {
  const r = phasedPrefix(g, { phase0: true, entry: target, stay: () => true }, new Set(range(g.size).filter(target)));
  return r ? { start: r.start, edges: r.edges } : null;
}

function deadlockReport<S>(g: Graph<S>): LivenessResult<S>['deadlocks'] {
  let count = 0;
  let terminal = 0;
  for (let id = 0; id < g.size; id++) {
    if (!isDeadlock(g, id)) continue;
    if (g.terminal[id]) terminal++;
    else count++;
  }
  if (count === 0) return { count, terminal };
  const path = shortestPathFromInitial(g, (id) => isDeadlock(g, id) && g.terminal[id] === 0)!;
  return { count, terminal, path: rebuildSteps(g, path.start, path.edges) };
}

/** The temporal properties of a configured check: the spec's, else the model's own. */
export function temporalProperties(cfg: Configured): readonly TemporalProperty<unknown>[] {
  return cfg.properties.temporal ?? cfg.instance.temporal ?? [];
}
