// Soundness and completeness of the SCC fair-cycle check against a brute-force oracle on random small
// graphs. The oracle enumerates every subset D of the property's region: a violation exists exactly when some
// D is strongly connected by the edges inside it (at least one edge) and the cycle through all of D's edges
// is fair. Every lasso the checker returns is also checked independently: it closes, it violates the
// property, and its cycle is fair.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLiveness } from '../../checker/liveness/check.ts';
import type { Fairness, TemporalProperty } from '../../checker/liveness/types.ts';
import { graphInstance, type TestEdge } from './graph-model.ts';

const KINDS = ['a', 'b', 'c'];
const ACTORS = ['p', 'q'];

interface Case {
  n: number;
  edges: TestEdge[];
  P: number;
  Q: number;
  kind: 'eventually' | 'always-eventually' | 'leadsto';
  fairness: Fairness[];
}

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), kind: fc.constantFrom(...KINDS), actor: fc.constantFrom(...ACTORS) }),
      { minLength: n, maxLength: 4 * n },
    ),
    P: fc.nat((1 << n) - 1),
    Q: fc.nat((1 << n) - 1),
    kind: fc.constantFrom('eventually' as const, 'always-eventually' as const, 'leadsto' as const),
    fairness: fc.array(
      fc.record(
        { strength: fc.constantFrom('weak' as const, 'strong' as const), kind: fc.constantFrom(...KINDS), actor: fc.constantFrom(...ACTORS), perAction: fc.boolean() },
        { requiredKeys: ['strength'] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

const matches = (f: Fairness, e: TestEdge) => (f.kind === undefined || f.kind === e.kind) && (f.actor === undefined || f.actor === e.actor);
const key = (e: TestEdge) => `${e.kind}/${e.actor}`;

/** The fairness classes, expanded as the checker documents: perAction splits a class per distinct label. */
function classes(c: Case): ((e: TestEdge) => boolean)[] {
  return c.fairness.flatMap((f) => {
    const labels = [...new Set(c.edges.filter((e) => matches(f, e)).map(key))];
    if (labels.length === 0) return [];
    return f.perAction ? labels.map((l) => (e: TestEdge) => key(e) === l) : [(e: TestEdge) => matches(f, e)];
  });
}

function reach(n: number, out: TestEdge[][], roots: number[], allowed: (s: number) => boolean): Set<number> {
  const seen = new Set(roots.filter(allowed));
  const stack = [...seen];
  while (stack.length) for (const e of out[stack.pop()!]) if (allowed(e.to) && !seen.has(e.to)) (seen.add(e.to), stack.push(e.to));
  void n;
  return seen;
}

function oracle(c: Case): boolean {
  const out: TestEdge[][] = Array.from({ length: c.n }, () => []);
  for (const e of c.edges) out[e.from].push(e);
  const bit = (m: number, s: number) => ((m >>> s) & 1) === 1;
  const reachable = reach(c.n, out, [0], () => true);
  let region: Set<number>;
  if (c.kind === 'eventually') region = reach(c.n, out, [0], (s) => !bit(c.P, s));
  else if (c.kind === 'always-eventually') region = reach(c.n, out, [...reachable].filter((s) => !bit(c.P, s)), (s) => !bit(c.P, s));
  else region = reach(c.n, out, [...reachable].filter((s) => bit(c.P, s) && !bit(c.Q, s)), (s) => !bit(c.Q, s));
  const cls = classes(c);
  const R = [...region];
  for (let mask = 1; mask < 1 << R.length; mask++) {
    const D = R.filter((_, i) => bit(mask, i));
    const inD = new Set(D);
    // A state with no successor stutters: an edge to itself in no class.
    const inner = (s: number) => (out[s].length === 0 ? [{ from: s, to: s, kind: '', actor: '' }] : out[s].filter((e) => inD.has(e.to)));
    const innerEdges = D.flatMap(inner);
    if (innerEdges.length === 0) continue;
    const strongly = D.every((s) => {
      const r = new Set([s]);
      const st = [s];
      while (st.length) for (const e of inner(st.pop()!)) if (!r.has(e.to)) (r.add(e.to), st.push(e.to));
      return D.every((t) => r.has(t));
    });
    if (!strongly) continue;
    const fair = cls.every((inClass, ci) => {
      const f = classStrength(c, ci);
      if (innerEdges.some((e) => e.kind !== '' && inClass(e))) return true;
      const enabled = D.map((s) => out[s].some(inClass));
      return f === 'weak' ? enabled.some((x) => !x) : enabled.every((x) => !x);
    });
    if (fair) return true;
  }
  return false;
}

function classStrength(c: Case, ci: number): 'weak' | 'strong' {
  let i = 0;
  for (const f of c.fairness) {
    const labels = [...new Set(c.edges.filter((e) => matches(f, e)).map(key))];
    const k = labels.length === 0 ? 0 : f.perAction ? labels.length : 1;
    if (ci < i + k) return f.strength;
    i += k;
  }
  throw new Error('class index out of range');
}

function property(c: Case): TemporalProperty<number> {
  const P = (s: number) => ((c.P >>> s) & 1) === 1;
  const Q = (s: number) => ((c.Q >>> s) & 1) === 1;
  return c.kind === 'leadsto' ? { name: 'x', kind: 'leadsto', p: P, q: Q } : { name: 'x', kind: c.kind, p: P };
}

/** Independent check of a returned lasso on the explicit graph. */
function lassoIsValid(c: Case, states: number[], labels: (string | null)[], loopStart: number): boolean {
  const out: TestEdge[][] = Array.from({ length: c.n }, () => []);
  for (const e of c.edges) out[e.from].push(e);
  const last = states.length - 1;
  const prop = property(c);
  const stutter = loopStart === last;
  if (stutter ? out[states[last]].length !== 0 : states[last] !== states[loopStart]) return false;
  const cycleStates = stutter ? [states[last]] : states.slice(loopStart, last);
  const cycleLabels = labels.slice(loopStart + 1);
  const violated =
    prop.kind === 'eventually'
      ? states.every((s) => !prop.p(s))
      : prop.kind === 'always-eventually'
        ? cycleStates.every((s) => !prop.p(s))
        : prop.kind === 'leadsto'
          ? cycleStates.every((s) => !prop.q(s)) && states.some((s, i) => prop.p(s) && states.slice(i).every((t) => !prop.q(t)))
          : false;
  if (!violated) return false;
  return classes(c).every((inClass, ci) => {
    if (cycleLabels.some((l) => l !== null && inClass({ from: 0, to: 0, kind: l.split('/')[0], actor: l.split('/')[1] }))) return true;
    const enabled = cycleStates.map((s) => out[s].some(inClass));
    return classStrength(c, ci) === 'weak' ? enabled.some((x) => !x) : enabled.every((x) => !x);
  });
}

describe('fair-cycle detection agrees with brute force', () => {
  it('on random graphs of up to 6 states, with random weak/strong fairness and properties', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        // Only edges leaving reachable states exist for the checker (and for the oracle's classes).
        const out: TestEdge[][] = Array.from({ length: c.n }, () => []);
        for (const e of c.edges) out[e.from].push(e);
        const live = reach(c.n, out, [0], () => true);
        c = { ...c, edges: c.edges.filter((e) => live.has(e.from)) };
        const inst = graphInstance(c.n, c.edges);
        const fairness = c.fairness.filter((f) => c.edges.some((e) => matches(f, e)));
        const r = checkLiveness(inst, { properties: [property(c)], fairness });
        const v = r.properties[0];
        const expected = oracle({ ...c, fairness });
        expect(v.result).toBe(expected ? 'violation' : 'holds');
        if (v.counterexample) {
          const states = v.counterexample.steps.map((s) => s.state);
          const labels = v.counterexample.steps.map((s) => (s.action ? `${s.action.kind}/${s.action.actor}` : null));
          expect(states[0]).toBe(0);
          expect(lassoIsValid({ ...c, fairness }, states, labels, v.counterexample.loopStart!)).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 20251125 },
    );
  });
});
