// A test helper: an explicit little graph as a model. States are numbers 0..n-1, each edge carries an action
// label (kind, optional actor), and `marks` says which states satisfy the predicates P and Q.

import type { Action, Instance, Step } from '../../checker/model.ts';

export interface TestEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: string;
  readonly actor?: string;
}

export function graphInstance(n: number, edges: readonly TestEdge[], initial: readonly number[] = [0], terminal?: (s: number) => boolean): Instance<number> {
  const out: Step<number>[][] = Array.from({ length: n }, () => []);
  for (const e of edges) {
    const action: Action = e.actor !== undefined ? { kind: e.kind, actor: e.actor } : { kind: e.kind };
    out[e.from].push({ action, state: e.to });
  }
  return {
    init: () => initial,
    next: (s) => out[s],
    invariants: {},
    encode: (s, w) => w.u32(s),
    show: (s) => ({ s }),
    ...(terminal ? { terminal } : {}),
  };
}

/** `[from, to, kind, actor?]` tuples as edges. */
export const edges = (...es: [number, number, string, string?][]): TestEdge[] => es.map(([from, to, kind, actor]) => ({ from, to, kind, ...(actor ? { actor } : {}) }));
