// A grading report as the files other tools read: Gradescope's results.json (the autograder harness reads
// `score` and `tests[]` with `name`, `score`, `max_score`, `output`, `visibility`), and a CSV row per
// student for a batch. A hidden check contributes its title and score only.

import type { CheckResult, GradeReport } from './result.ts';

/** What a student is shown of a check: everything for a public one; for a hidden one, its result only. */
export function feedbackLines(c: CheckResult): string[] {
  const blocked = (c.blocked ?? []).map((b) => `blocked: ${b}`);
  if (c.visibility === 'hidden') return [c.passed ? 'passed (hidden check)' : 'failed (hidden check: details are not shown)', ...blocked];
  return [c.verdict, ...c.details, ...blocked];
}

/**
 * The report as a student may see it (`clab grade --json`): a hidden check keeps its name, title, points
 * and what was blocked, and loses its verdict and details. (A batch's grades.jsonl, the instructor's
 * record, keeps everything.)
 */
export function studentView(r: GradeReport): GradeReport {
  return { ...r, checks: r.checks.map((c) => (c.visibility === 'hidden' ? { ...c, verdict: c.passed ? 'passed' : 'failed', details: [] } : c)) };
}

/**
 * Gradescope's results.json. Public checks are `visible`; hidden ones `after_due_date` (Gradescope shows
 * them, title and score only, once the due date has passed).
 */
export function gradescopeResults(r: GradeReport): unknown {
  return {
    score: r.score,
    output: `${r.exercise}: ${r.score}/${r.maxScore} (sandbox: ${r.sandbox})`,
    tests: r.checks.map((c) => ({ name: c.title, score: c.points, max_score: c.maxPoints, output: feedbackLines(c).join('\n'), visibility: c.visibility === 'public' ? 'visible' : 'after_due_date' })),
  };
}

/** A CSV field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
export function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(checkNames: readonly string[]): string {
  return ['submission', 'score', 'max_score', ...checkNames, 'sandbox', 'error'].map(csvField).join(',');
}

/** One student's row: points per check in `checkNames`' order; an ungraded submission has its error. */
export function csvRow(submission: string, checkNames: readonly string[], r: GradeReport | undefined, error?: string): string {
  const points = checkNames.map((n) => r?.checks.find((c) => c.name === n)?.points ?? '');
  return [submission, r?.score ?? 0, r?.maxScore ?? '', ...points, r?.sandbox ?? '', error ?? ''].map(csvField).join(',');
}
