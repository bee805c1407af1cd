// OM(m)'s messages, counted by the cost engine on the literal model's failure-free run, against the
// closed form: round r sends one message per path of r+1 generals to each lieutenant not on it, so
// (n-1)(1 + (n-2)(1 + (n-3)(...))) with m+1 factors. Round r's messages leave at delay r; the lieutenants
// decide at m+1.

import { describe, expect, it } from 'vitest';
import { scenarioReport } from '../../checker/cost/report.ts';
import { omCost, omProbe } from '../../models/cost/om.ts';

/** (n-1)(1 + (n-2)(1 + ... (1 + (n-1-m)))): written out, not derived from the model's path table. */
function closedForm(n: number, m: number): number {
  let inner = 1;
  for (let k = m; k >= 0; k--) inner = 1 + (n - 1 - k) * inner;
  return inner - 1;
}

const failureFree = (n: number, m: number) => scenarioReport(omCost, { name: `OM(${m})`, constants: { n, m, reduce: false }, probe: omProbe }).failureFree;

describe('OM(m) messages per decision', () => {
  it('the closed form as the issue states it', () => {
    expect(closedForm(4, 1)).toBe(3 + 6);
    expect(closedForm(7, 2)).toBe(6 + 30 + 120);
  });

  it('OM(1) with n = 4: 3 + 6 = 9 messages, 2 delays', () => {
    expect(failureFree(4, 1)).toMatchObject({ fewest: { messages: 9, delays: 2 }, most: { messages: 9, delays: 2 } });
  });

  it('OM(2) with n = 7: 6 + 30 + 120 = 156 messages, 3 delays', () => {
    expect(failureFree(7, 2)).toMatchObject({ fewest: { messages: 156, delays: 3 }, most: { messages: 156, delays: 3 } });
  });

  it('matches (n-1)(1 + (n-2)(1 + (n-3)(...))) for other (n, m)', () => {
    for (const [n, m] of [[3, 1], [5, 1], [6, 1], [5, 2], [6, 2], [5, 3], [6, 3]]) {
      const ff = failureFree(n, m);
      const want = { messages: closedForm(n, m), delays: m + 1 };
      expect(ff, `n=${n} m=${m}`).toMatchObject({ fewest: want, most: want });
    }
  });

  it('with traitors the literal model never sends more (a traitor sends at most one value per message)', () => {
    const r = scenarioReport(omCost, omCost.scenarios[0]);
    expect(r.worst).toMatchObject({ kind: 'bounded', run: { messages: 9, delays: 2 }, states: 246 });
  });
});
