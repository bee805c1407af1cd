// Shrinking a counterexample found by a random walk (`clab simulate`; breadth-first search finds shortest
// traces already), as in delta debugging: steps are removed while the remaining action labels still replay
// (each label must be enabled, in order, from the same initial state) and still reach the property's
// target. The replay stops at the first state that reaches it, so a candidate may come back even shorter
// than asked for.
//   1. all steps of one actor at a time (processes irrelevant to the violation disappear in one go);
//   2. ddmin (Zeller & Hildebrandt) over the remaining steps: chunks of halving size, down to single steps.
// The result is 1-minimal: removing any single step breaks the replay or the violation. It is not always
// a shortest trace (breadth-first search finds those), but it is one whenever every step a shortest trace
// needs is also needed by any trace, as in the shipped examples.

import type { PathStep, Predicate } from '../search/types.ts';
import type { Action, Instance } from '../model.ts';
import { canonicalJson } from './trace-file.ts';

export interface MinimizeOptions {
  /** 'violate' (default): the trace ends where the predicate fails (an invariant); 'satisfy': where it holds (a witness). */
  readonly goal?: 'violate' | 'satisfy';
}

export function minimizeTrace<S>(inst: Instance<S>, path: readonly PathStep<S>[], predicate: Predicate<S>, opts: MinimizeOptions = {}): PathStep<S>[] {
  if (path.length === 0) throw new Error('minimizeTrace: empty path');
  const reached = opts.goal === 'satisfy' ? (s: S) => predicate.holds(s) : (s: S) => !predicate.holds(s);
  const start = path[0].state;

  /** Replays labels from the initial state; the path up to the first state that reaches the goal, or undefined. */
  const replay = (actions: readonly Action[]): PathStep<S>[] | undefined => {
    const out: PathStep<S>[] = [{ action: null, state: start }];
    if (reached(start)) return out;
    let state = start;
    for (const a of actions) {
      const key = canonicalJson(a);
      const step = inst.next(state).find((st) => canonicalJson(st.action) === key);
      if (!step) return undefined;
      state = step.state;
      out.push(step);
      if (reached(state)) return out;
    }
    return undefined;
  };
  const actionsOf = (p: readonly PathStep<S>[]) => p.slice(1).map((st) => st.action!);

  let best = replay(actionsOf(path));
  if (!best) throw new Error(`minimizeTrace: the path does not ${opts.goal === 'satisfy' ? 'satisfy' : 'violate'} ${predicate.name}`);

  // 1. Drop whole actors while that still works.
  for (let changed = true; changed; ) {
    changed = false;
    const actors = [...new Set(actionsOf(best).map((a) => a.actor ?? ''))];
    for (const actor of actors) {
      const shorter = replay(actionsOf(best).filter((a) => (a.actor ?? '') !== actor));
      if (shorter) {
        best = shorter;
        changed = true;
        break;
      }
    }
  }

  // 2. ddmin: try removing each of n chunks; on success continue with coarser chunks, else refine.
  let n = 2;
  while (best.length - 1 >= 2) {
    const actions = actionsOf(best);
    const size = Math.ceil(actions.length / n);
    let removed = false;
    for (let from = 0; from < actions.length; from += size) {
      const shorter = replay([...actions.slice(0, from), ...actions.slice(from + size)]);
      if (shorter) {
        best = shorter;
        n = Math.max(n - 1, 2);
        removed = true;
        break;
      }
    }
    if (removed) continue;
    if (size === 1) break;
    n = Math.min(n * 2, actions.length);
  }
  return best;
}
