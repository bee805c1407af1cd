// Every exercise under exercises/ grades its reference solution at full marks and its starter files at
// partial marks (more than nothing, less than everything), with its example hidden checks; and its
// student copy (clab exercise export) still loads. The submitted models run in the sandbox where
// bubblewrap works, else with --no-sandbox (these submissions are the exercises' own). An exercise with a
// test file of its own under test/exercises/ has its starter's exact points asserted there, so here only
// its solution is graded (with the hidden checks, which that file does not all read): each search once.

import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { trustedSandboxArgs } from '../helpers/sandbox-mode.ts';

const root = join(import.meta.dirname, '..', '..');
const exercises = readdirSync(join(root, 'exercises'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const work = mkdtempSync(join(tmpdir(), 'clab-exercises-'));

async function grade(ex: string, folder: string) {
  const io = memoryIo(work);
  const code = await main(['grade', join(root, 'exercises', ex, folder), '--exercise', join(root, 'exercises', ex), '--json', ...trustedSandboxArgs()], io);
  expect([code, io.stderr]).toEqual([0, []]);
  return JSON.parse(io.stdout[0]) as { score: number; maxScore: number; checks: { name: string; passed: boolean; verdict: string }[] };
}

describe('the shipped exercises', () => {
  for (const ex of exercises) {
    it(`${ex}: the solution earns full marks, the starter partial ones, the student copy loads`, { timeout: 300_000 }, async () => {
      const solution = await grade(ex, 'solution');
      expect(solution.checks.filter((c) => !c.passed).map((c) => `${c.name}: ${c.verdict}`)).toEqual([]);
      expect(solution.score).toBe(solution.maxScore);
      expect(existsSync(join(root, 'exercises', ex, 'starter'))).toBe(true);
      if (!existsSync(join(root, 'test', 'exercises', `${ex}.test.ts`))) {
        const starter = await grade(ex, 'starter');
        expect(starter.maxScore).toBe(solution.maxScore);
        expect(starter.score).toBeGreaterThan(0);
        expect(starter.score).toBeLessThan(starter.maxScore);
      }
      const io = memoryIo(work);
      expect(await main(['exercise', 'export', join(root, 'exercises', ex), '--out', join(work, `${ex}-copy`)], io)).toBe(0);
      expect(existsSync(join(work, `${ex}-copy`, 'solution'))).toBe(false);
    });
  }
});
