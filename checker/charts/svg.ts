// Drawing a Chart as a standalone SVG message sequence chart. Layout is a pure function of the chart:
// one column per process (lifeline), one row per step with the action in a left gutter, arrows from the
// send row to the delivery row, the highlighted final step, the lasso's rows shaded with a back arrow,
// crashes as a red cross with the lifeline dashed while down, equivocating sends in orange with a ⚠.
// Text is monospace and its width estimated per character, so the output is byte-for-byte deterministic.
// Element ids are stable (`clab-step-<i>`, `clab-msg-<n>`, `clab-lost-<n>`, `clab-life-<process>`), which
// the HTML page uses to highlight the current step.

import { elide } from '../trace/elide.ts';
import { safeText } from '../trace/safe-text.ts';
import type { Chart } from './chart.ts';
import { escapeXml } from './xml.ts';
import { loopText } from '../trace/loop-text.ts';

const CHAR = 7.2; // px per character at 12px monospace
const COL = 170;
const ROW = 30;
const HEAD = 76;
const NUM_W = 36;
const RIGHT = 120;
const STUB = 44;

const COLOURS = {
  arrow: '#1f4e9c',
  warn: '#d9730d',
  crash: '#c62828',
  violation: '#fde0e0',
  reached: '#e0f5e4',
  loop: '#e8e4fb',
  loopLine: '#6a4fc8',
  text: '#222',
  dim: '#777',
} as const;

const f = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const text = (x: number, y: number, s: string, attrs = '') => `<text x="${f(x)}" y="${f(y)}"${attrs ? ' ' + attrs : ''}>${escapeXml(s)}</text>`;
const chars = (px: number) => Math.max(3, Math.floor(px / CHAR));

export interface SvgGeometry {
  readonly width: number;
  readonly height: number;
  readonly gutter: number;
  readonly x: (process: string) => number;
  readonly y: (step: number) => number;
}

export function geometry(chart: Chart, legendLines: number): SvgGeometry {
  // A loop, not Math.max(...steps): spreading a long trace's steps overflows the call stack.
  const actionChars = Math.min(44, chart.steps.reduce((w, s) => Math.max(w, s.text.length), 12));
  const column = new Map(chart.processes.map((p, i) => [p, i]));
  const gutter = NUM_W + actionChars * CHAR + 16;
  const n = chart.steps.length;
  return {
    width: Math.ceil(gutter + COL * Math.max(1, chart.processes.length) + RIGHT),
    height: HEAD + ROW * n + 24 + legendLines * 16 + 8,
    gutter,
    x: (p) => gutter + COL * ((column.get(p) ?? -1) + 0.5),
    y: (step) => HEAD + ROW * (step - 0.5),
  };
}

function legend(chart: Chart): string[] {
  const lines = ['→ message delivered (send step to delivery step)   ─○ sent, not delivered in this trace   ●→ in flight before step 1'];
  const marks: string[] = [];
  if (chart.crashes.length) marks.push('✗ crash (lifeline dashed while down)');
  if (chart.loopStart !== undefined) marks.push(`↻ lasso (shaded): ${loopText(chart.loopStart, chart.steps.length)}`);
  if (marks.length) lines.push(marks.join('   '));
  for (const e of chart.equivocations) lines.push(`⚠ equivocation: ${e.sender} sent ${e.messages.join(' and ')}${e.slot ? ` for ${e.slot}` : ''} (steps ${e.steps.join(', ')})`);
  return lines;
}

export function renderSvg(chart: Chart): string {
  const leg = legend(chart);
  const g = geometry(chart, leg.length);
  const n = chart.steps.length;
  const bottom = HEAD + ROW * n;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" class="clab-chart" width="${g.width}" height="${g.height}" viewBox="0 0 ${g.width} ${g.height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12">`);
  out.push(`<title>${escapeXml(chart.title)}</title>`);
  out.push('<defs>');
  for (const [id, colour] of [['clab-arrow', COLOURS.arrow], ['clab-arrow-warn', COLOURS.warn], ['clab-arrow-loop', COLOURS.loopLine]] as const) {
    out.push(`<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect x="0" y="0" width="${g.width}" height="${g.height}" fill="#fff"/>`);

  // Rows: a hit area per step (highlighted by the HTML page), the lasso shading and the final step.
  out.push('<g class="rows">');
  for (const s of chart.steps) {
    const top = HEAD + ROW * (s.index - 1);
    const inLoop = chart.loopStart !== undefined && s.index > chart.loopStart;
    const hl = chart.highlight?.step === s.index;
    const fill = hl ? (chart.highlight!.violation ? COLOURS.violation : COLOURS.reached) : inLoop ? COLOURS.loop : s.index % 2 === 0 ? '#f7f7f7' : '#fff';
    out.push(`<g id="clab-step-${s.index}" class="step${hl ? ' highlight' : ''}${inLoop ? ' loop' : ''}" data-step="${s.index}">`);
    out.push(`<rect class="row" x="0" y="${f(top)}" width="${g.width}" height="${ROW}" fill="${fill}"/>`);
    out.push(text(NUM_W - 8, top + ROW / 2 + 4, String(s.index), `text-anchor="end" fill="${COLOURS.dim}"`));
    out.push(text(NUM_W, top + ROW / 2 + 4, elide(s.text, chars(g.gutter - NUM_W - 10)), `fill="${COLOURS.text}"`));
    out.push('</g>');
  }
  out.push('</g>');

  // Lifelines, dashed while crashed.
  out.push('<g class="lifelines">');
  const crashesOf = new Map<string, Chart['crashes'][number][]>();
  for (const c of chart.crashes) {
    const list = crashesOf.get(c.process);
    if (list) list.push(c);
    else crashesOf.set(c.process, [c]);
  }
  for (const p of chart.processes) {
    const x = g.x(p);
    const down = crashesOf.get(p) ?? [];
    const segments: [number, number, boolean][] = [];
    let from = HEAD;
    for (const c of down) {
      segments.push([from, g.y(c.step), false]);
      const until = c.until !== undefined ? g.y(c.until) : bottom;
      segments.push([g.y(c.step), until, true]);
      from = until;
    }
    segments.push([from, bottom, false]);
    out.push(`<g id="clab-life-${escapeXml(p)}">`);
    for (const [y1, y2, dashed] of segments) {
      if (y2 <= y1) continue;
      out.push(`<line x1="${f(x)}" y1="${f(y1)}" x2="${f(x)}" y2="${f(y2)}" stroke="${dashed ? '#bbb' : '#888'}" stroke-width="${dashed ? 1 : 1.5}"${dashed ? ' stroke-dasharray="4 4"' : ''}/>`);
    }
    out.push('</g>');
  }
  out.push('</g>');

  // Messages.
  out.push('<g class="messages">');
  for (const a of chart.arrows) {
    const colour = a.equivocation ? COLOURS.warn : COLOURS.arrow;
    const marker = a.equivocation ? 'clab-arrow-warn' : 'clab-arrow';
    const x2 = g.x(a.to);
    const y2 = g.y(a.receiveStep);
    const label = (a.equivocation ? '⚠ ' : '') + a.label;
    out.push(`<g id="${a.id}" class="message${a.equivocation ? ' equivocation' : ''}" data-send="${a.sendStep ?? ''}" data-receive="${a.receiveStep}">`);
    if (a.from === undefined || a.sendStep === undefined) {
      const x1 = x2 - STUB - 16;
      out.push(`<circle cx="${f(x1)}" cy="${f(y2)}" r="4" fill="${colour}"/>`);
      out.push(`<line x1="${f(x1)}" y1="${f(y2)}" x2="${f(x2 - 4)}" y2="${f(y2)}" stroke="${colour}" stroke-width="1.5" marker-end="url(#${marker})"/>`);
      out.push(text(x1, y2 - 6, elide(label, chars(COL - 20)), `fill="${colour}"`));
    } else if (a.from === a.to) {
      const x1 = g.x(a.from);
      const y1 = g.y(a.sendStep);
      out.push(`<path d="M${f(x1)},${f(y1)} C${f(x1 + 40)},${f(y1)} ${f(x1 + 40)},${f(y2)} ${f(x1 + 4)},${f(y2)}" fill="none" stroke="${colour}" stroke-width="1.5" marker-end="url(#${marker})"/>`);
      out.push(text(x1 + 44, (y1 + y2) / 2 + 4, elide(label, chars(COL - 60)), `fill="${colour}"`));
    } else {
      const x1 = g.x(a.from);
      const y1 = g.y(a.sendStep);
      const dir = x2 > x1 ? 1 : -1;
      out.push(`<line x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2 - dir * 4)}" y2="${f(y2)}" stroke="${colour}" stroke-width="1.5" marker-end="url(#${marker})"/>`);
      const span = Math.abs(x2 - x1);
      // Label at the middle of the arrow, just above it.
      out.push(text((x1 + x2) / 2, (y1 + y2) / 2 - 5, elide(label, chars(Math.max(span - 16, COL - 30))), `text-anchor="middle" fill="${colour}"`));
    }
    out.push('</g>');
  }
  for (const u of chart.undelivered) {
    const colour = u.equivocation ? COLOURS.warn : COLOURS.arrow;
    const x1 = g.x(u.from);
    const y = g.y(u.step);
    out.push(`<g id="${u.id}" class="undelivered${u.equivocation ? ' equivocation' : ''}" data-send="${u.step}">`);
    out.push(`<line x1="${f(x1)}" y1="${f(y)}" x2="${f(x1 + STUB)}" y2="${f(y)}" stroke="${colour}" stroke-width="1.5"/>`);
    out.push(`<circle cx="${f(x1 + STUB + 4)}" cy="${f(y)}" r="4" fill="#fff" stroke="${colour}" stroke-width="1.5"/>`);
    out.push(text(x1 + 6, y - 6, elide((u.equivocation ? '⚠ ' : '') + u.label, chars(COL - 12)), `fill="${colour}"`));
    out.push('</g>');
  }
  out.push('</g>');

  // Events on the lifelines: a dot per step of the actor, a cross per crash.
  out.push('<g class="events">');
  for (const s of chart.steps) {
    if (s.actor === undefined) continue;
    const x = g.x(s.actor);
    const y = g.y(s.index);
    if (s.kind === 'crash') {
      out.push(`<path d="M${f(x - 7)},${f(y - 7)} L${f(x + 7)},${f(y + 7)} M${f(x + 7)},${f(y - 7)} L${f(x - 7)},${f(y + 7)}" stroke="${COLOURS.crash}" stroke-width="3"/>`);
    } else {
      out.push(`<circle cx="${f(x)}" cy="${f(y)}" r="3.5" fill="${s.kind === 'internal' || s.kind === 'recover' ? '#555' : COLOURS.arrow}"/>`);
    }
  }
  out.push('</g>');

  // The lasso's back arrow on the right, and the highlighted step's verdict.
  const right = g.width - RIGHT + 30;
  if (chart.loopStart !== undefined && n > 0) {
    const yTop = HEAD + ROW * chart.loopStart + 4;
    const yBottom = bottom - 4;
    out.push(`<path class="loop" d="M${f(right)},${f(yBottom)} C${f(right + 40)},${f(yBottom)} ${f(right + 40)},${f(yTop)} ${f(right + 2)},${f(yTop)}" fill="none" stroke="${COLOURS.loopLine}" stroke-width="1.5" marker-end="url(#clab-arrow-loop)"/>`);
    out.push(text(right + 24, (yTop + yBottom) / 2 + 4, '↻', `fill="${COLOURS.loopLine}" font-size="16"`));
  }
  if (chart.highlight && n > 0) {
    out.push(text(g.width - 8, g.y(chart.highlight.step) + 4, chart.highlight.text, `text-anchor="end" font-weight="bold" fill="${chart.highlight.violation ? COLOURS.crash : '#2e7d32'}"`));
  }

  // Process headers (drawn last so they stay on top).
  out.push('<g class="processes">');
  out.push(text(8, 20, elide(chart.title, chars(g.width - 16)), `font-weight="bold" fill="${COLOURS.text}"`));
  for (const p of chart.processes) {
    const x = g.x(p);
    const name = safeText(p);
    const w = Math.min(COL - 20, Math.max(40, name.length * CHAR + 20));
    out.push(`<rect x="${f(x - w / 2)}" y="34" width="${f(w)}" height="26" rx="4" fill="#eef2fa" stroke="#1f4e9c"/>`);
    out.push(text(x, 51, elide(name, chars(w - 8)), `text-anchor="middle" font-weight="bold" fill="${COLOURS.text}"`));
  }
  out.push('</g>');

  out.push('<g class="legend">');
  leg.forEach((l, i) => out.push(text(8, bottom + 24 + i * 16, l, `fill="${COLOURS.dim}"`)));
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}
