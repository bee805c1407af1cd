// The self-contained HTML view of a trace: the sequence chart (inline SVG), a step table and the full state
// at the selected step. One file, no network: CSS and JS are inline and every text the script shows is
// precomputed here (the page formats nothing itself). Click a row, a step in the chart, or use the arrow
// keys / j k to move; the current step is highlighted in both the table and the chart.

import { Chalk } from 'chalk';
import { diffStates, formatAction, formatChange, formatValue, safeText } from '../trace/format.ts';
import type { ShownTrace } from '../trace/shown-trace.ts';
import { buildChart } from './chart.ts';
import { renderSvg } from './svg.ts';
import { escapeXml, scriptJson } from './xml.ts';
import { loopText } from '../trace/loop-text.ts';

const plain = new Chalk({ level: 0 });

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; }
header { padding: 10px 16px; background: #f3f5f9; border-bottom: 1px solid #ccd; }
header h1 { font-size: 17px; margin: 0 0 4px; }
header p { margin: 0; color: #555; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 420px; gap: 12px; padding: 12px 16px; }
.chart { overflow: auto; border: 1px solid #dde; grid-column: 1 / 3; }
.steps, .state { border: 1px solid #dde; overflow: auto; max-height: 60vh; }
table { border-collapse: collapse; width: 100%; font: 12px ui-monospace, Menlo, Consolas, monospace; }
th, td { text-align: left; vertical-align: top; padding: 3px 6px; border-bottom: 1px solid #eee; }
th { position: sticky; top: 0; background: #f3f5f9; }
tr.step { cursor: pointer; }
tr.step:hover { background: #f5f8ff; }
tr.step.current, .clab-chart .step.current rect.row { background: #fff2a8; fill: #fff2a8; }
tr.step.highlight td:first-child { color: #c62828; font-weight: bold; }
tr.step.loop td:first-child::after { content: ' ↻'; color: #6a4fc8; }
.changes div { white-space: pre-wrap; }
.clab-chart .step { cursor: pointer; }
.state h2 { font-size: 14px; margin: 0; padding: 6px 8px; background: #f3f5f9; position: sticky; top: 0; }
.state pre { margin: 0; padding: 6px 8px; font: 12px ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; }
.state .changed { background: #fff2a8; }
.verdict { color: #c62828; font-weight: bold; }
`;

const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('clab-data').textContent);
  var current = -1;
  function select(i) {
    if (i < 0 || i >= data.steps.length) return;
    var old = document.querySelectorAll('.current');
    for (var k = 0; k < old.length; k++) old[k].classList.remove('current');
    current = i;
    var row = document.getElementById('clab-row-' + i);
    if (row) { row.classList.add('current'); row.scrollIntoView({ block: 'nearest' }); }
    var g = document.getElementById('clab-step-' + i);
    if (g) g.classList.add('current');
    var st = data.steps[i];
    document.getElementById('clab-state-title').textContent = 'State at step ' + i + (st.action ? ': ' + st.action : ' (initial state)');
    var pre = document.getElementById('clab-state');
    pre.textContent = '';
    st.fields.forEach(function (f) {
      var line = document.createElement('div');
      line.textContent = f.text;
      if (f.changed) line.className = 'changed';
      pre.appendChild(line);
    });
  }
  document.addEventListener('click', function (e) {
    var t = e.target;
    while (t && t !== document) {
      if (t.getAttribute && t.getAttribute('data-step') !== null) { select(Number(t.getAttribute('data-step'))); return; }
      t = t.parentNode;
    }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight' || e.key === 'j') { select(current + 1); e.preventDefault(); }
    if (e.key === 'ArrowUp' || e.key === 'ArrowLeft' || e.key === 'k') { select(current - 1); e.preventDefault(); }
  });
  select(data.steps.length - 1);
})();
`;

export function renderHtml(t: ShownTrace): string {
  const chart = buildChart(t);
  const svg = renderSvg(chart);
  const steps = t.steps.map((st, i) => {
    const prev = i > 0 ? t.steps[i - 1].state : undefined;
    const diff = prev ? diffStates(prev, st.state) : [];
    const changedFields = new Set(diff.map((c) => c.path.split(/[.[]/)[0]));
    return {
      action: st.action ? formatAction(st.action) : null,
      changes: prev ? diff.map((c) => formatChange(c, plain).trim()) : Object.entries(st.state).map(([k, v]) => `${safeText(k)} = ${formatValue(v)}`),
      fields: Object.entries(st.state).map(([k, v]) => ({ text: `${safeText(k)} = ${formatValue(v)}`, changed: changedFields.has(k) })),
    };
  });
  const rows = steps.map((s, i) => {
    const cls = ['step', chart.highlight?.step === i ? 'highlight' : '', t.loopStart !== undefined && i > t.loopStart ? 'loop' : ''].filter(Boolean).join(' ');
    const changes = s.changes.length ? s.changes.map((c) => `<div>${escapeXml(c)}</div>`).join('') : '<div>(no change)</div>';
    return `<tr id="clab-row-${i}" class="${cls}" data-step="${i}"><td>${i}</td><td>${escapeXml(s.action ?? 'initial state')}</td><td class="changes">${changes}</td></tr>`;
  });
  const verdict = chart.highlight ? `<span class="verdict">${escapeXml(chart.highlight.text)}</span> at step ${chart.highlight.step}` : '';
  const loop = t.loopStart !== undefined ? ` · lasso: ${loopText(t.loopStart, t.steps.length - 1)}` : '';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeXml(chart.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${escapeXml(chart.title)}</h1><p>${verdict}${loop}</p></header>`,
    '<main>',
    `<section class="chart">${svg}</section>`,
    '<section class="steps"><table><thead><tr><th>#</th><th>action</th><th>what changed</th></tr></thead><tbody>',
    ...rows,
    '</tbody></table></section>',
    '<section class="state"><h2 id="clab-state-title">State</h2><pre id="clab-state"></pre></section>',
    '</main>',
    `<script type="application/json" id="clab-data">${scriptJson({ steps })}</script>`,
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
