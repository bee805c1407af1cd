// Helpers for the shipped exercises' tests: grade a submission folder with `clab grade --json` (in-process,
// as the command line runs it), and build submission folders in a temp dir from an exercise's solution
// with some files replaced.

import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { expect } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { trustedSandboxArgs } from '../helpers/sandbox-mode.ts';

export const root = join(import.meta.dirname, '..', '..');
export const exerciseDir = (name: string) => join(root, 'exercises', name);

export interface GradedCheck {
  readonly name: string;
  readonly passed: boolean;
  readonly points: number;
  readonly maxPoints: number;
  readonly verdict: string;
  readonly details: readonly string[];
}
export interface Graded {
  readonly score: number;
  readonly maxScore: number;
  readonly checks: readonly GradedCheck[];
}

export async function clab(cwd: string, ...args: string[]) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/**
 * `clab grade DIR --exercise EX --json`, which must exit 0. Submitted models run in the sandbox where
 * bubblewrap works, else with --no-sandbox (test/helpers/sandbox-mode.ts): these submissions are ours.
 */
export async function grade(dir: string, ex: string, ...more: string[]): Promise<Graded> {
  const r = await clab(dir, 'grade', dir, '--exercise', ex, '--json', ...trustedSandboxArgs(), ...more);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out[0]) as Graded;
}

/** Per check: [name, points] — the exact points each check earned. */
export const pointsOf = (g: Graded) => g.checks.map((c) => [c.name, c.points] as const);
export const verdictOf = (g: Graded, name: string) => g.checks.find((c) => c.name === name)!.verdict;

/** A fresh temp folder for one test file. */
export const tempDir = (tag: string) => mkdtempSync(join(tmpdir(), `clab-ex-${tag}-`));

/**
 * A submission folder `name` under `work`: a copy of `from` (a solution or starter folder, or none), then
 * `files` written over it (text), and `remove` left out.
 */
export function submission(work: string, name: string, from: string | null, files: Record<string, string> = {}, remove: readonly string[] = []): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  if (from) cpSync(from, dir, { recursive: true, filter: (src) => !remove.some((r) => src === join(from, r)) });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

/**
 * A copy of exercise `ex` in `work` whose example hidden checks are public (their paths made relative to
 * the exercise folder), so that a test can read the verdict a hidden check gives.
 */
export function withHiddenPublic(work: string, ex: string, name: string): string {
  const out = submission(work, name, ex, {}, ['tests/hidden', 'solution']);
  const manifest = JSON.parse(readFileSync(join(ex, 'exercise.json'), 'utf8')) as { checks: object[] };
  const hiddenDir = join(ex, 'tests', 'hidden');
  const hidden = (JSON.parse(readFileSync(join(hiddenDir, 'checks.json'), 'utf8')) as { checks: Record<string, unknown>[] }).checks;
  const moved = hidden.map((c) => {
    const m: Record<string, unknown> = { ...c, visibility: 'public' };
    for (const k of ['properties', 'spec', 'model']) {
      const p = m[k];
      if (typeof p === 'string' && (p.startsWith('.') || p.includes('/'))) m[k] = relative(ex, resolve(hiddenDir, p));
    }
    return m;
  });
  writeFileSync(join(out, 'exercise.json'), JSON.stringify({ ...manifest, checks: [...manifest.checks, ...moved] }));
  return out;
}

/**
 * A copy of exercise `ex` in `work` without its hidden checks and solution, and with only the public checks
 * named in `keep` (all when omitted): wrong answers are graded on the checks a test reads, so that no
 * search runs whose verdict the test does not look at.
 */
export function publicOnly(work: string, ex: string, name: string, keep?: readonly string[]): string {
  const out = submission(work, name, ex, {}, ['tests/hidden', 'solution']);
  const manifest = JSON.parse(readFileSync(join(ex, 'exercise.json'), 'utf8')) as { checks: { name: string }[] };
  const checks = keep ? manifest.checks.filter((c) => keep.includes(c.name)) : manifest.checks;
  writeFileSync(join(out, 'exercise.json'), JSON.stringify({ ...manifest, checks }));
  return out;
}
