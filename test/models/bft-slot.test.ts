// SM, PBFT and trusted-BFT: exact verdicts and shortest counterexamples; reduced and literal models agree
// on every instance small enough for the literal one, and each reduced counterexample's outcome (same
// faulty set, same decisions) is reachable in the literal model.

import { describe, expect, it } from 'vitest';
import type { Predicate } from '../../checker/search/types.ts';
import { check } from './bft-helpers.ts';

type Consts = Record<string, string | number | boolean>;

/** The reduced counterexample's last state, as views: faulty/traitor set and decisions. */
function outcomeOf(views: Record<string, { get: (s: unknown) => unknown }>, s: unknown, setView: string): string {
  const decision = views.decision.get(s) as Map<number, string>;
  return JSON.stringify([views[setView].get(s), [...decision]]);
}

const cases: [string, Consts, string | undefined, string, string][] = [
  ['sm', { n: 3, m: 1 }, undefined, 'holds', 'traitors'],
  ['sm', { n: 4, m: 1 }, undefined, 'holds', 'traitors'],
  ['sm', { n: 4, m: 2 }, undefined, 'holds', 'traitors'],
  ['sm', { n: 3, m: 1 }, 'short-relay', 'violation', 'traitors'],
  ['sm', { n: 4, m: 2 }, 'short-relay', 'violation', 'traitors'],
  ['pbft', { n: 3, f: 1 }, undefined, 'violation', 'faulty'],
  ['pbft', { n: 3, f: 1, quorum: '2f+1' }, undefined, 'holds', 'faulty'],
  ['trusted-bft', { n: 2, f: 1 }, undefined, 'holds', 'faulty'],
  ['trusted-bft', { n: 3, f: 1 }, undefined, 'holds', 'faulty'],
  ['trusted-bft', { n: 3, f: 1 }, 'no-trusted-counter', 'violation', 'faulty'],
];

describe('sm, pbft, trusted-bft: reduced vs literal', () => {
  it.each(cases)('%s %j %s: %s in both, counterexample realisable', async (model, consts, variant, verdict, setView) => {
    const reduced = await check(model, consts, variant);
    expect(reduced.result).toBe(verdict);
    const views = reduced.cfg.instance.views as Record<string, { get: (s: unknown) => unknown }>;
    const witnesses: Predicate<unknown>[] = [];
    if (reduced.violation) {
      const last = reduced.violation.path[reduced.violation.path.length - 1].state;
      const target = outcomeOf(views, last, setView);
      const lviews = (await check(model, { ...consts, reduce: false }, variant)).cfg.instance.views as typeof views;
      witnesses.push({ name: 'same outcome', holds: (s) => outcomeOf(lviews, s, setView) === target });
    }
    // Literal model with no invariants when looking for the outcome, so the search is not cut short.
    const literal = await check(model, { ...consts, reduce: false }, variant);
    expect(literal.result).toBe(verdict);
    if (witnesses.length) {
      const { bfs } = await import('../../checker/search/bfs.ts');
      const found = bfs(literal.cfg.instance, { invariants: [], witnesses });
      expect(found.witnesses.has('same outcome')).toBe(true);
    }
  });
});

describe('exact figures', () => {
  it('distinct states and shortest counterexamples', async () => {
    const figures: Record<string, [string, number, number?]> = {};
    const rows: [string, Consts, string?][] = [
      ['pbft', { n: 3, f: 1 }], ['pbft', { n: 4, f: 1 }], ['pbft', { n: 6, f: 2 }], ['pbft', { n: 7, f: 2 }],
      ['trusted-bft', { n: 2, f: 1 }], ['trusted-bft', { n: 3, f: 1 }], ['trusted-bft', { n: 3, f: 1 }, 'no-trusted-counter'],
      ['sm', { n: 3, m: 1 }], ['sm', { n: 4, m: 2 }], ['sm', { n: 4, m: 2 }, 'short-relay'],
    ];
    for (const [model, consts, variant] of rows) {
      const r = await check(model, consts, variant);
      figures[`${model}${variant ? `/${variant}` : ''} ${JSON.stringify(consts)}`] = r.violation ? [r.result, r.distinctStates, r.violation.path.length - 1] : [r.result, r.distinctStates];
    }
    expect(figures).toEqual({
      'pbft {"n":3,"f":1}': ['violation', 94, 6],
      'pbft {"n":4,"f":1}': ['holds', 292],
      'pbft {"n":6,"f":2}': ['violation', 5063, 10],
      'pbft {"n":7,"f":2}': ['holds', 17933],
      'trusted-bft {"n":2,"f":1}': ['holds', 40],
      'trusted-bft {"n":3,"f":1}': ['holds', 134],
      'trusted-bft/no-trusted-counter {"n":3,"f":1}': ['violation', 94, 6],
      'sm {"n":3,"m":1}': ['holds', 71],
      'sm {"n":4,"m":2}': ['holds', 568],
      'sm/short-relay {"n":4,"m":2}': ['violation', 501, 11],
    });
  });
});
