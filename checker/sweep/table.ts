// Printing a sweep for people: a table with the first parameter as columns and the others as rows, each
// cell its verdict (holds / violated with the trace length / incomplete) over its states and seconds, then
// the counterexample files and the threshold sentence.

import type { ChalkInstance } from 'chalk';
import type { ConstValue } from '../model.ts';
import type { SweepCell } from './cell.ts';
import type { SweepParam } from './params.ts';

const count = (x: number) => x.toLocaleString('en-US');

function verdictText(cell: SweepCell | undefined): string {
  if (cell === undefined) return 'skipped (invalid)';
  if (cell.result === 'holds') return 'holds';
  if (cell.result === 'violation') return `violated ${cell.violation!.invariant} (${cell.violation!.length} steps)`;
  return `incomplete${cell.bound ? ` (${cell.bound})` : ''}`;
}

function colour(cell: SweepCell | undefined, text: string, c: ChalkInstance): string {
  if (cell === undefined) return c.dim(text);
  return cell.result === 'holds' ? c.green(text) : cell.result === 'violation' ? c.red(text) : c.yellow(text);
}

export const rowKey = (row: Readonly<Record<string, ConstValue>>, rowParams: readonly string[]) => rowParams.map((p) => `${p}=${row[p]}`).join(' ');

/** `cells` in grid order (the first parameter fastest), undefined for a skipped combination. */
export function formatSweepTable(params: readonly SweepParam[], combos: readonly Readonly<Record<string, ConstValue>>[], cells: readonly (SweepCell | undefined)[], c: ChalkInstance): string[] {
  const [column, ...rowParams] = params;
  const width = column.values.length;
  const rows: (SweepCell | undefined)[][] = [];
  const labels: string[] = [];
  for (let k = 0; k < cells.length; k += width) {
    rows.push(cells.slice(k, k + width));
    labels.push(rowKey(combos[k], rowParams.map((p) => p.name)));
  }
  const top = rows.map((r) => r.map(verdictText));
  const bottom = rows.map((r) => r.map((cell) => (cell ? `${count(cell.distinctStates)} st, ${cell.seconds.toFixed(2)} s` : '')));
  const heads = column.values.map((v) => `${column.name}=${v}`);
  const colWidth = heads.map((h, j) => Math.max(h.length, ...top.map((t) => t[j].length), ...bottom.map((b) => b[j].length)));
  const labelWidth = Math.max(0, ...labels.map((l) => l.length));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - s.length));
  const lines = [c.bold(`${pad('', labelWidth)}  ${heads.map((h, j) => pad(h, colWidth[j])).join('  ')}`)];
  rows.forEach((r, i) => {
    lines.push(`${pad(labels[i], labelWidth)}  ${r.map((cell, j) => colour(cell, pad(top[i][j], colWidth[j]), c)).join('  ')}`);
    lines.push(c.dim(`${pad('', labelWidth)}  ${bottom[i].map((b, j) => pad(b, colWidth[j])).join('  ')}`));
  });
  const traces = cells.filter((cell): cell is SweepCell => cell?.violation !== undefined);
  if (traces.length) {
    lines.push('');
    for (const cell of traces) {
      const at = params.map((p) => `${p.name}=${cell.constants[p.name]}`).join(' ');
      lines.push(`${at}: ${cell.violation!.invariant} violated in ${cell.violation!.length} steps → ${cell.violation!.traceFile}`);
    }
  }
  return lines;
}
