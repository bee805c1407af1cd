// Chart layouts as a browser draws them (Debian's chromium driven by playwright-core, as the explorer's
// test does): the Paxos, OM and user-model charts have exactly one lifeline per process and no two text
// labels overlapping, measured on the bounding boxes Chromium gives; and no label is wider than the width
// the layout assumed for it (checker/charts/labels.ts). Skips, saying why, only where /usr/bin/chromium is
// absent (.ci/run installs it from Debian when it can).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildChart } from '../../checker/charts/chart.ts';
import { LABEL_CHAR, textColumns } from '../../checker/charts/labels.ts';
import { renderSvg } from '../../checker/charts/svg.ts';
import type { ShownTrace } from '../../checker/trace/shown-trace.ts';
import { omTrace, paxosTrace, pingPongTrace } from './traces.ts';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`skipping the charts' browser test: ${CHROMIUM} not found (install Debian's chromium package)`);

interface Measured {
  readonly texts: { text: string; x0: number; y0: number; x1: number; y1: number; message: boolean }[];
  readonly lifelines: { id: string; lines: number }[];
  readonly headers: string[];
}

/** Run in the page (a string: this project's TypeScript has no DOM types): every text's box, the lifelines, the process headers. */
const MEASURE = `(() => {
  const box = (t) => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent ?? '', x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, message: t.closest('.messages') !== null };
  };
  return {
    texts: [...document.querySelectorAll('svg text')].map(box).filter((b) => b.x1 > b.x0),
    lifelines: [...document.querySelectorAll('g[id^="clab-life-"]')].map((g) => ({ id: g.id, lines: g.querySelectorAll('line').length })),
    headers: [...document.querySelectorAll('g.processes text')].slice(1).map((t) => t.textContent ?? ''),
  };
})()`;

/** Pairs of texts whose boxes overlap by more than a rounding error. */
function overlapping(texts: Measured['texts']): string[] {
  const out: string[] = [];
  const e = 0.5;
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i];
      const b = texts[j];
      if (a.x0 + e < b.x1 && b.x0 + e < a.x1 && a.y0 + e < b.y1 && b.y0 + e < a.y1) out.push(`${a.text} / ${b.text}`);
    }
  }
  return out;
}

describe.skipIf(!haveChromium)('chart layouts in headless Chromium', () => {
  it('one lifeline per process, no overlapping labels: Paxos, OM, a user model', async () => {
    const { chromium } = await import('playwright-core');
    const charts: [string, ShownTrace, string[]][] = [
      ['paxos', paxosTrace(), ['p1', 'p2', 'a1', 'a2', 'a3']],
      ['om', await omTrace(), ['C', 'L1', 'L2', 'L3']],
      ['ping-pong', await pingPongTrace(), ['p1', 'p2']],
    ];
    const profile = mkdtempSync(join(tmpdir(), 'clab-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = browser.pages()[0] ?? (await browser.newPage());
      for (const [name, trace, processes] of charts) {
        const chart = buildChart(trace);
        expect(chart.processes, name).toEqual(processes);
        await page.setContent(`<!doctype html><html><body style="margin:0">${renderSvg(chart)}</body></html>`);
        const m = (await page.evaluate(MEASURE)) as Measured;
        expect(m.lifelines.map((l) => l.id), name).toEqual(processes.map((p) => `clab-life-${p}`));
        expect(m.lifelines.every((l) => l.lines >= 1), name).toBe(true);
        expect(m.headers, name).toEqual(processes);
        expect(overlapping(m.texts), name).toEqual([]);
        // The layout's estimate of each message label's width holds in this browser.
        for (const t of m.texts.filter((x) => x.message)) expect(t.x1 - t.x0, `${name}: ${t.text}`).toBeLessThanOrEqual(textColumns(t.text) * LABEL_CHAR);
        // Every message is labelled somewhere (once per send) or carries its label as a tooltip.
        expect(m.texts.filter((x) => x.message).length, name).toBeGreaterThan(0);
      }
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);
});
