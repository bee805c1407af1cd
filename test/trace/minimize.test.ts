// Trace minimisation (delta debugging): long random walks to a violation shrink to the length of the
// shortest counterexample breadth-first search finds, still replay step by step, and still violate.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import type { PathStep, Predicate } from '../../checker/search/types.ts';
import type { Instance } from '../../checker/model.ts';
import { minimizeTrace } from '../../checker/trace/minimize.ts';
import { canonicalJson } from '../../checker/trace/trace-file.ts';
import type { TwoPhaseState } from '../../models/twophase.ts';
import injected from '../fixtures/twophase-injected.ts';

function predicate(inst: Instance<TwoPhaseState>, name: string): Predicate<TwoPhaseState> {
  return { name, holds: inst.invariants[name].holds };
}

/**
 * A random walk (choices pick successors) until the predicate fails; undefined if it never does. Abort
 * steps are skipped: after one no RM can commit, so unguided walks almost never reach the violation.
 * Everything else (prepares in any order, repeated receipts, which are self-loops) is random.
 */
function walkToViolation(inst: Instance<TwoPhaseState>, p: Predicate<TwoPhaseState>, choices: readonly number[]): PathStep<TwoPhaseState>[] | undefined {
  const path: PathStep<TwoPhaseState>[] = [{ action: null, state: inst.init()[0] }];
  for (const c of choices) {
    const succ = inst.next(path[path.length - 1].state).filter((x) => !/abort/.test(x.action.kind) && x.action.message?.type !== 'Abort');
    if (succ.length === 0) return undefined;
    path.push(succ[c % succ.length]);
    if (!p.holds(path[path.length - 1].state)) return path;
  }
  return undefined;
}

/** Every step of `path` is a successor of the one before with that label. */
function replays(inst: Instance<TwoPhaseState>, path: readonly PathStep<TwoPhaseState>[]): boolean {
  return path.slice(1).every((st, i) => inst.next(path[i].state).some((x) => canonicalJson(x.action) === canonicalJson(st.action) && canonicalJson(x.state) === canonicalJson(st.state)));
}

describe.each([2, 3])('twophase rms=%i, neverCommits injected', (rms) => {
  const inst = injected.instantiate({ rms }, undefined);
  const p = predicate(inst, 'neverCommits');
  const shortest = bfs(inst, { invariants: [p] }).violation!.path.length - 1;

  it('breadth-first search finds the 2·rms+2-step counterexample', () => expect(shortest).toBe(2 * rms + 2));

  it('random walks to the violation shrink to that length', () => {
    let walks = 0;
    let longest = 0;
    fc.assert(
      fc.property(fc.array(fc.nat(99), { minLength: 200, maxLength: 200 }), (choices) => {
        const raw = walkToViolation(inst, p, choices);
        fc.pre(raw !== undefined);
        walks++;
        longest = Math.max(longest, raw!.length - 1);
        const min = minimizeTrace(inst, raw!, p);
        expect(min.length - 1).toBe(shortest);
        expect(min[0].state).toBe(raw![0].state);
        expect(replays(inst, min)).toBe(true);
        expect(p.holds(min[min.length - 1].state)).toBe(false);
        expect(min.slice(0, -1).every((st) => p.holds(st.state))).toBe(true);
      }),
      { numRuns: 40, seed: 11 },
    );
    expect(walks).toBe(40);
    expect(longest).toBeGreaterThan(shortest);
  });
});

describe('minimizeTrace', () => {
  const inst = injected.instantiate({ rms: 3 }, undefined);
  it("drops an irrelevant process's steps and stops at the first violating state", () => {
    const p = predicate(inst, 'tmNeverAborts');
    const byLabel = (s: TwoPhaseState, text: string) => inst.next(s).find((x) => `${x.action.actor} ${x.action.kind}` === text)!;
    const path: PathStep<TwoPhaseState>[] = [{ action: null, state: inst.init()[0] }];
    for (const l of ['r1 prepares, sends', 'r2 prepares, sends', 'r3 chooses to abort', 'TM aborts, sends']) path.push(byLabel(path[path.length - 1].state, l));
    const min = minimizeTrace(inst, path, p);
    expect(min.map((s) => s.action && `${s.action.actor} ${s.action.kind}`)).toEqual([null, 'TM aborts, sends']);
  });
  it('refuses a path that does not violate', () => {
    const p = predicate(inst, 'consistent');
    expect(() => minimizeTrace(inst, [{ action: null, state: inst.init()[0] }], p)).toThrow(/does not violate consistent/);
  });
  it('shrinks toward a witness with goal "satisfy"', () => {
    const committed = { name: 'someCommitted', holds: (s: TwoPhaseState) => s.rmState.includes(2) };
    const raw = walkToViolation(inst, { name: 'x', holds: (s) => !committed.holds(s) }, Array.from({ length: 400 }, (_, i) => (i * 7919) % 97));
    expect(raw).toBeDefined();
    expect(minimizeTrace(inst, raw!, committed, { goal: 'satisfy' }).length - 1).toBe(8);
  });
});
