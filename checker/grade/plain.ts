// Feedback is plain text (it goes into JSON, CSV and Gradescope's results as well as to a terminal): the
// trace printers' colour is turned off here, and the submission folder's absolute path is taken out of
// messages, so that a report reads the same wherever the submission was graded.

import { Chalk } from 'chalk';
import { formatTrace, type PrintableStep } from '../trace/format.ts';
import { ClabError } from '../errors.ts';

export const PLAIN = new Chalk({ level: 0 });

/** The most trace lines a check's feedback shows (a long trace is cut in the middle). */
const MAX_TRACE_LINES = 80;

export function traceLines(steps: readonly PrintableStep[], opts: { loopStart?: number } = {}): string[] {
  const lines = formatTrace(steps, PLAIN, opts).map((l) => `  ${l}`);
  if (lines.length <= MAX_TRACE_LINES) return lines;
  const half = MAX_TRACE_LINES / 2;
  return [...lines.slice(0, half), `  ... (${lines.length - MAX_TRACE_LINES} lines left out)`, ...lines.slice(-half)];
}

/** A message with `dir/` (the submission's folder) taken out of it. */
export function relativeTo(dir: string, text: string): string {
  return text.split(`${dir}/`).join('').split(dir).join('.');
}

/** A ClabError's message and hint as feedback lines; other errors are rethrown (they are the grader's). */
export function errorLines(e: unknown, dir: string): string[] {
  if (!(e instanceof ClabError)) throw e;
  if ('formatLines' in e && typeof e.formatLines === 'function') return (e.formatLines as (c: unknown) => string[])(PLAIN).map((l) => relativeTo(dir, l));
  return [relativeTo(dir, e.message), ...(e.hint ? [`hint: ${relativeTo(dir, e.hint)}`] : [])];
}
