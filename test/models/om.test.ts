// OM(m): exact verdicts, state counts and shortest counterexamples; the reduced model against the literal
// one (same verdicts, and every reduced counterexample replays on the literal model message by message);
// the textbook n=3 scenarios, committed under counterexamples/, replay.

import { describe, expect, it } from 'vitest';
import { replayTrace } from '../../checker/trace/replay.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';
import { buildTraceFile } from '../../checker/trace/run-trace.ts';
import { check, configured, replayOmUnreduced } from './bft-helpers.ts';

describe('om', () => {
  it('has the exact state counts of the small cells', async () => {
    // n=4 m=1 by hand: loyal C, no traitor: 6 states per order (12); loyal C, traitor L3: init, round 0,
    // round-1 relays, L1 and L2 decide, 5 per order (10); traitor C: 1+2+4+8 states while C sends, then 8
    // after the relays and 8 per decision of L1, L2, L3 (47). 12 + 10 + 47 = 69.
    expect((await check('om', { n: 4, m: 1 })).distinctStates).toBe(69);
    expect((await check('om', { n: 5, m: 1 })).distinctStates).toBe(137);
    expect((await check('om', { n: 7, m: 2 })).distinctStates).toBe(12982);
    expect((await check('om', { n: 4, m: 1, reduce: false })).distinctStates).toBe(246);
  });

  it('finds the shortest counterexamples', async () => {
    const lengths: Record<string, number> = {};
    for (const [n, m] of [[3, 1], [3, 2], [4, 2], [5, 2], [6, 2]]) {
      const r = await check('om', { n, m });
      lengths[`n${n}m${m}`] = r.violation!.path.length - 1;
      expect(r.violation!.invariant).toBe('IC2');
    }
    expect(lengths).toEqual({ n3m1: 2, n3m2: 3, n4m2: 4, n5m2: 8, n6m2: 10 });
  });

  it('n=3: a traitor commander alone cannot break OM(1); with ties obeying the direct order it can', async () => {
    expect((await check('om', { n: 3, traitorCommander: 'yes' })).result).toBe('holds');
    const r = await check('om', { n: 3, traitorCommander: 'yes' }, 'tie-obeys-order');
    expect([r.violation?.invariant, r.violation!.path.length - 1]).toEqual(['IC1', 5]);
    // ... and that tie rule saves the traitor-lieutenant scenario but fails at n=5, above 3m+1.
    expect((await check('om', { n: 3, traitorCommander: 'no' }, 'tie-obeys-order')).result).toBe('holds');
    expect((await check('om', { n: 5 }, 'tie-obeys-order')).violation?.invariant).toBe('IC1');
  });

  const literal: [number, number, string?][] = [[3, 1], [4, 1], [5, 1], [6, 1], [7, 1], [3, 2], [4, 2], [3, 1, 'tie-obeys-order'], [5, 1, 'tie-obeys-order']];
  it.each(literal)('n=%i m=%i %s: reduced and literal models agree, and the reduced counterexample replays on the literal one', async (n, m, variant) => {
    const reduced = await check('om', { n, m }, variant);
    const full = await check('om', { n, m, reduce: false }, variant);
    expect(reduced.result).toBe(full.result);
    if (!reduced.violation) return;
    const trace = buildTraceFile(reduced.cfg, reduced.violation.invariant, 'invariant', reduced.violation.path, process.cwd());
    const replayed = await replayOmUnreduced(trace);
    expect(replayed.broken).toContain(reduced.violation.invariant);
    // Every lieutenant that decided in the reduced trace decides the same in the literal run.
    const last = trace.steps[trace.steps.length - 1].state as Record<string, { decision?: string }>;
    for (const [g, row] of Object.entries(last)) {
      if (typeof row === 'object' && row !== null && !Array.isArray(row) && row.decision && row.decision !== '·') {
        expect((replayed.shown[g] as { decision: string }).decision).toBe(row.decision);
      }
    }
  });

  it.each([
    ['counterexamples/om-n3-traitor-lieutenant-IC2.json', 'IC2', 2],
    ['counterexamples/om-tie-obeys-order-n3-traitor-commander-IC1.json', 'IC1', 5],
  ])('the committed textbook trace %s reproduces, on the reduced and the literal model', async (file, invariant, length) => {
    const trace = loadTrace(file);
    expect([trace.property.name, trace.steps.length - 1]).toEqual([invariant, length]);
    const cfg = await configured(trace.model, trace.constants as Record<string, string | number | boolean>, trace.variant ?? undefined);
    expect(replayTrace(cfg, trace).kind).toBe('reproduced');
    expect((await replayOmUnreduced(trace)).broken).toContain(invariant);
  });

  it('rejects m >= n', async () => {
    await expect(configured('om', { n: 3, m: 3 })).rejects.toThrow(/m \(traitors, 3\) must be less than n/);
  });
});
