// `clab show --table`: one row per step, one column per process, the messages in flight in a side column
// (and global fields, if any, in another). Cells changed by the step are marked with `*` (and bold when
// coloured); columns shrink, widest first, until the table fits the width, and cells are elided to fit.

import type { ChalkInstance } from 'chalk';
import { ClabError } from '../errors.ts';
import { elide } from './elide.ts';
import { formatAction, formatValue, safeText, type PrintableStep } from './format.ts';
import { globalView, inferLayout, inFlight, processesWithState, processView } from './processes.ts';
import { loopText } from './loop-text.ts';

const SEP = ' │ ';
const MIN_COL = 6;
/** More process columns than this do not fit any screen (each is at least MIN_COL + 3 wide). */
export const MAX_TABLE_PROCESSES = 200;

export interface TableOptions {
  readonly width: number;
  readonly loopStart?: number;
}

/** `k=v, k=v`, or just `v` for a single field. */
function fieldsText(view: Record<string, unknown>): string {
  const entries = Object.entries(view);
  if (entries.length === 1) return formatValue(entries[0][1]);
  return entries.map(([k, v]) => `${safeText(k)}=${formatValue(v)}`).join(' ');
}

/** Always `k=v k=v` (global fields are not self-explanatory without their names). */
function namedText(view: Record<string, unknown>): string {
  return Object.entries(view).map(([k, v]) => `${safeText(k)}=${formatValue(v)}`).join(' ');
}

/** The messages in flight, those new at this step first and marked `+`. */
function inFlightText(now: readonly unknown[], before: readonly unknown[] | undefined): string {
  if (now.length === 0) return '∅';
  const had = new Set((before ?? now).map((m) => JSON.stringify(m)));
  const fresh = now.filter((m) => !had.has(JSON.stringify(m)));
  const old = now.filter((m) => had.has(JSON.stringify(m)));
  return [...fresh.map((m) => '+' + formatValue(m)), ...old.map(formatValue)].join(', ');
}

/**
 * Column widths: natural widths, the widest cut down first (one character at a time, the leftmost of equal
 * widths first) until the total fits or every column is down to MIN_COL. Computed directly rather than by
 * cutting one character at a time, which took (excess × columns) steps: a trace with a long value in one
 * cell made that millions.
 */
export function fitColumns(natural: readonly number[], fixed: number, width: number): number[] {
  const excess = natural.reduce((a, b) => a + b, 0) + fixed - width;
  if (excess <= 0) return [...natural];
  /** Characters cut when every column wider than `level` is cut to it. */
  const cut = (level: number) => natural.reduce((a, x) => a + Math.max(0, x - level), 0);
  if (cut(MIN_COL) <= excess) return natural.map((x) => Math.min(x, MIN_COL));
  // The highest level whose cut is enough (cut(hi) < excess <= cut(lo) throughout).
  let lo = MIN_COL;
  let hi = natural.reduce((a, b) => Math.max(a, b), 0);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (cut(mid) >= excess) lo = mid;
    else hi = mid;
  }
  // Everything down to lo + 1, then the leftmost columns at lo + 1 lose one more until the excess is gone.
  let rest = excess - cut(lo + 1);
  return natural.map((x) => {
    if (x <= lo) return x;
    if (rest > 0) {
      rest--;
      return lo;
    }
    return lo + 1;
  });
}

export function formatTable(steps: readonly PrintableStep[], chalk: ChalkInstance, opts: TableOptions): string[] {
  const layout = inferLayout(steps);
  // Processes without state of their own (e.g. stateless proposers) get no column: their steps are in
  // the action column.
  const procs = processesWithState(layout, steps);
  if (procs.length > MAX_TABLE_PROCESSES) {
    throw new ClabError(`the trace has ${procs.length} processes with state of their own; a table has at most ${MAX_TABLE_PROCESSES} columns for them`, 'print it as a step list instead (`clab show FILE`, or --full)');
  }
  const hasGlobals = layout.globalFields.length > 0;
  const header = ['#', 'action', ...procs.map(safeText), 'in flight', ...(hasGlobals ? ['globals'] : [])];
  // Cells of processes with several fields are `k=v k=v`; when that does not fit, values only (`0/1/1`),
  // with the field names said once under the table.
  const fieldNames = (p: string) => {
    const names = new Set<string>();
    for (const st of steps) for (const k of Object.keys(processView(layout, st.state, p))) names.add(safeText(k));
    return [...names];
  };
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
  // A loop, not Math.max(...rows): a spread of a long trace's rows overflows the call stack.
  const naturalOf = (rows: Cell[][]) => header.map((h, c) => rows.reduce((w, r) => Math.max(w, r[c].text.length), h.length));
  let rows = build(fullText);
  let legend: string[] = [];
  if (naturalOf(rows).reduce((a, b) => a + b, 0) + fixed > opts.width && procs.some((p) => fieldNames(p).length > 1)) {
    rows = build(compactText);
    const groups = new Map<string, string[]>();
    for (const p of procs) {
      const names = fieldNames(p);
      if (names.length > 1) groups.set(names.join('/'), [...(groups.get(names.join('/')) ?? []), p]);
    }
    legend = [...groups].map(([names, ps]) => `${ps.map(safeText).join(', ')}: ${names}`);
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
