// The memory budget stops a search cleanly; simulation finds the Paxos ignore-accepted bug from a fixed
// seed, and the minimised trace replays; the byte-size parser.

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { parseBytes } from '../../checker/search/memory.ts';
import { simulate } from '../../checker/search/simulation/simulate.ts';
import { resolveConstants } from '../../checker/load/constants.ts';
import { minimizeTrace } from '../../checker/trace/minimize.ts';
import paxos from '../../models/paxos.ts';

const paxosInst = (consts: Record<string, number>, variant?: string) => {
  const inst = paxos.instantiate(resolveConstants(paxos, consts), variant);
  return { inst, invariants: Object.entries(inst.invariants).map(([name, i]) => ({ name, holds: i.holds })) };
};

describe('memory budget', () => {
  it('stops a mid-size search with verdict incomplete, bound memory, and the figures so far', () => {
    const { inst, invariants } = paxosInst({ maxBallot: 4 });
    const budget = process.memoryUsage.rss() + 40 * 2 ** 20;
    const r = bfs(inst, { invariants, memoryBudget: budget });
    expect(r.result).toBe('incomplete');
    expect(r.bound).toBe('memory');
    expect(r.distinctStates).toBeGreaterThan(0);
    expect(r.distinctStates).toBeLessThan(3_122_593);
    expect(r.memory!.peakRssBytes).toBeLessThanOrEqual(budget + 16 * 2 ** 20);
  });

  it('parses sizes', () => {
    expect(parseBytes('8GiB')).toBe(8 * 2 ** 30);
    expect(parseBytes('512MiB')).toBe(512 * 2 ** 20);
    expect(parseBytes('2G')).toBe(2 * 2 ** 30);
    expect(parseBytes('1.5GB')).toBe(1.5e9);
    expect(parseBytes('lots')).toBeUndefined();
  });
});

describe('simulation', () => {
  it('finds the ignore-accepted bug from seed 1 and the minimised trace replays to the violation', () => {
    const { inst, invariants } = paxosInst({}, 'ignore-accepted');
    const r = simulate(inst, { invariants, seed: 1, runs: 2000, depth: 40 });
    expect(r.violation).toBeDefined();
    expect(r.violation!.invariant).toBe('agreement');
    expect(r.violation!.seed).toBe(1 + r.violation!.run);
    // The same seed gives the same walk.
    const again = simulate(inst, { invariants, seed: r.violation!.seed, runs: 1, depth: 40 });
    expect(JSON.stringify(again.violation!.path)).toBe(JSON.stringify(r.violation!.path));
    const agreement = invariants.find((p) => p.name === 'agreement')!;
    const min = minimizeTrace(inst, r.violation!.path, agreement);
    expect(min.length).toBeLessThanOrEqual(r.violation!.path.length);
    expect(min.length - 1).toBe(12);
    let s = inst.init()[0];
    for (const st of min.slice(1)) {
      const step = inst.next(s).find((x) => JSON.stringify(x.action) === JSON.stringify(st.action));
      expect(step).toBeDefined();
      s = step!.state;
    }
    expect(agreement.holds(s)).toBe(false);
  });

  it('finds nothing in the correct protocol', () => {
    const { inst, invariants } = paxosInst({});
    const r = simulate(inst, { invariants, seed: 7, runs: 200, depth: 40 });
    expect(r.violation).toBeUndefined();
    expect(r.runs).toBe(200);
  });
});
