// The FLP exercise (exercises/flp-bivalence): a bivalent initial configuration of the shipped flp model
// (checked by the grader's valence analysis) and an admissible lasso that never decides (replayed, its
// cycle closed and its fairness checked). The reference solution earns 10/10, the starter (the worked
// example, and a univalent all-zero configuration) 1/10; wrong answers earn exact points.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseDir, grade, pointsOf, root, submission, tempDir, verdictOf } from './helpers.ts';

const EX = exerciseDir('flp-bivalence');
const work = tempDir('flp');
const config = (p1: number, p2: number, p3: number, msgs: unknown[] = []) => JSON.stringify({ bivalent: { p1: `not started est=${p1}`, p2: `not started est=${p2}`, p3: `not started est=${p3}`, msgs } });

describe('grading the FLP exercise', () => {
  it('the reference solution earns 10/10', { timeout: 60_000 }, async () => {
    const g = await grade(join(EX, 'solution'), EX);
    expect(pointsOf(g)).toEqual([['majority', 1], ['bivalent', 3], ['never-decides', 4], ['bivalent-no-crash', 2]]);
    expect(verdictOf(g, 'never-decides')).toBe('lasso.json replays (15 steps) and shows termination violated');
  });

  it('the starter earns 1/10: its all-zero configuration only ever decides 0', { timeout: 60_000 }, async () => {
    const g = await grade(join(EX, 'starter'), EX);
    expect(pointsOf(g)).toEqual([['majority', 1], ['bivalent', 0], ['never-decides', 0], ['bivalent-no-crash', 0]]);
    expect(verdictOf(g, 'bivalent')).toBe('bivalent is an initial configuration, but it is not bivalent: the decisions reachable from it are {0}');
  });

  it('two zeros and a one is univalent too; a configuration with a message in flight is no initial one', { timeout: 60_000 }, async () => {
    const g = await grade(submission(work, 'zeros', join(EX, 'solution'), { 'answers.json': config(0, 1, 0) }), EX);
    expect([g.score, verdictOf(g, 'bivalent')]).toEqual([5, 'bivalent is an initial configuration, but it is not bivalent: the decisions reachable from it are {0}']);
    const h = await grade(submission(work, 'inflight', join(EX, 'solution'), { 'answers.json': config(1, 0, 1, ['est(r=0, from=p1, to=p2, v=1)']) }), EX);
    expect([h.score, verdictOf(h, 'bivalent')]).toEqual([5, 'bivalent is not an initial configuration of the model']);
  });

  it("the shipped golden lasso (maxLag = 1) has other constants; a lasso whose cycle does not close is refused", { timeout: 60_000 }, async () => {
    const golden = readFileSync(join(root, 'counterexamples', 'flp-termination.json'), 'utf8');
    const g = await grade(submission(work, 'golden', join(EX, 'solution'), { 'lasso.json': golden }), EX);
    expect([g.score, verdictOf(g, 'never-decides')]).toEqual([6, "lasso.json was made with other constants than the exercise's"]);
    const t = JSON.parse(readFileSync(join(EX, 'solution', 'lasso.json'), 'utf8'));
    const cut = await grade(submission(work, 'cut', join(EX, 'solution'), { 'lasso.json': JSON.stringify({ ...t, steps: t.steps.slice(0, -1) }) }), EX);
    expect([cut.score, verdictOf(cut, 'never-decides')]).toEqual([6, "step 14 of lasso.json is not a step of the exercise's model: the cycle does not close: the state of step 14 is not the state of step 3"]);
  });
});
