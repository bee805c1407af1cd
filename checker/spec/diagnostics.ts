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
  const seen = new Set<string>();
  return [...ds]
    .sort((a, b) => a.line - b.line || a.col - b.col)
    .filter((d) => {
      const k = `${d.line}:${d.col}:${d.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/** The diagnostics as printed: header, numbered source line, caret line, hint; then a count. */
export function formatDiagnostics(file: string, source: string, ds: readonly Diagnostic[], c: Paint = plain): string[] {
  const lines = source.split(/\r?\n/);
  const out: string[] = [];
  const sorted = sortDiagnostics(ds);
  for (const d of sorted) {
    out.push(`${c.red('error:')} ${file}:${d.line}:${d.col}: ${d.message}`);
    const text = lines[d.line - 1];
    if (text !== undefined) {
      const num = String(d.line);
      const shown = text.replace(/\t/g, ' ');
      out.push(c.dim(` ${num} | `) + shown);
      const width = Math.max(1, Math.min(d.len, shown.length - d.col + 1));
      out.push(c.dim(` ${' '.repeat(num.length)} | `) + ' '.repeat(Math.max(0, d.col - 1)) + c.red('^'.repeat(width)));
    }
    if (d.hint) out.push(`${c.dim('hint:')} ${d.hint}`);
  }
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
