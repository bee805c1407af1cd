// What the sequence chart draws when the labels alone do not say it (checker/charts/deliveries.ts): OM's
// synchronous rounds (a lifeline for L1, which never acts; L3 and L2 sending together; every message
// delivered at its step), a user model's reply sent inside a receive step, FLP's deliveries labelled
// with fewer fields than the messages in flight, and a phrase actor drawn on the processes it moved.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChart } from '../../checker/charts/chart.ts';
import { fromTraceFile } from '../../checker/trace/shown-trace.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';
import { omTrace, pingPongTrace, root } from './traces.ts';

const arrows = (c: ReturnType<typeof buildChart>) => c.arrows.map((a) => `${a.from ?? '?'}@${a.sendStep ?? '-'}→${a.to}@${a.receiveStep} ${a.label}`);

describe('charts of traces whose labels do not say everything', () => {
  it('OM n=4 m=2: one lifeline per general, the bundled step sent by L3 and L2, every order delivered', async () => {
    const chart = buildChart(await omTrace());
    expect(chart.processes).toEqual(['C', 'L1', 'L2', 'L3']);
    expect(chart.steps.map((s) => s.actors)).toEqual([['C'], ['L2'], ['L3'], ['L3', 'L2']]);
    expect(arrows(chart)).toEqual([
      'C@1→L1@1 order(path=C, v=attack)',
      'L2@2→L1@2 order(path=C.L2, to=L1, v=attack)',
      'L3@3→L1@3 order(path=C.L3, to=L1, v=attack)',
      'L3@4→L1@4 orders(to=L1, C.L2.L3=retreat, C.L3.L2=retreat)',
      'L2@4→L1@4 orders(to=L1, C.L2.L3=retreat, C.L3.L2=retreat)',
    ]);
    expect(chart.undelivered).toEqual([]);
  }, 60_000);
  it('OM n=3 (committed): "loyal lieutenants" is no lifeline; their relay step acts on L1 and L2', () => {
    const chart = buildChart(fromTraceFile(loadTrace(join(root, 'counterexamples/om-tie-obeys-order-n3-traitor-commander-IC1.json'))));
    expect(chart.processes).toEqual(['C', 'L1', 'L2']);
    expect(chart.steps.map((s) => s.actors)).toEqual([['C'], ['C'], ['L1', 'L2'], ['L1'], ['L2']]);
    expect(arrows(chart)).toEqual(['C@1→L1@1 order(path=C, to=L1, v=attack)', 'C@2→L2@2 order(path=C, to=L2, v=retreat)']);
  });
  it("a user model's first send and the reply its receive step sends are drawn from their steps", async () => {
    const chart = buildChart(await pingPongTrace());
    expect(chart.processes).toEqual(['p1', 'p2']);
    expect(arrows(chart)).toEqual(['p1@1→p2@2 ping(from=p1, to=p2)', 'p2@2→p1@3 pong(from=p2, to=p1)']);
    expect(chart.undelivered).toEqual([]);
  }, 60_000);
  it('a message put in flight by a step with no actor, and naming no sender, is drawn as found, not dropped', () => {
    const m = { type: 'hello', to: 'p2' };
    const chart = buildChart({
      steps: [
        { action: null, state: { msgs: [] } },
        { action: { kind: 'tick' }, state: { msgs: [m] } },
        { action: { actor: 'p2', kind: 'receives', message: m }, state: { msgs: [] } },
      ],
    });
    expect(arrows(chart)).toEqual(['?@-→p2@2 hello(to=p2)']);
  });
  it('`env crashes p1` crosses out p1, and env, which only crashes others, has no lifeline', () => {
    const st = (p1: string) => ({ p1, p2: 'r0.1' });
    const chart = buildChart({
      steps: [
        { action: null, state: st('r0.1') },
        { action: { actor: 'p2', kind: 'starts' }, state: st('r0.1') },
        { action: { actor: 'env', kind: 'crashes', detail: 'p1' }, state: st('crashed') },
      ],
    });
    expect(chart.processes).toEqual(['p1', 'p2']);
    expect(chart.steps.map((s) => s.actors)).toEqual([['p2'], ['p1']]);
    expect(chart.crashes).toEqual([{ process: 'p1', step: 2 }]);
  });
  it('FLP: each delivery comes from the step that sent it, in the right round', () => {
    const chart = buildChart(fromTraceFile(loadTrace(join(root, 'counterexamples/flp-termination.json'))));
    const a = arrows(chart);
    // Step 9: p3, still in round 0, receives p1's round-0 estimate (sent at step 1), not its round-1 one.
    expect(a).toContain('p1@1→p3@9 est(from=p1, v=1)');
    expect(a).toContain('p1@7→p3@13 est(from=p1, v=1)');
    // A stale message a process drops in the step that moves it on is drawn as received there.
    expect(a).toContain('p1@1→p2@5 est(r=0, from=p1, to=p2, v=1)');
    expect(chart.arrows.filter((x) => x.from === undefined)).toEqual([]);
    expect(chart.arrows).toHaveLength(20);
    expect(chart.undelivered.map((u) => `${u.from}@${u.step}`)).toEqual(['p2@12', 'p2@12', 'p1@14', 'p1@14', 'p3@15', 'p3@15']);
  });
});
