// Coverage as TLC reports it (checker/search/coverage.ts): new states by action always, successors by
// action when asked; every new state but the initial ones is credited to exactly one action, and every
// successor to one action.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import { shippedModel } from '../../checker/load/registry.ts';
import type { Instance } from '../../checker/model.ts';

const twophase = () => {
  const m = shippedModel('twophase');
  return m.instantiate(resolveConstants(m, {}), undefined) as Instance<unknown>;
};
const predicates = (inst: Instance<unknown>) => Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds }));

describe('coverage', () => {
  it('new states by action (kind and message type), in the order first seen', () => {
    const inst = twophase();
    const r = bfs(inst, { invariants: predicates(inst) });
    expect(r.coverage).toEqual({
      initialStates: 1,
      actions: [
        { action: 'aborts, sends Abort', newStates: 22 },
        { action: 'prepares, sends Prepared', newStates: 64 },
        { action: 'chooses to abort', newStates: 64 },
        { action: 'receives Prepared', newStates: 21 },
        { action: 'receives Abort', newStates: 108 },
        { action: 'commits, sends Commit', newStates: 1 },
        { action: 'receives Commit', newStates: 7 },
      ],
    });
    expect(1 + r.coverage!.actions.reduce((a, x) => a + x.newStates, 0)).toBe(r.distinctStates);
  });

  it('with countFired, every successor by action too (self-loops and known states included)', () => {
    const inst = twophase();
    const r = bfs(inst, { invariants: predicates(inst), countFired: true });
    expect(r.coverage!.actions).toEqual([
      { action: 'aborts, sends Abort', fired: 64, newStates: 22 },
      { action: 'prepares, sends Prepared', fired: 156, newStates: 64 },
      { action: 'chooses to abort', fired: 156, newStates: 64 },
      { action: 'receives Abort', fired: 648, newStates: 108 },
      { action: 'receives Prepared', fired: 96, newStates: 21 },
      { action: 'commits, sends Commit', fired: 1, newStates: 1 },
      { action: 'receives Commit', fired: 24, newStates: 7 },
    ]);
    expect(r.coverage!.initialStates + r.coverage!.actions.reduce((a, x) => a + x.fired!, 0)).toBe(r.statesGenerated);
  });
});
