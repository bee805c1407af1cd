// The FLP demonstration on models/flp.ts: exact valence counts, the bivalent initial configurations,
// the fair non-deciding lasso of the round-based protocol, and the agreement violation of the majority
// variant (the other horn).

import { describe, expect, it } from 'vitest';
import { bfs } from '../../checker/search/bfs.ts';
import { checkLiveness } from '../../checker/liveness/check.ts';
import { analyseValence } from '../../checker/liveness/valence.ts';
import flp, { allCorrectDecided, type FlpState } from '../../models/flp.ts';

const inst = (variant?: string, maxCrashes = 1) => flp.instantiate({ maxCrashes, maxLag: 1 }, variant);

describe('valence of the round-based protocol', () => {
  it('counts every valence class exactly (maxCrashes=1, maxLag=1)', () => {
    const r = analyseValence(inst());
    expect(r.distinctStates).toBe(4924);
    expect(r.valence).toEqual({ zero: 2699, one: 1391, bivalent: 834, none: 0, other: 0 });
  });
  it('without crashes', () => {
    expect(analyseValence(inst(undefined, 0)).valence).toEqual({ zero: 791, one: 374, bivalent: 309, none: 0, other: 0 });
  });
  it('the bivalent initial configurations are those with two 1 inputs (Lemma 2)', () => {
    const r = analyseValence(inst());
    expect(r.bivalentInitial.map((s) => s.est.join('')).sort()).toEqual(['011', '101', '110']);
    expect(r.lemma3.every((l) => l.found !== undefined)).toBe(true);
  });
  it('majority variant: 804 states, 400 of them bivalent, 4 bivalent initial configurations', () => {
    const r = analyseValence(inst('majority'));
    expect(r.distinctStates).toBe(804);
    expect(r.valence).toEqual({ zero: 202, one: 202, bivalent: 400, none: 0, other: 0 });
    expect(r.bivalentInitial).toHaveLength(4);
  });
});

describe('termination and agreement', () => {
  it('round-based: agreement holds on all 4924 states', () => {
    const i = inst();
    const r = bfs(i, { invariants: [{ name: 'agreement', holds: i.invariants.agreement.holds }] });
    expect(r.result).toBe('holds');
    expect(r.distinctStates).toBe(4924);
  });
  it('round-based: an admissible run never decides — a 15-step lasso returning to step 3, bivalent all along', () => {
    const i = inst();
    const r = checkLiveness(i, { properties: i.temporal! });
    const cx = r.properties[0].counterexample!;
    expect(r.properties[0].result).toBe('violation');
    expect(cx.steps).toHaveLength(16);
    expect(cx.loopStart).toBe(3);
    expect(cx.steps.every((st) => !allCorrectDecided(st.state as FlpState))).toBe(true);
    const v = analyseValence(i);
    expect(cx.steps.every((st) => v.valenceOf(st.state) === 3)).toBe(true);
    expect(r.deadlocks.count).toBe(0);
  });
  it('majority variant: every admissible run decides, but agreement fails in 5 steps (the other horn)', () => {
    const i = inst('majority');
    const live = checkLiveness(i, { properties: i.temporal! });
    expect(live.properties[0].result).toBe('holds');
    expect(live.deadlocks).toEqual({ count: 0, terminal: 76 });
    const r = bfs(i, { invariants: [{ name: 'agreement', holds: i.invariants.agreement.holds }] });
    expect(r.result).toBe('violation');
    expect(r.violation!.path).toHaveLength(6);
  });
});
