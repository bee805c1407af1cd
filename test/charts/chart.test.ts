// The sequence chart's content on small hand-written traces: equivocation, deliveries via `received`,
// messages in flight from the start, undelivered sends, crash and recovery, and lasso shading.

import { describe, expect, it } from 'vitest';
import { buildChart } from '../../checker/charts/chart.ts';
import { renderSvg } from '../../checker/charts/svg.ts';
import type { ShownTrace } from '../../checker/trace/shown-trace.ts';

const st = (x: number) => ({ n: { p1: x, p2: 0, p3: 0 } });

/** A Byzantine leader p1 proposes v=1 to p2 and v=2 to p3 for the same round, then things repeat. */
const byzantine: ShownTrace = {
  model: 'toy',
  property: { kind: 'temporal', name: 'progress' },
  loopStart: 4,
  steps: [
    { action: null, state: st(0) },
    { action: { actor: 'p1', kind: 'sends', message: { type: 'propose', round: 1, v: 1 } }, state: st(1) },
    { action: { actor: 'p1', kind: 'sends', message: { type: 'propose', round: 1, v: 2 } }, state: st(2) },
    { action: { actor: 'p2', kind: 'receives', message: { type: 'propose', round: 1, v: 1 } }, state: st(3) },
    { action: { actor: 'p3', kind: 'receives', message: { type: 'propose', round: 1, v: 2 } }, state: st(4) },
    { action: { actor: 'p2', kind: 'crashes' }, state: st(5) },
    { action: { actor: 'p2', kind: 'recovers' }, state: st(6) },
    { action: { actor: 'p3', kind: 'votes, sends', message: { type: 'vote', round: 1 }, received: [{ type: 'propose', round: 1, v: 2 }, { type: 'hello' }] }, state: st(4) },
  ],
};

describe('buildChart', () => {
  const chart = buildChart(byzantine);
  it('flags the equivocating sends', () => {
    expect(chart.equivocations).toEqual([{ sender: 'p1', type: 'propose', slot: 'round=1', steps: [1, 2], messages: ['propose(round=1, v=1)', 'propose(round=1, v=2)'] }]);
    expect(chart.arrows.filter((a) => a.equivocation).map((a) => a.receiveStep)).toEqual([3, 4, 7]);
  });
  it('draws deliveries from receives and from `received`, and found/undelivered messages', () => {
    expect(chart.arrows.map((a) => `${a.from ?? '?'}@${a.sendStep ?? '-'}→${a.to}@${a.receiveStep}`)).toEqual(['p1@1→p2@3', 'p1@2→p3@4', 'p1@2→p3@7', '?@-→p3@7']);
    expect(chart.undelivered.map((u) => [u.from, u.step, u.label])).toEqual([['p3', 7, 'vote(round=1)']]);
  });
  it('records the crash interval and the lasso', () => {
    expect(chart.crashes).toEqual([{ process: 'p2', step: 5, until: 6 }]);
    expect(chart.highlight).toEqual({ step: 7, text: '✗ progress violated', violation: true });
    const svg = renderSvg(chart);
    expect(svg.match(/class="step[^"]*\bloop\b/g)).toHaveLength(3); // steps 5, 6, 7
    expect(svg).toContain('class="loop"');
    expect(svg).toContain('⚠ equivocation: p1 sent propose(round=1, v=1) and propose(round=1, v=2) for round=1 (steps 1, 2)');
  });
  it('does not call the same message sent twice, or different slots, equivocation', () => {
    const m = (round: number) => ({ actor: 'p1', kind: 'sends', message: { type: 'propose', round, v: round } });
    const ok = buildChart({ steps: [{ action: null, state: {} }, { action: m(1), state: {} }, { action: m(1), state: {} }, { action: m(2), state: {} }] });
    expect(ok.equivocations).toEqual([]);
  });
  it('does not flag different messages that went to the same recipients', () => {
    const send = (v: number) => ({ actor: 'p1', kind: 'sends', message: { type: 'propose', round: 1, v } });
    const recv = (v: number) => ({ actor: 'p2', kind: 'receives', message: { type: 'propose', round: 1, v } });
    const chart2 = buildChart({ steps: [{ action: null, state: {} }, { action: send(1), state: {} }, { action: send(2), state: {} }, { action: recv(1), state: {} }, { action: recv(2), state: {} }] });
    expect(chart2.equivocations).toEqual([]);
  });
});
