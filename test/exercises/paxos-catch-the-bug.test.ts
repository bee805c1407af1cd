// The catch-the-bug exercise (exercises/paxos-catch-the-bug): an invariant that catches Paxos acceptors
// voting below their promise. The reference solution (the bug itself) earns 5/5; the starter (agreement,
// the bug's consequence) 3/5, since with one proposer two values are never chosen; an always-false, a
// vacuous, and a plausible but wrong invariant (one the bug does not break) earn exact points.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseDir, grade, pointsOf, submission, tempDir, verdictOf, withHiddenPublic } from './helpers.ts';

const EX = exerciseDir('paxos-catch-the-bug');
const work = tempDir('catch');
const spec = (body: string) => ({ 'catch.spec': `spec catch\nmodel paxos\n${body}\n` });

describe('grading catch-the-bug', () => {
  it('the reference solution earns 5/5: violated after 7 steps with two proposers', { timeout: 30_000 }, async () => {
    const g = await grade(join(EX, 'solution'), EX);
    expect(pointsOf(g)).toEqual([['catch', 3], ['catch-one-proposer', 2]]);
    expect(verdictOf(g, 'catch')).toBe('caught: votesBeforePromise is violated on the buggy model after 7 steps and holds on the correct one');
  });

  it("the starter's agreement earns 3/5: it catches the bug's consequence, which one proposer cannot show", { timeout: 30_000 }, async () => {
    const g = await grade(join(EX, 'starter'), EX);
    expect(pointsOf(g)).toEqual([['catch', 3], ['catch-one-proposer', 0]]);
    expect(verdictOf(g, 'catch')).toBe('caught: agreement is violated on the buggy model after 12 steps and holds on the correct one');
    expect(verdictOf(g, 'catch-one-proposer')).toBe('failed');
    // Why, as the check says it when it is public: the one-proposer graph has no two values to choose.
    const open = withHiddenPublic(work, EX, 'open-exercise');
    const o = await grade(join(EX, 'starter'), open);
    expect(verdictOf(o, 'catch-one-proposer')).toBe('your invariant does not catch the bug (every invariant holds on all 6,789 reachable states)');
  });

  it('always false, vacuous, and true of both models: 0/5 each', { timeout: 30_000 }, async () => {
    const never = await grade(submission(work, 'never', null, spec('invariant caught: size(sent2b) = 0')), EX);
    expect(pointsOf(never)).toEqual([['catch', 0], ['catch-one-proposer', 0]]);
    expect(verdictOf(never, 'catch')).toBe('your invariant does not hold on the correct model (caught is violated after 5 steps)');
    const vacuous = await grade(submission(work, 'vacuous', null, spec('invariant caught: size(acceptors) = 3')), EX);
    expect(verdictOf(vacuous, 'catch')).toBe('your invariant does not catch the bug (every invariant holds on all 7,689 reachable states)');
    // A vote is never above the promise: true, but the bug keeps it (the promise is raised to the vote).
    const wrong = await grade(submission(work, 'wrong', null, spec('invariant caught: forall a in acceptors: maxVBal[a] <= maxBal[a]')), EX);
    expect([wrong.score, verdictOf(wrong, 'catch')]).toEqual([0, 'your invariant does not catch the bug (every invariant holds on all 7,689 reachable states)']);
  });
});
