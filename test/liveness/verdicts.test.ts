// Exact verdicts and lasso shapes of the liveness checker on hand-made graphs: fair and unfair cycles,
// weak versus strong fairness, leadsto, deadlocks versus intended terminal states, symmetry refused.

import { describe, expect, it } from 'vitest';
import { checkLiveness } from '../../checker/liveness/check.ts';
import type { Fairness, TemporalProperty } from '../../checker/liveness/types.ts';
import { edges, graphInstance } from './graph-model.ts';

const at = (...ids: number[]) => (s: number) => ids.includes(s);
const run = (inst: ReturnType<typeof graphInstance>, prop: TemporalProperty<number>, fairness: Fairness[] = []) => {
  const r = checkLiveness(inst, { properties: [prop], fairness });
  const p = r.properties[0];
  return { r, p, states: p.counterexample?.steps.map((s) => s.state), loopStart: p.counterexample?.loopStart };
};

describe('eventually under weak and strong fairness', () => {
  // 0 -a-> 1, 1 -idle-> 1, 1 -b-> 2 (goal), 2 -idle-> 2
  const inst = graphInstance(3, edges([0, 1, 'a'], [1, 1, 'idle'], [1, 2, 'b'], [2, 2, 'idle']));
  const goal = { name: 'goal', kind: 'eventually', p: at(2) } as const;

  it('without fairness the idle self-loop at 1 is a counterexample: prefix 1, cycle 1', () => {
    const { p, states, loopStart } = run(inst, goal);
    expect(p.result).toBe('violation');
    expect(states).toEqual([0, 1, 1]);
    expect(loopStart).toBe(1);
  });

  it('weak fairness on b rules it out (b stays enabled at 1)', () => {
    expect(run(inst, goal, [{ strength: 'weak', kind: 'b' }]).p.result).toBe('holds');
  });

  it('fairness on an unrelated class does not help', () => {
    expect(run(inst, goal, [{ strength: 'weak', kind: 'idle' }]).p.result).toBe('violation');
  });
});

describe('weak versus strong fairness', () => {
  // 0 -t-> 1 -t-> 0 forever; b (to the goal 2) is enabled only at 0: enabled infinitely often, not continuously.
  const inst = graphInstance(3, edges([0, 1, 't'], [1, 0, 't'], [0, 2, 'b'], [2, 2, 'idle']));
  const goal = { name: 'goal', kind: 'eventually', p: at(2) } as const;

  it('weak fairness on b allows the 0-1 cycle: lasso 0,1,0 with loopStart 0', () => {
    const { p, states, loopStart } = run(inst, goal, [{ strength: 'weak', kind: 'b' }]);
    expect(p.result).toBe('violation');
    expect(states).toEqual([0, 1, 0]);
    expect(loopStart).toBe(0);
  });

  it('strong fairness on b forbids it', () => {
    expect(run(inst, goal, [{ strength: 'strong', kind: 'b' }]).p.result).toBe('holds');
  });

  it('strong fairness refines an SCC: the cycle avoiding the b-enabled state survives', () => {
    // 0 <-> 1 and 1 <-> 3; b enabled only at 0. Removing 0 leaves the fair cycle 1-3-1.
    const g = graphInstance(4, edges([0, 1, 't'], [1, 0, 't'], [1, 3, 't'], [3, 1, 't'], [0, 2, 'b'], [2, 2, 'idle']));
    const { p, states, loopStart } = run(g, goal, [{ strength: 'strong', kind: 'b' }]);
    expect(p.result).toBe('violation');
    expect(states).toEqual([0, 1, 3, 1]);
    expect(loopStart).toBe(1);
  });
});

describe('the lasso visits what weak fairness needs', () => {
  it('a weak class enabled at 0 and 1 but not 2 makes the cycle pass through 2', () => {
    // 0 <-> 1 <-> 2 (t), b from 0 and 1 to the goal 3.
    const inst = graphInstance(4, edges([0, 1, 't'], [1, 0, 't'], [1, 2, 't'], [2, 1, 't'], [0, 3, 'b'], [1, 3, 'b'], [3, 3, 'idle']));
    const { p, states, loopStart } = run(inst, { name: 'goal', kind: 'eventually', p: at(3) }, [{ strength: 'weak', kind: 'b' }]);
    expect(p.result).toBe('violation');
    expect(states).toEqual([0, 1, 2, 1, 0]);
    expect(loopStart).toBe(0);
  });
});

describe('per process fairness and perAction', () => {
  // Two processes: p takes 'step' self-loops at 0; q can go to the goal. Fair to q only matters.
  const inst = graphInstance(2, edges([0, 0, 'step', 'p'], [0, 1, 'step', 'q'], [1, 1, 'step', 'p']));
  const goal = { name: 'goal', kind: 'eventually', p: at(1) } as const;
  it('fair to p only: violated; fair to q: holds', () => {
    expect(run(inst, goal, [{ strength: 'weak', actor: 'p' }]).p.result).toBe('violation');
    expect(run(inst, goal, [{ strength: 'weak', actor: 'q' }]).p.result).toBe('holds');
  });
  it('one class for both actors is satisfied by p alone; perAction splits it', () => {
    expect(run(inst, goal, [{ strength: 'weak', kind: 'step' }]).p.result).toBe('violation');
    expect(run(inst, goal, [{ strength: 'weak', kind: 'step', perAction: true }]).p.result).toBe('holds');
  });
  it('a fairness assumption that matches no action is an error, not silence', () => {
    expect(() => checkLiveness(inst, { properties: [goal], fairness: [{ strength: 'weak', actor: 'r' }] })).toThrow(/matches no action/);
  });
});

describe('always eventually, leadsto, always', () => {
  // 0 -x-> 1 -x-> 2 -x-> 1 ; 0 -y-> 3 -y-> 3
  const inst = graphInstance(4, edges([0, 1, 'x'], [1, 2, 'x'], [2, 1, 'x'], [0, 3, 'y'], [3, 3, 'y']));
  it('always eventually 2 fails only through the 3 self-loop', () => {
    const { p, states, loopStart } = run(inst, { name: 'ae', kind: 'always-eventually', p: at(2) });
    expect(states).toEqual([0, 3, 3]);
    expect(loopStart).toBe(1);
    expect(p.result).toBe('violation');
  });
  it('with weak fairness on x the 3 loop is still fair (x is disabled at 3)', () => {
    expect(run(inst, { name: 'ae', kind: 'always-eventually', p: at(2) }, [{ strength: 'weak', kind: 'x' }]).p.result).toBe('violation');
  });
  it('1 leadsto 2 holds (the 1-2 cycle always returns to 2); 0 leadsto 2 fails via 3', () => {
    expect(run(inst, { name: 'lt', kind: 'leadsto', p: at(1), q: at(2) }).p.result).toBe('holds');
    const { states, loopStart } = run(inst, { name: 'lt', kind: 'leadsto', p: at(0), q: at(2) });
    expect(states).toEqual([0, 3, 3]);
    expect(loopStart).toBe(1);
  });
  it('leadsto needs the P state before the cycle: 3 leadsto 2 fails with a prefix through 3', () => {
    const { states, loopStart } = run(inst, { name: 'lt', kind: 'leadsto', p: at(3), q: at(2) });
    expect(states).toEqual([0, 3, 3]);
    expect(loopStart).toBe(1);
  });
  it('always gives a finite shortest trace without loopStart', () => {
    const { p, states, loopStart } = run(inst, { name: 'al', kind: 'always', p: (s) => s !== 2 });
    expect(p.result).toBe('violation');
    expect(states).toEqual([0, 1, 2]);
    expect(loopStart).toBeUndefined();
  });
});

describe('deadlocks and terminal states', () => {
  // 0 -> 1 (dead end, not terminal), 0 -> 2 (terminal), 2 has no successor either.
  const inst = graphInstance(3, edges([0, 1, 'a'], [0, 2, 'b']), [0], (s) => s === 2);
  it('reports the unintended deadlock separately, with a shortest path', () => {
    const r = checkLiveness(inst, { properties: [] });
    expect(r.deadlocks.count).toBe(1);
    expect(r.deadlocks.terminal).toBe(1);
    expect(r.deadlocks.path?.map((s) => s.state)).toEqual([0, 1]);
  });
  it('a run halting before P violates eventually P: the lasso stays at the last state (loopStart = last)', () => {
    const { states, loopStart } = run(inst, { name: 'ev', kind: 'eventually', p: at(2) });
    expect(states).toEqual([0, 1]);
    expect(loopStart).toBe(1);
  });
});

describe('bounds and refusals', () => {
  const chain = graphInstance(5, edges([0, 1, 'a'], [1, 2, 'a'], [2, 3, 'a'], [3, 4, 'a'], [4, 4, 'a']));
  it('a property not violated in a truncated graph is incomplete', () => {
    const r = checkLiveness(chain, { properties: [{ name: 'ev', kind: 'eventually', p: at(4) }], maxStates: 3 });
    expect(r.result).toBe('incomplete');
    expect(r.bound).toBe('max-states');
  });
  it('symmetry is refused with a clear error', () => {
    expect(() => checkLiveness(chain, { properties: [], symmetry: true })).toThrow(/symmetry reduction cannot be combined with temporal properties/);
  });
});
