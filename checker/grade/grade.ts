// Grading one submission: every check of the exercise in order (public ones, then hidden ones), each
// earning all its points or none. A check that meets a problem in the submission (a missing or malformed
// file, a spec with errors, a model the sandbox stopped) fails with that as its feedback; an error of the
// grader itself fails the check too, said as such, and the other checks still run. Nothing here reads a
// clock or a random source: the same submission gives the same report.

import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ClabError } from '../errors.ts';
import { answerCheck } from './checks/answer.ts';
import { modelCheck } from './checks/model-check.ts';
import { replayTraceCheck } from './checks/replay-trace.ts';
import { isolatedSpecInvariant } from './checks/isolate.ts';
import { inside, type Check, type Exercise } from './manifest.ts';
import { relativeTo } from './plain.ts';
import { fail, type CheckResult, type GradeReport, type Outcome } from './result.ts';
import type { SandboxOptions } from './sandbox/options.ts';

export interface GradeOptions {
  readonly sandbox: SandboxOptions;
}

/** The largest submitted file read (a trace, a spec, answers, a model module). */
export const MAX_SUBMITTED_BYTES = 8 * 1024 * 1024;

/**
 * Why a submitted file is not one the grader reads, or undefined: it must be a regular file inside the
 * submission folder, not a symbolic link (one could point at the reference solution), and not too large.
 */
function fileProblem(submission: string, file: string): string | undefined {
  const path = join(submission, file);
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (!st) return `missing file ${file}`;
  if (st.isSymbolicLink()) return `${file} is a symbolic link: hand in the file itself`;
  if (!st.isFile()) return `${file} is not a regular file`;
  if (!inside(realpathSync(submission), realpathSync(path))) return `${file} is outside the submission folder`;
  if (st.size > MAX_SUBMITTED_BYTES) return `${file} is larger than ${MAX_SUBMITTED_BYTES / (1024 * 1024)} MiB`;
  return undefined;
}

async function runCheck(check: Check, submission: string, opts: GradeOptions): Promise<Outcome> {
  const problem = fileProblem(submission, check.file);
  if (problem) return fail(problem);
  switch (check.kind) {
    case 'replay-trace':
      return replayTraceCheck(check, submission);
    case 'spec-invariant':
      // The submission's predicates run in a thread of the grader that can be stopped (isolate.ts).
      return isolatedSpecInvariant(check, submission, opts.sandbox.limits);
    case 'answer':
      return answerCheck(check, submission);
    case 'model-check':
      return modelCheck(check, submission, opts.sandbox);
  }
}

/** Whether any check of the exercise runs the submission's code (and so needs the sandbox). */
export const runsCode = (ex: Exercise) => ex.checks.some((c) => c.kind === 'model-check');

export async function gradeSubmission(ex: Exercise, dirArg: string, opts: GradeOptions): Promise<GradeReport> {
  const submission = resolve(dirArg);
  if (!existsSync(submission) || !statSync(submission).isDirectory()) throw new ClabError(`${dirArg} is not a folder`, 'a submission is a folder holding the files the exercise lists');
  const checks: CheckResult[] = [];
  for (const check of ex.checks) {
    let outcome: Outcome;
    try {
      outcome = await runCheck(check, submission, opts);
    } catch (e) {
      // The instructor's side failed (a model that cannot be configured, a grader bug): the check fails,
      // said as the grader's problem, and grading goes on.
      const msg = e instanceof ClabError ? e.message : `${(e as Error)?.message ?? String(e)}`;
      outcome = fail(`the grader could not run this check: ${relativeTo(submission, msg)}`);
    }
    checks.push({
      name: check.name,
      title: check.title,
      visibility: check.visibility,
      points: outcome.passed ? check.points : 0,
      maxPoints: check.points,
      passed: outcome.passed,
      verdict: outcome.verdict,
      details: outcome.details ?? [],
      ...(outcome.blocked?.length ? { blocked: outcome.blocked } : {}),
    });
  }
  const sum = (f: (c: CheckResult) => number) => checks.reduce((a, c) => a + f(c), 0);
  return { exercise: ex.title, submission: basename(submission), sandbox: opts.sandbox.mode, score: sum((c) => c.points), maxScore: sum((c) => c.maxPoints), checks };
}
