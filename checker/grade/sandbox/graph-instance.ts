// The explored state graph of a submitted model as an Instance the engine searches like any model's: a
// state is a node's number, next() lists the node's recorded successors, views read the values the child
// sent (checked and converted when they arrived), show() gives the shown state. Nothing here calls the
// submission: the search, the instructor's properties and trace rebuilding all run on data in the
// grader's process. A node the exploration did not expand (the state bound was reached) has no successor
// and counts as terminal, so it is never reported as a deadlock.

import type { Instance, View } from '../../model.ts';
import type { StateGraph } from './explore.ts';

export function graphInstance(g: StateGraph): Instance<number> {
  const views: Record<string, View<number>> = Object.create(null);
  for (const [name, type] of Object.entries(g.viewTypes)) views[name] = { type, get: (id) => g.nodes[id].views[name] };
  return {
    init: () => g.initial,
    next: (id) => (g.nodes[id].succ ?? []).map((s) => ({ action: s.action, state: s.to })),
    invariants: {},
    views,
    sorts: g.sorts,
    encode: (id, w) => w.u32(id),
    show: (id) => g.nodes[id].shown,
    terminal: (id) => g.nodes[id].terminal || g.nodes[id].succ === undefined,
  };
}
