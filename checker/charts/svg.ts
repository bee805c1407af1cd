// Drawing a Chart as a standalone SVG message sequence chart. Layout is a pure function of the chart:
// one column per process (lifeline), one row per step with the action in a left gutter, arrows from the
// send row to the delivery row, the highlighted final step, the lasso's rows shaded with a back arrow,
// crashes as a red cross with the lifeline dashed while down, equivocating sends in orange with a ⚠.
// Text is monospace and its width estimated per character, so the output is byte-for-byte deterministic;
// message labels are placed where they overlap no other text (labels.ts), each with a white halo so the
// lines under it do not cross its letters, and every message carries its full label as a tooltip.
// Element ids are stable (`clab-step-<i>`, `clab-msg-<n>`, `clab-lost-<n>`, `clab-life-<process>`), which
// the HTML page uses to highlight the current step.

import { elide } from '../trace/elide.ts';
import { safeText } from '../trace/safe-text.ts';
import type { Chart } from './chart.ts';
import { escapeXml } from './xml.ts';
import { loopText } from '../trace/loop-text.ts';
import { LABEL_CHAR, LabelPlacer, textBox, textColumns, type Candidate } from './labels.ts';

const CHAR = 7.2; // px per character at 12px monospace
const COL = 170;
const ROW = 30;
const HEAD = 76;
const NUM_W = 36;
const RIGHT = 120;
const STUB = 44;
/** Width kept at the right edge for a lasso's back arrow. */
const LOOP_W = 56;
/** Characters of a label shortened to fit where the whole one does not. */
const SHORT = 14;

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

export function geometry(chart: Chart, legend: readonly string[]): SvgGeometry {
  // A loop, not Math.max(...steps): spreading a long trace's steps overflows the call stack.
  const actionChars = Math.min(44, chart.steps.reduce((w, s) => Math.max(w, s.text.length), 12));
  const column = new Map(chart.processes.map((p, i) => [p, i]));
  const gutter = NUM_W + actionChars * CHAR + 16;
  const n = chart.steps.length;
  // Room on the right for the verdict (it then starts more than a stub's length right of the last
  // lifeline) and the lasso's back arrow, and for the legend below.
  const right = Math.max(RIGHT, chart.highlight ? textColumns(chart.highlight.text) * LABEL_CHAR + 24 + (chart.loopStart !== undefined ? LOOP_W : 0) : 0);
  const legendWidth = legend.reduce((w, l) => Math.max(w, textColumns(l) * LABEL_CHAR + 16), 0);
  return {
    width: Math.ceil(Math.max(gutter + COL * Math.max(1, chart.processes.length) + right, legendWidth)),
    height: HEAD + ROW * n + 24 + legend.length * 16 + 8,
    gutter,
    x: (p) => gutter + COL * ((column.get(p) ?? -1) + 0.5),
    y: (step) => HEAD + ROW * (step - 0.5),
  };
}

function legend(chart: Chart): string[] {
  const lines = ['→ message delivered (send step to delivery step)   ─○ sent, not delivered in this trace   ●→ delivered, not sent in this trace'];
  const marks: string[] = [];
  if (chart.crashes.length) marks.push('✗ crash (lifeline dashed while down)');
  if (chart.loopStart !== undefined) marks.push(`↻ lasso (shaded): ${loopText(chart.loopStart, chart.steps.length)}`);
  if (marks.length) lines.push(marks.join('   '));
  for (const e of chart.equivocations) lines.push(`⚠ equivocation: ${e.sender} sent ${e.messages.join(' and ')}${e.slot ? ` for ${e.slot}` : ''} (steps ${e.steps.join(', ')})`);
  return lines;
}

export function renderSvg(chart: Chart): string {
  const leg = legend(chart);
  const g = geometry(chart, leg);
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

  // Messages. Labels are placed so that none overlaps another (labels.ts): the verdict's text is taken
  // first, then each stub's label near its sender, then each arrow's along it. The arrows of one send that
  // carry one label (a broadcast, the senders of a bundled step) show it once; every message keeps its full
  // label as a tooltip.
  const placer = new LabelPlacer(g.gutter, g.width - 4);
  // The verdict's text ends left of the lasso's back arrow, which runs down the right edge.
  const loopX = g.width - LOOP_W + 6;
  const verdictX = chart.loopStart !== undefined ? loopX - 8 : g.width - 8;
  const loopMark = chart.loopStart !== undefined && n > 0 ? { x: loopX + 24, y: (HEAD + ROW * chart.loopStart + bottom) / 2 + 4 } : undefined;
  if (chart.highlight && n > 0) placer.occupy(textBox(verdictX, g.y(chart.highlight.step) + 4, chart.highlight.text, 'end'));
  if (loopMark) placer.occupy({ x0: loopMark.x - 10, y0: loopMark.y - 16, x1: loopMark.x + 10, y1: loopMark.y + 6 });
  // A label over an event's dot would read as that process's: the dots are kept clear too.
  for (const s of chart.steps) for (const a of s.actors) placer.occupy({ x0: g.x(a) - 5, y0: g.y(s.index) - 5, x1: g.x(a) + 5, y1: g.y(s.index) + 5 });
  const labelAttrs = (colour: string) => `fill="${colour}" stroke="#fff" stroke-width="3" paint-order="stroke"`;
  const label = (texts: readonly string[], candidates: readonly Candidate[], colour: string): string => {
    const at = placer.place(texts, candidates);
    return at ? text(at.x, at.y, at.text, `${at.anchor === 'start' ? '' : `text-anchor="${at.anchor}" `}${labelAttrs(colour)}`) : '';
  };
  const lostParts: string[] = [];
  for (const u of chart.undelivered) {
    const colour = u.equivocation ? COLOURS.warn : COLOURS.arrow;
    const x1 = g.x(u.from);
    const y = g.y(u.step);
    const full = (u.equivocation ? '⚠ ' : '') + u.label;
    lostParts.push(`<g id="${u.id}" class="undelivered${u.equivocation ? ' equivocation' : ''}" data-send="${u.step}">`);
    lostParts.push(`<title>${escapeXml(full)}</title>`);
    lostParts.push(`<line x1="${f(x1)}" y1="${f(y)}" x2="${f(x1 + STUB)}" y2="${f(y)}" stroke="${colour}" stroke-width="1.5"/>`);
    lostParts.push(`<circle cx="${f(x1 + STUB + 4)}" cy="${f(y)}" r="4" fill="#fff" stroke="${colour}" stroke-width="1.5"/>`);
    const texts = [elide(full, chars(COL - 12)), elide(full, SHORT)];
    lostParts.push(label(texts, [{ x: x1 + 8, y: y - 6, anchor: 'start' }, { x: x1 + 8, y: y + 14, anchor: 'start' }, { x: x1 + STUB + 12, y: y + 4, anchor: 'start' }], colour));
    lostParts.push('</g>');
  }
  // Arrows drawn in the same row (delivered at the step that sent them) are spread a little apart.
  const sameRow = new Map<number, number>();
  const rowSlot = new Map<string, number>();
  for (const a of chart.arrows) {
    if (a.sendStep !== a.receiveStep || a.from === undefined) continue;
    const k = sameRow.get(a.receiveStep) ?? 0;
    rowSlot.set(a.id, k);
    sameRow.set(a.receiveStep, k + 1);
  }
  const labelled = new Set<string>();
  out.push('<g class="messages">');
  for (const a of chart.arrows) {
    const colour = a.equivocation ? COLOURS.warn : COLOURS.arrow;
    const marker = a.equivocation ? 'clab-arrow-warn' : 'clab-arrow';
    const x2 = g.x(a.to);
    let y2 = g.y(a.receiveStep);
    const full = (a.equivocation ? '⚠ ' : '') + a.label;
    // One label per send and text (a broadcast's arrows fan out from one point).
    const once = a.sendStep === undefined ? a.id : `${a.sendStep}\u0000${full}`;
    const show = !labelled.has(once);
    labelled.add(once);
    out.push(`<g id="${a.id}" class="message${a.equivocation ? ' equivocation' : ''}" data-send="${a.sendStep ?? ''}" data-receive="${a.receiveStep}">`);
    out.push(`<title>${escapeXml(full)}</title>`);
    if (a.from === undefined || a.sendStep === undefined) {
      const x1 = x2 - STUB - 16;
      out.push(`<circle cx="${f(x1)}" cy="${f(y2)}" r="4" fill="${colour}"/>`);
      out.push(`<line x1="${f(x1)}" y1="${f(y2)}" x2="${f(x2 - 4)}" y2="${f(y2)}" stroke="${colour}" stroke-width="1.5" marker-end="url(#${marker})"/>`);
      if (show) out.push(label([elide(full, chars(COL - 20)), elide(full, SHORT)], [{ x: x1, y: y2 - 6, anchor: 'start' }, { x: x1, y: y2 + 14, anchor: 'start' }], colour));
    } else if (a.from === a.to) {
      const x1 = g.x(a.from);
      const y1 = g.y(a.sendStep);
      if (y1 === y2) y2 += ROW / 2 - 4; // a message to itself delivered at once: a small loop in its row
      out.push(`<path d="M${f(x1)},${f(y1)} C${f(x1 + 40)},${f(y1)} ${f(x1 + 40)},${f(y2)} ${f(x1 + 4)},${f(y2)}" fill="none" stroke="${colour}" stroke-width="1.5" marker-end="url(#${marker})"/>`);
      const mid = (y1 + y2) / 2;
      if (show) out.push(label([elide(full, chars(COL - 60)), elide(full, SHORT)], [{ x: x1 + 44, y: mid + 4, anchor: 'start' }, { x: x1 + 44, y: mid - 10, anchor: 'start' }, { x: x1 + 44, y: mid + 18, anchor: 'start' }], colour));
    } else {
      const x1 = g.x(a.from);
      let y1 = g.y(a.sendStep);
      const slot = rowSlot.get(a.id);
      if (slot !== undefined) {
        const dy = (slot - ((sameRow.get(a.receiveStep) ?? 1) - 1) / 2) * 6;
        y1 += dy;
        y2 += dy;
      }
      const dir = x2 > x1 ? 1 : -1;
      out.push(`<line x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2 - dir * 4)}" y2="${f(y2)}" stroke="${colour}" stroke-width="1.5" marker-end="url(#${marker})"/>`);
      const span = Math.abs(x2 - x1);
      // Just above the arrow at its middle, else at other points along it, above or below.
      const along: Candidate[] = [];
      for (const t of [0.5, 0.35, 0.65, 0.2, 0.8]) {
        const px = x1 + (x2 - x1) * t;
        const py = y1 + (y2 - y1) * t;
        along.push({ x: px, y: py - 5, anchor: 'middle' }, { x: px, y: py + 14, anchor: 'middle' });
      }
      if (show) out.push(label([elide(full, chars(Math.max(span - 16, COL - 30))), elide(full, SHORT)], along, colour));
    }
    out.push('</g>');
  }
  for (const l of lostParts) if (l) out.push(l);
  out.push('</g>');

  // Events on the lifelines: a dot per step of the actor, a cross per crash.
  out.push('<g class="events">');
  for (const s of chart.steps) {
    for (const actor of s.actors) {
      const x = g.x(actor);
      const y = g.y(s.index);
      if (s.kind === 'crash') {
        out.push(`<path d="M${f(x - 7)},${f(y - 7)} L${f(x + 7)},${f(y + 7)} M${f(x + 7)},${f(y - 7)} L${f(x - 7)},${f(y + 7)}" stroke="${COLOURS.crash}" stroke-width="3"/>`);
      } else {
        out.push(`<circle cx="${f(x)}" cy="${f(y)}" r="3.5" fill="${s.kind === 'internal' || s.kind === 'recover' ? '#555' : COLOURS.arrow}"/>`);
      }
    }
  }
  out.push('</g>');

  // The lasso's back arrow on the right, and the highlighted step's verdict.
  if (loopMark && chart.loopStart !== undefined) {
    const yTop = HEAD + ROW * chart.loopStart + 4;
    const yBottom = bottom - 4;
    out.push(`<path class="loop" d="M${f(loopX)},${f(yBottom)} C${f(loopX + 40)},${f(yBottom)} ${f(loopX + 40)},${f(yTop)} ${f(loopX + 2)},${f(yTop)}" fill="none" stroke="${COLOURS.loopLine}" stroke-width="1.5" marker-end="url(#clab-arrow-loop)"/>`);
    out.push(text(loopMark.x, loopMark.y, '↻', `fill="${COLOURS.loopLine}" font-size="16"`));
  }
  if (chart.highlight && n > 0) {
    out.push(text(verdictX, g.y(chart.highlight.step) + 4, chart.highlight.text, `text-anchor="end" font-weight="bold" fill="${chart.highlight.violation ? COLOURS.crash : '#2e7d32'}"`));
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
