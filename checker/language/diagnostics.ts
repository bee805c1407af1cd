// Errors in a .spec file: each diagnostic names file:line:col, shows the source line with a caret under the
// problem, says what was expected and may hint at the nearest known name. A SpecError carries all of them
// so the CLI reports several at once (exit code 2, never a stack trace).

import { ClabError, ExitCode } from '../errors.ts';
import type { Loc } from './ast.ts';

export interface Diagnostic {
  readonly line: number;
  readonly col: number;
  /** Columns to underline (at least 1). */
  readonly len: number;
  readonly message: string;
  readonly hint?: string;
}

export const diag = (loc: Loc, message: string, hint?: string): Diagnostic => ({ line: loc.line, col: loc.col, len: Math.max(1, loc.len), message, ...(hint ? { hint } : {}) });

/** Anything with colour functions (a chalk instance), or nothing for plain text. */
export interface Paint {
  red(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}
const plain: Paint = { red: (s) => s, dim: (s) => s, bold: (s) => s };

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  // By position (a stable sort keeps the order of errors at one place), then without repeats: a repeat has
  // the same position, so only neighbours are compared (no key string per diagnostic: files can have 10^5).
  const sorted = [...ds].sort((a, b) => a.line - b.line || a.col - b.col);
  const out: Diagnostic[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const d = sorted[i];
    let repeat = false;
    for (let j = out.length - 1; j >= 0 && out[j].line === d.line && out[j].col === d.col; j--) {
      if (out[j].message === d.message) {
        repeat = true;
        break;
      }
    }
    if (!repeat) out.push(d);
  }
  return out;
}

/** Source lines longer than this are shown in part. */
const MAX_SHOWN_LINE = 200;

/** At most this many diagnostics are printed (a generated file can have one per line); the count says how many more. */
export const MAX_SHOWN_DIAGNOSTICS = 50;

/** The diagnostics as printed: header, numbered source line, caret line, hint; then a count. */
export function formatDiagnostics(file: string, source: string, ds: readonly Diagnostic[], c: Paint = plain): string[] {
  const lines = source.split(/\r?\n/);
  const out: string[] = [];
  const sorted = sortDiagnostics(ds);
  for (const d of sorted.slice(0, MAX_SHOWN_DIAGNOSTICS)) {
    out.push(`${c.red('error:')} ${file}:${d.line}:${d.col}: ${d.message}`);
    const text = lines[d.line - 1];
    if (text !== undefined) {
      const num = String(d.line);
      // A long line is shown as the part around the column, so one error prints a few hundred characters at most.
      const from = text.length > MAX_SHOWN_LINE ? Math.max(0, Math.min(d.col - 1 - MAX_SHOWN_LINE / 2, text.length - MAX_SHOWN_LINE)) : 0;
      const cut = text.slice(from, from + MAX_SHOWN_LINE).replace(/\t/g, ' ');
      const pre = from > 0 ? '...' : '';
      const shown = pre + cut + (from + MAX_SHOWN_LINE < text.length ? '...' : '');
      out.push(c.dim(` ${num} | `) + shown);
      const col = d.col - from + pre.length;
      const width = Math.max(1, Math.min(d.len, pre.length + cut.length - col + 1));
      out.push(c.dim(` ${' '.repeat(num.length)} | `) + ' '.repeat(Math.max(0, col - 1)) + c.red('^'.repeat(width)));
    }
    if (d.hint) out.push(`${c.dim('hint:')} ${d.hint}`);
  }
  if (sorted.length > MAX_SHOWN_DIAGNOSTICS) out.push(`... and ${sorted.length - MAX_SHOWN_DIAGNOSTICS} more`);
  if (sorted.length > 1) out.push(`${sorted.length} errors in ${file}`);
  return out;
}

export class SpecError extends ClabError {
  readonly diagnostics: readonly Diagnostic[];
  constructor(
    readonly file: string,
    readonly source: string,
    diagnostics: readonly Diagnostic[],
  ) {
    const ds = sortDiagnostics(diagnostics);
    const first = ds[0];
    super(first ? first.message : 'invalid spec', first?.hint, first ? { file, line: first.line, col: first.col } : undefined, ExitCode.BadInput);
    this.name = 'SpecError';
    this.diagnostics = ds;
  }

  /** Every diagnostic, formatted; the CLI prints these lines instead of the single message. */
  formatLines(c?: Paint): string[] {
    return formatDiagnostics(this.file, this.source, this.diagnostics, c);
  }
}
