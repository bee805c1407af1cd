// Golden SVG and HTML charts (and the text forms) of two committed counterexamples. The renderers are
// deterministic, so the output must equal the files under test/charts/golden/ byte for byte.
// UPDATE_GOLDEN=1 npx vitest run test/charts/golden.test.ts rewrites them after an intended change (review the diff).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { buildChart } from '../../checker/charts/chart.ts';
import { renderHtml } from '../../checker/charts/html.ts';
import { renderSvg } from '../../checker/charts/svg.ts';
import { formatTrace } from '../../checker/trace/format.ts';
import { formatTable } from '../../checker/trace/table.ts';
import { fromTraceFile } from '../../checker/trace/shown-trace.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';

const GOLDEN = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const plain = new Chalk({ level: 0 });

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (update || !existsSync(file)) {
    if (!update) throw new Error(`missing golden file ${name}; run with UPDATE_GOLDEN=1 to create it`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const traces = ['twophase-crash-consent-consistent', 'paxos-ignore-accepted-agreement'];

describe.each(traces)('%s', (name) => {
  const trace = fromTraceFile(loadTrace(join(import.meta.dirname, '../../counterexamples', `${name}.json`)));
  it('svg', () => golden(`${name}.svg`, renderSvg(buildChart(trace))));
  it('html', () => golden(`${name}.html`, renderHtml(trace)));
  it('step list and table at width 100', () => {
    const text = [...formatTrace(trace.steps, plain, { width: 100 }), '', ...formatTable(trace.steps, plain, { width: 100 })].join('\n') + '\n';
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    golden(`${name}.txt`, text);
  });
  it('renders twice to the same bytes', () => {
    expect(renderHtml(trace)).toBe(renderHtml(fromTraceFile(loadTrace(join(import.meta.dirname, '../../counterexamples', `${name}.json`)))));
  });
});

describe('what the twophase chart shows', () => {
  const trace = fromTraceFile(loadTrace(join(import.meta.dirname, '../../counterexamples/twophase-crash-consent-consistent.json')));
  const chart = buildChart(trace);
  it('pairs each delivery with its send', () => {
    expect(chart.processes).toEqual(['r1', 'r2', 'TM']);
    expect(chart.arrows.map((a) => [a.from, a.to, a.sendStep, a.receiveStep, a.label])).toEqual([
      ['r1', 'TM', 1, 2, 'Prepared(rm=r1)'],
      ['TM', 'r1', 5, 6, 'Commit()'],
    ]);
    expect(chart.undelivered).toEqual([]);
  });
  it('marks the crash and the violating step', () => {
    expect(chart.crashes).toEqual([{ process: 'r2', step: 4 }]);
    expect(chart.highlight).toEqual({ step: 6, text: '✗ consistent violated', violation: true });
    const svg = renderSvg(chart);
    expect(svg).toContain('id="clab-step-6" class="step highlight"');
    expect(svg).toContain('stroke-dasharray="4 4"');
  });
  it('html is self-contained', () => {
    const html = renderHtml(trace);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(html).not.toMatch(/<link |@import|url\(http/);
    expect(html.match(/<tr id="clab-row-\d+"/g)).toHaveLength(7);
  });
});
