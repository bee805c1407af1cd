// The threshold exercise (exercises/pbft-threshold): the smallest n for which PBFT's agreement holds with
// f = 1 (and f = 2, hidden), the grader computing each threshold by a sweep of the shipped model, and the
// n = 3 counterexample as evidence. The reference solution earns 9/9, the starter (OM(1)'s worked
// example) 1/9; unsafe, non-minimal and wrong-constant answers earn exact points. The thresholds
// themselves (4 for f = 1, 7 for f = 2: n > 3f) are the pbft model's tested figures (test/models/bft*).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseDir, grade, pointsOf, submission, tempDir, verdictOf } from './helpers.ts';

const EX = exerciseDir('pbft-threshold');
const work = tempDir('threshold');
const answers = (om: unknown, f1: unknown, f2: unknown) => JSON.stringify({ om, pbft: { f1, f2 } });

describe('grading the PBFT threshold', () => {
  it('the reference solution earns 9/9', { timeout: 60_000 }, async () => {
    const g = await grade(join(EX, 'solution'), EX);
    expect(pointsOf(g)).toEqual([['om', 1], ['pbft-f1', 3], ['evidence', 3], ['pbft-f2', 2]]);
    expect(verdictOf(g, 'pbft-f1')).toBe('n = 4 is the smallest value in 3..7 for which every invariant holds');
    expect(verdictOf(g, 'evidence')).toBe('n3.json replays (6 steps) and shows agreement violated');
  });

  it('the starter (the worked example only) earns 1/9', { timeout: 60_000 }, async () => {
    const g = await grade(join(EX, 'starter'), EX);
    expect(pointsOf(g)).toEqual([['om', 1], ['pbft-f1', 0], ['evidence', 0], ['pbft-f2', 0]]);
    expect(verdictOf(g, 'pbft-f1')).toBe('pbft.f1 = null is not an integer in 3..7');
  });

  it('n = 3 is unsafe (the grader shows its violation); n = 5 is safe but not the smallest', { timeout: 60_000 }, async () => {
    const low = await grade(submission(work, 'low', join(EX, 'solution'), { 'answers.json': answers(3, 3, 6) }), EX);
    expect(pointsOf(low)).toEqual([['om', 0], ['pbft-f1', 0], ['evidence', 3], ['pbft-f2', 0]]);
    expect([verdictOf(low, 'om'), verdictOf(low, 'pbft-f1')]).toEqual(['n = 3 is not safe: IC2 is violated after 2 steps', 'n = 3 is not safe: agreement is violated after 6 steps']);
    const high = await grade(submission(work, 'high', join(EX, 'solution'), { 'answers.json': answers(4, 5, 7) }), EX);
    expect(pointsOf(high)).toEqual([['om', 1], ['pbft-f1', 0], ['evidence', 3], ['pbft-f2', 2]]);
    expect(verdictOf(high, 'pbft-f1')).toBe('n = 5 is safe, but it is not the smallest such value');
  });

  it('evidence made with other constants (quorum 2f+1 at n = 3 changed to n = 5) is refused', async () => {
    const t = JSON.parse(readFileSync(join(EX, 'solution', 'n3.json'), 'utf8'));
    const g = await grade(submission(work, 'consts', join(EX, 'solution'), { 'n3.json': JSON.stringify({ ...t, constants: { ...t.constants, quorum: '2f+1' } }) }), EX);
    expect([g.score, verdictOf(g, 'evidence')]).toEqual([6, "n3.json was made with other constants than the exercise's"]);
  });
});
