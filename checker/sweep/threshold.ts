// The threshold a sweep found, derived from its verdicts only: per row, the smallest column value from
// which every cell of the row holds; and, when there is one integer row parameter and at least two rows,
// the integer linear law that fits every row exactly ("smallest n that holds is 3m+1 for m = 1, 2").

import type { ConstValue } from '../model.ts';
import type { SweepVerdict } from './cell.ts';

export interface RowThreshold {
  /** The row parameters' values. */
  readonly row: Readonly<Record<string, ConstValue>>;
  /** Smallest column value from which the row holds; null if no such value; undefined if unknown. */
  readonly from: ConstValue | null | undefined;
}

/**
 * `verdicts` is the row's cells in column order ('skipped': an invalid combination, which ends a run;
 * 'not-run': the sweep stopped before the cell, so what follows from it is unknown, as for 'incomplete').
 */
export function rowThreshold(columnValues: readonly ConstValue[], verdicts: readonly (SweepVerdict | 'skipped' | 'not-run')[]): ConstValue | null | undefined {
  let from: ConstValue | null = null;
  for (let k = verdicts.length - 1; k >= 0; k--) {
    if (verdicts[k] === 'incomplete' || verdicts[k] === 'not-run') return undefined;
    if (verdicts[k] !== 'holds') break;
    from = columnValues[k];
  }
  return from;
}

/** The law `a·x + b` (integers) through every row's threshold, if one exists. */
export function linearLaw(xs: readonly number[], ys: readonly number[]): { a: number; b: number } | undefined {
  if (xs.length < 2) return undefined;
  const dx = xs[1] - xs[0];
  if (dx === 0 || (ys[1] - ys[0]) % dx !== 0) return undefined;
  const a = (ys[1] - ys[0]) / dx;
  const b = ys[0] - a * xs[0];
  return xs.every((x, i) => a * x + b === ys[i]) ? { a, b } : undefined;
}

export function formatLaw(a: number, b: number, x: string): string {
  const ax = a === 0 ? '' : a === 1 ? x : a === -1 ? `-${x}` : `${a}${x}`;
  if (ax === '') return String(b);
  return b === 0 ? ax : `${ax}${b > 0 ? '+' : '-'}${Math.abs(b)}`;
}

/** The sentence a sweep prints about its threshold. */
export function describeThreshold(model: string, column: string, rowParams: readonly string[], rows: readonly RowThreshold[]): string {
  const rowName = (r: RowThreshold) => rowParams.map((p) => `${p} = ${r.row[p]}`).join(', ');
  const head = `${model}: smallest ${column} that holds`;
  if (rowParams.length === 0) {
    const f = rows[0].from;
    return f === undefined ? `${head}: unknown (a cell is incomplete or was not run)` : f === null ? `${model}: no ${column} in the range holds` : `${head} is ${f}`;
  }
  const known = rows.filter((r) => r.from !== undefined && r.from !== null);
  if (rowParams.length === 1 && known.length === rows.length) {
    const xs = rows.map((r) => r.row[rowParams[0]]);
    const ys = rows.map((r) => r.from);
    if (xs.every((x) => typeof x === 'number') && ys.every((y) => typeof y === 'number')) {
      const law = linearLaw(xs as number[], ys as number[]);
      if (law) return `${head} is ${formatLaw(law.a, law.b, rowParams[0])} for ${rowParams[0]} = ${xs.join(', ')}`;
    }
  }
  const parts = rows.map((r) => (r.from === undefined ? `unknown for ${rowName(r)} (a cell is incomplete or was not run)` : r.from === null ? `none in the range for ${rowName(r)}` : `${r.from} for ${rowName(r)}`));
  return `${head}: ${parts.join('; ')}`;
}
