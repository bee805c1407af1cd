// What grading returns: one result per check and the report around them. Plain data, so the text, JSON,
// CSV and Gradescope writers (checker/cli/commands/grade-*.ts) all read the same thing.

import type { Visibility } from './manifest.ts';

/**
 * How the submission's code is run (checker/grade/sandbox/): under bubblewrap, in a child process with
 * limits where the container around the grader is the boundary, or with no sandbox (trusted code only).
 * 'none': the exercise runs no submitted code (its checks read traces, specs and answers, which are data).
 */
export type SandboxMode = 'bwrap' | 'container' | 'no-sandbox' | 'none';

export interface CheckResult {
  readonly name: string;
  readonly title: string;
  readonly visibility: Visibility;
  readonly points: number;
  readonly maxPoints: number;
  readonly passed: boolean;
  /** One line: what the grader found (shown for public checks only). */
  readonly verdict: string;
  /** More lines: a counterexample, a replay, the spec's errors (public checks only). */
  readonly details: readonly string[];
  /** What the sandbox stopped while this check ran (e.g. "time limit (CPU)"); shown for every check. */
  readonly blocked?: readonly string[];
}

export interface GradeReport {
  readonly exercise: string;
  /** The submission folder's name (not its path: reports are the same wherever it was graded). */
  readonly submission: string;
  readonly sandbox: SandboxMode;
  readonly score: number;
  readonly maxScore: number;
  readonly checks: readonly CheckResult[];
}

/** A check's outcome before points and visibility are attached. */
export interface Outcome {
  readonly passed: boolean;
  readonly verdict: string;
  readonly details?: readonly string[];
  readonly blocked?: readonly string[];
}

export const pass = (verdict: string, details: readonly string[] = []): Outcome => ({ passed: true, verdict, details });
export const fail = (verdict: string, details: readonly string[] = []): Outcome => ({ passed: false, verdict, details });
