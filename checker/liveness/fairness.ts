// Fairness assumptions turned into constraints over a graph's interned action ids: one constraint per
// assumption, or one per distinct matching label when `perAction` is set. A constraint whose class has no
// action in the graph is dropped (it is never enabled, so it never constrains a run).

import type { Action } from '../model.ts';
import { formatAction } from '../trace/format.ts';
import type { Fairness } from './types.ts';

export interface FairnessConstraint {
  readonly strong: boolean;
  /** For messages: `weak fairness of p1 receives ...`. */
  readonly description: string;
  /** inClass[actionId] === 1 when the action belongs to the class. */
  readonly inClass: Uint8Array;
}

export function matchesFairness(f: Fairness, a: Action): boolean {
  return (f.kind === undefined || a.kind === f.kind) && (f.actor === undefined || a.actor === f.actor);
}

export function describeFairness(f: Fairness): string {
  const what = [f.actor ? `actor ${f.actor}` : '', f.kind ? `kind '${f.kind}'` : ''].filter(Boolean).join(', ') || 'every action';
  return `${f.strength} fairness on ${f.perAction ? 'each action of ' : ''}${what}`;
}

/** The assumptions that match no action label of the graph (most likely a misspelt process or kind). */
export function unmatchedFairness(fairness: readonly Fairness[], actions: readonly Action[]): Fairness[] {
  return fairness.filter((f) => !actions.some((a) => matchesFairness(f, a)));
}

export function expandFairness(fairness: readonly Fairness[], actions: readonly Action[]): FairnessConstraint[] {
  const out: FairnessConstraint[] = [];
  for (const f of fairness) {
    const matching: number[] = [];
    actions.forEach((a, i) => {
      if (matchesFairness(f, a)) matching.push(i);
    });
    if (matching.length === 0) continue; // never enabled: constrains nothing
    const groups = f.perAction ? matching.map((i) => [i]) : [matching];
    for (const group of groups) {
      const inClass = new Uint8Array(actions.length);
      for (const i of group) inClass[i] = 1;
      const description = f.perAction ? `${f.strength} fairness on '${formatAction(actions[group[0]])}'` : describeFairness(f);
      out.push({ strong: f.strength === 'strong', description, inClass });
    }
  }
  return out;
}
