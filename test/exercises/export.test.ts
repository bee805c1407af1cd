// `clab exercise export` of each shipped exercise: the student's copy holds every file of the exercise
// except the reference solution and the hidden checks, its manifest only the public checks, and it grades
// on its own (a submission graded with it gets the public checks and their points only).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clab, exerciseDir, grade, tempDir } from './helpers.ts';

/** The course's exercises (exercises/example-mutex, the format's example, is tested in test/grade/). */
const EXERCISES = ['paxos-bug-hunt', 'paxos-catch-the-bug', 'pbft-threshold', 'flp-bivalence', 'om1-model', 'election-fencing'];

const work = tempDir('export');

/** Every file under `dir`, relative, sorted. */
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();

describe('clab exercise export', () => {
  it.each(EXERCISES)('%s: the copy has no solution and no hidden checks, and grades its public checks', { timeout: 30_000 }, async (name) => {
    const ex = exerciseDir(name);
    const out = join(work, name);
    const r = await clab(work, 'exercise', 'export', ex, '--out', out);
    expect(r.code).toBe(0);
    const kept = filesUnder(ex).filter((f) => !f.startsWith('solution/') && !f.startsWith('tests/hidden/'));
    expect(filesUnder(out)).toEqual(kept);
    expect(r.out).toEqual([`exported ${kept.length} file(s) to ${out}`]);
    expect(filesUnder(ex).some((f) => f.startsWith('solution/'))).toBe(true);
    // The copy grades on its own, with the public checks only (the starter: its searches are the shortest).
    const manifest = JSON.parse(readFileSync(join(ex, 'exercise.json'), 'utf8')) as { checks: { name: string; points: number }[] };
    const g = await grade(join(ex, 'starter'), out);
    expect(g.checks.map((c) => c.name)).toEqual(manifest.checks.map((c) => c.name));
    expect(g.maxScore).toBe(manifest.checks.reduce((a, c) => a + c.points, 0));
  });
});
