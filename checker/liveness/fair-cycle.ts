// Fair-cycle detection on the stored graph (the Emerson–Lei / Streett refinement): compute the SCCs of a
// region; a component with an internal edge is fair when every fairness constraint is met by the cycle that
// runs through all its states and edges:
//   weak c:   some internal edge is in class c, or c is disabled in some state of the component;
//   strong c: some internal edge is in class c, or c is disabled in every state of the component.
// A weak constraint that fails rules out every cycle inside the component (c stays enabled everywhere and no
// edge takes it). A strong constraint that fails rules out only the states where c is enabled: they are
// removed and the SCCs of what remains are examined again. This is sound and complete on the graph: a fair
// run's infinitely visited states always survive inside one examined component.

import { STUTTER, type AnyGraph } from './graph.ts';
import type { FairnessConstraint } from './fairness.ts';
import { hasInternalEdge, SccScratch, sccs } from './scc.ts';

export interface FairComponent {
  readonly states: readonly number[];
  /** Per constraint: an internal edge of its class (index into edgeTo), or -1. */
  readonly takenEdge: Int32Array;
  /** Per constraint: a state of the component where it is disabled, or -1. */
  readonly disabledState: Int32Array;
}

/** For each action id, the constraints whose class holds it. */
export function constraintsByAction(constraints: readonly FairnessConstraint[], actionCount: number): number[][] {
  const by: number[][] = Array.from({ length: actionCount }, () => []);
  constraints.forEach((c, ci) => {
    for (let a = 0; a < actionCount; a++) if (c.inClass[a]) by[a].push(ci);
  });
  return by;
}

/** A fair component inside `region` (state ids), or null when the region holds no fair cycle. */
export function findFairComponent(g: AnyGraph, region: readonly number[], constraints: readonly FairnessConstraint[], scratch = new SccScratch(g.size)): FairComponent | null {
  const byAction = constraintsByAction(constraints, g.actions.length);
  const k = constraints.length;
  const work: (readonly number[])[] = [region];
  while (work.length > 0) {
    const subset = work.pop()!;
    for (const comp of sccs(g, subset, scratch)) {
      const token = scratch.mark(comp);
      if (!hasInternalEdge(g, comp, scratch.member, token)) continue;
      const takenEdge = new Int32Array(k).fill(-1);
      const disabledState = new Int32Array(k).fill(-1);
      const enabledCount = new Int32Array(k);
      const lastSeen = new Int32Array(k).fill(-1);
      for (const u of comp) {
        for (let e = g.offsets[u]; e < g.offsets[u + 1]; e++) {
          const a = g.edgeAction[e];
          if (a === STUTTER) continue;
          const w = g.edgeTo[e];
          const internal = w >= 0 && scratch.member[w] === token;
          for (const c of byAction[a]) {
            if (lastSeen[c] !== u) {
              lastSeen[c] = u;
              enabledCount[c]++;
            }
            if (internal && takenEdge[c] < 0) takenEdge[c] = e;
          }
        }
        for (let c = 0; c < k; c++) if (lastSeen[c] !== u && disabledState[c] < 0) disabledState[c] = u;
      }
      let unfair = false;
      const removeClasses: number[] = [];
      for (let c = 0; c < k; c++) {
        if (takenEdge[c] >= 0) continue;
        if (!constraints[c].strong) {
          if (enabledCount[c] === comp.length) unfair = true;
        } else if (enabledCount[c] > 0) removeClasses.push(c);
      }
      if (unfair) continue;
      if (removeClasses.length === 0) return { states: comp, takenEdge, disabledState };
      const remove = new Set<number>();
      for (const u of comp) {
        for (let e = g.offsets[u]; e < g.offsets[u + 1] && !remove.has(u); e++) {
          const a = g.edgeAction[e];
          if (a !== STUTTER && removeClasses.some((c) => constraints[c].inClass[a])) remove.add(u);
        }
      }
      const rest = comp.filter((u) => !remove.has(u));
      if (rest.length > 0) work.push(rest);
    }
  }
  return null;
}
