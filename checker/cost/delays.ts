// Message delays on a run's critical path, as causal depth: a step's depth is the largest of its actor's
// previous step's depth and, for each message it reads, one more than the depth of the step that sent it
// (messages of the initial state are sent at depth 0; a message no step of the run sent, e.g. one of a
// phase done in advance, adds nothing). The decision's delay is the depth of the step that first reaches a
// decided state, plus one when the decision is known only where that step's messages arrive.

import type { Action, Instance, Step } from '../model.ts';
import type { CostGraph } from './graph.ts';
import type { GraphPath } from './paths.ts';
import type { CostProbe } from './types.ts';

export interface RunSteps<S> {
  readonly init: S;
  readonly steps: readonly { readonly from: S; readonly step: Step<S> }[];
}

/** The steps of a graph path, replayed with next() from its initial state (the graph keeps no states). */
export function stepsOf<S>(inst: Instance<S>, g: CostGraph<S>, path: GraphPath): RunSteps<S> {
  const init = g.inits[path.init].state;
  let state = init;
  const steps = path.edges.map((e) => {
    const from = state;
    const step = inst.next(from)[g.step[e]];
    state = step.state;
    return { from, step };
  });
  return { init, steps };
}

export function delays<S>(probe: CostProbe<S>, run: RunSteps<S>): number {
  const actorDepth = new Map<string, number>();
  const sentAt = new Map<string, number>();
  for (const m of probe.initialFlow?.(run.init).sends ?? []) sentAt.set(m.id, 0);
  let depth = 0;
  for (const { from, step } of run.steps) {
    const f = probe.flow(from, step);
    depth = f.actor !== undefined ? (actorDepth.get(f.actor) ?? 0) : 0;
    for (const id of f.reads ?? []) {
      const at = sentAt.get(id);
      if (at !== undefined) depth = Math.max(depth, at + 1);
    }
    if (f.actor !== undefined) actorDepth.set(f.actor, depth);
    for (const m of f.sends ?? []) if (!sentAt.has(m.id)) sentAt.set(m.id, depth);
  }
  return run.steps.length === 0 ? 0 : depth + (probe.decidedOnArrival ? 1 : 0);
}

/** The run's actions, for a report that shows the path. */
export const actionsOf = <S>(run: RunSteps<S>): Action[] => run.steps.map((s) => s.step.action);
