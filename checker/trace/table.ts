// `clab show --table`: one row per step, one column per process, the messages in flight in a side column
// (and global fields, if any, in another). Cells changed by the step are marked with `*` (and bold when
// coloured); columns shrink, widest first, until the table fits the width, and cells are elided to fit.

import type { ChalkInstance } from 'chalk';
import { elide } from './elide.ts';
import { formatAction, formatValue, type PrintableStep } from './format.ts';
import { globalView, inferLayout, inFlight, processView } from './processes.ts';
import { loopText } from './shown-trace.ts';

const SEP = ' │ ';
const MIN_COL = 6;

export interface TableOptions {
  readonly width: number;
  readonly loopStart?: number;
}

/** `k=v, k=v`, or just `v` for a single field. */
function fieldsText(view: Record<string, unknown>): string {
  const entries = Object.entries(view);
  if (entries.length === 1) return formatValue(entries[0][1]);
  return entries.map(([k, v]) => `${k}=${formatValue(v)}`).join(' ');
}

/** Always `k=v k=v` (global fields are not self-explanatory without their names). */
function namedText(view: Record<string, unknown>): string {
  return Object.entries(view).map(([k, v]) => `${k}=${formatValue(v)}`).join(' ');
}

/** The messages in flight, those new at this step first and marked `+`. */
function inFlightText(now: readonly unknown[], before: readonly unknown[] | undefined): string {
  if (now.length === 0) return '∅';
  const had = new Set((before ?? now).map((m) => JSON.stringify(m)));
  const fresh = now.filter((m) => !had.has(JSON.stringify(m)));
  const old = now.filter((m) => had.has(JSON.stringify(m)));
  return [...fresh.map((m) => '+' + formatValue(m)), ...old.map(formatValue)].join(', ');
}

/** Column widths: natural widths, the widest cut down first until the total fits. */
export function fitColumns(natural: readonly number[], fixed: number, width: number): number[] {
  const w = [...natural];
  let excess = w.reduce((a, b) => a + b, 0) + fixed - width;
  while (excess > 0) {
    const widest = w.reduce((best, x, i) => (x > w[best] ? i : best), 0);
    if (w[widest] <= MIN_COL) break;
    w[widest]--;
    excess--;
  }
  return w;
}

export function formatTable(steps: readonly PrintableStep[], chalk: ChalkInstance, opts: TableOptions): string[] {
  const layout = inferLayout(steps);
  // Processes without state of their own (e.g. stateless proposers) get no column: their steps are in
  // the action column.
  const procs = layout.processes.filter((p) => steps.some((st) => Object.keys(processView(layout, st.state, p)).length > 0));
  const hasGlobals = layout.globalFields.length > 0;
  const header = ['#', 'action', ...procs, 'in flight', ...(hasGlobals ? ['globals'] : [])];
  // Cells of processes with several fields are `k=v k=v`; when that does not fit, values only (`0/1/1`),
  // with the field names said once under the table.
  const fieldNames = (p: string) => [...new Set(steps.flatMap((st) => Object.keys(processView(layout, st.state, p))))];
  const fullText = (view: Record<string, unknown>) => fieldsText(view);
  const compactText = (view: Record<string, unknown>) => Object.values(view).map(formatValue).join('/');
  type Cell = { text: string; changed: boolean };
  const globalCell = (text: string, changed: boolean): Cell => ({ text: (changed ? '*' : '') + text, changed });
  const build = (procText: (view: Record<string, unknown>) => string): Cell[][] =>
    steps.map((st, i) => {
      const prev = i > 0 ? steps[i - 1].state : undefined;
      const procCells = procs.map((p) => {
        const text = procText(processView(layout, st.state, p));
        const changed = prev !== undefined && text !== procText(processView(layout, prev, p));
        return { text: (changed ? '*' : '') + text, changed };
      });
      const flight = inFlightText(inFlight(layout, st.state), prev && inFlight(layout, prev));
      const globals = namedText(globalView(layout, st.state));
      return [
        { text: (i === opts.loopStart ? '↻' : '') + String(i), changed: false },
        { text: st.action ? formatAction(st.action) : 'initial state', changed: false },
        ...procCells,
        { text: flight, changed: flight.startsWith('+') },
        ...(hasGlobals ? [globalCell(globals, prev !== undefined && globals !== namedText(globalView(layout, prev)))] : []),
      ];
    });
  const fixed = SEP.length * (header.length - 1);
  const naturalOf = (rows: Cell[][]) => header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].text.length)));
  let rows = build(fullText);
  let legend: string[] = [];
  if (naturalOf(rows).reduce((a, b) => a + b, 0) + fixed > opts.width && procs.some((p) => fieldNames(p).length > 1)) {
    rows = build(compactText);
    const groups = new Map<string, string[]>();
    for (const p of procs) {
      const names = fieldNames(p);
      if (names.length > 1) groups.set(names.join('/'), [...(groups.get(names.join('/')) ?? []), p]);
    }
    legend = [...groups].map(([names, ps]) => `${ps.join(', ')}: ${names}`);
  }
  const widths = fitColumns(naturalOf(rows), fixed, opts.width);
  const line = (cells: readonly Cell[], style: (c: Cell, text: string) => string) =>
    cells.map((c, k) => style(c, elide(c.text, widths[k]).padEnd(widths[k]))).join(SEP).trimEnd();
  const out = [
    line(header.map((h) => ({ text: h, changed: false })), (_c, t) => chalk.bold(t)),
    widths.map((w) => '─'.repeat(w)).join('─┼─'),
    ...rows.map((r) => line(r, (c, t) => (c.changed ? chalk.bold(t) : t))),
  ];
  for (const l of legend) out.push(chalk.dim(elide(l, opts.width)));
  out.push(chalk.dim(elide('* changed at this step; + newly in flight' + (opts.loopStart !== undefined ? `; ↻ lasso: ${loopText(opts.loopStart, steps.length - 1)}` : ''), opts.width)));
  return out;
}
