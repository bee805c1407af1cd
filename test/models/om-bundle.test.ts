// Reduction R4 (last-round bundling) against brute force: for random trees of a loyal lieutenant, the
// decisions reachable by counting (lib/om-bundle.ts) are exactly those reached by some assignment of the
// traitors' last-round messages, and each representative really forces its decision.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTACK, PathTable, RETREAT, evaluate, type TieRule } from '../../models/lib/eig.ts';
import { reachable } from '../../models/lib/om-bundle.ts';

function bruteForce(t: PathTable, i: number, base: number[], free: number[], tie: TieRule): Set<number> {
  const out = new Set<number>();
  for (let bits = 0; bits < 1 << free.length; bits++) {
    const vals = base.slice();
    free.forEach((p, k) => (vals[p] = (bits >>> k) & 1));
    out.add(evaluate(t, i, 0, (q) => vals[q], tie));
  }
  return out;
}

describe('om last-round bundling (R4)', () => {
  for (const [n, m] of [[4, 1], [5, 1], [5, 2], [6, 2], [7, 2]]) {
    it(`n=${n} m=${m}: counting gives exactly the brute-force decisions`, () => {
      const t = new PathTable(n, m);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: m }),
          fc.integer({ min: 1, max: n - 1 }),
          fc.array(fc.integer({ min: 0, max: 1 }), { minLength: t.size, maxLength: t.size }),
          fc.constantFrom<TieRule>('default', 'own-order'),
          (chosen, i, base, tie) => {
            // at most m traitors (the commander may be one); i is loyal
            const traitors = chosen.filter((g) => g !== i).reduce((mask, g) => mask | (1 << g), 0);
            const isTraitor = (g: number) => ((traitors >>> g) & 1) === 1;
            const free = t.byRound[m].filter((p) => !t.onPath(p, i) && isTraitor(t.sender(p)));
            const outcomes = reachable(t, i, 0, (q) => base[q], isTraitor, tie);
            const counted = new Set([RETREAT, ATTACK].filter((d) => outcomes[d] !== null));
            expect(counted).toEqual(bruteForce(t, i, base, free, tie));
            for (const d of counted) {
              const vals = base.slice();
              for (const [p, v] of outcomes[d]!) vals[p] = v;
              expect(outcomes[d]!.map(([p]) => p).sort()).toEqual(free.slice().sort());
              expect(evaluate(t, i, 0, (q) => vals[q], tie)).toBe(d);
            }
          },
        ),
        { numRuns: 300, seed: 5 },
      );
    });
  }
});
