// Printing a sweep for people: a table with the first parameter as columns and the others as rows, each
// cell its verdict (holds / violated with the trace length / incomplete / not run) over its states and
// seconds, then the counterexample files. A sweep streams its cells, so the table shows the grid as far
// as it was run: every cell when the grid is small (SHOW_ALL cells or fewer), else the rows reached.

import type { ChalkInstance } from 'chalk';
import type { ConstValue } from '../model.ts';
import type { SweepCell } from './cell.ts';
import { comboAt, valuesOf, type SweepParam } from './params.ts';

/** A cell of the grid: searched, skipped (invalid combination, --skip-invalid), or not run (the sweep stopped first). */
export type SweepSlot = SweepCell | 'skipped' | 'not-run';

/** Grids up to this many cells are shown whole, cells not run included. */
export const SHOW_ALL = 1000;

export interface SweepTableRow {
  /** The row parameters' values (and the first column's, unused). */
  readonly at: Readonly<Record<string, ConstValue>>;
  readonly slots: readonly SweepSlot[];
}

export interface SweepTableView {
  readonly column: string;
  /** The column values shown (all of them, or the first ones when the first row was not finished). */
  readonly columnValues: readonly ConstValue[];
  /** Whether every column value is shown (a row's threshold is known only then). */
  readonly allColumns: boolean;
  readonly rowParams: readonly string[];
  readonly rows: readonly SweepTableRow[];
}

/**
 * The part of the grid to show, given the slot of each cell index below `reached` (the cells the sweep
 * got to); cells from `reached` on are not run.
 */
export function sweepView(params: readonly SweepParam[], total: number, reached: number, slotAt: (k: number) => SweepSlot): SweepTableView {
  const [column, ...rowParams] = params;
  const width = column.size;
  let cols = width;
  let rowCount: number;
  if (total <= SHOW_ALL) rowCount = total / width;
  else if (reached >= width) rowCount = Math.ceil(reached / width);
  else {
    cols = reached;
    rowCount = reached > 0 ? 1 : 0;
  }
  const rows: SweepTableRow[] = [];
  for (let r = 0; r < rowCount; r++) {
    const slots: SweepSlot[] = [];
    for (let j = 0; j < cols; j++) {
      const k = r * width + j;
      slots.push(k < reached ? slotAt(k) : 'not-run');
    }
    rows.push({ at: comboAt(params, r * width), slots });
  }
  return { column: column.name, columnValues: valuesOf(column, cols), allColumns: cols === width, rowParams: rowParams.map((p) => p.name), rows };
}

const count = (x: number) => x.toLocaleString('en-US');

function verdictText(slot: SweepSlot): string {
  if (slot === 'skipped') return 'skipped (invalid)';
  if (slot === 'not-run') return 'not run';
  if (slot.result === 'holds') return 'holds';
  if (slot.result === 'violation') return `violated ${slot.violation!.invariant} (${slot.violation!.length} steps)`;
  return `incomplete${slot.bound ? ` (${slot.bound})` : ''}`;
}

function colour(slot: SweepSlot, text: string, c: ChalkInstance): string {
  if (slot === 'skipped' || slot === 'not-run') return c.dim(text);
  return slot.result === 'holds' ? c.green(text) : slot.result === 'violation' ? c.red(text) : c.yellow(text);
}

export const rowKey = (row: Readonly<Record<string, ConstValue>>, rowParams: readonly string[]) => rowParams.map((p) => `${p}=${row[p]}`).join(' ');

/** The table, then one line per counterexample saved (`violated`: the cells run that found one, in order). */
export function formatSweepTable(view: SweepTableView, paramNames: readonly string[], violated: readonly SweepCell[], c: ChalkInstance): string[] {
  const labels = view.rows.map((r) => rowKey(r.at, view.rowParams));
  const top = view.rows.map((r) => r.slots.map(verdictText));
  const bottom = view.rows.map((r) => r.slots.map((slot) => (typeof slot === 'object' ? `${count(slot.distinctStates)} st, ${slot.seconds.toFixed(2)} s` : '')));
  const heads = view.columnValues.map((v) => `${view.column}=${v}`);
  const colWidth = heads.map((h, j) => Math.max(h.length, ...top.map((t) => t[j].length), ...bottom.map((b) => b[j].length)));
  const labelWidth = Math.max(0, ...labels.map((l) => l.length));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - s.length));
  const lines = [c.bold(`${pad('', labelWidth)}  ${heads.map((h, j) => pad(h, colWidth[j])).join('  ')}`)];
  view.rows.forEach((r, i) => {
    lines.push(`${pad(labels[i], labelWidth)}  ${r.slots.map((slot, j) => colour(slot, pad(top[i][j], colWidth[j]), c)).join('  ')}`);
    lines.push(c.dim(`${pad('', labelWidth)}  ${bottom[i].map((b, j) => pad(b, colWidth[j])).join('  ')}`));
  });
  if (violated.length) {
    lines.push('');
    for (const cell of violated) {
      const at = paramNames.map((p) => `${p}=${cell.constants[p]}`).join(' ');
      lines.push(`${at}: ${cell.violation!.invariant} violated in ${cell.violation!.length} steps → ${cell.violation!.traceFile ?? `not saved (${cell.violation!.saveError})`}`);
    }
  }
  return lines;
}
