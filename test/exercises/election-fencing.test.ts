// The fencing exercise (exercises/election-fencing): the student's coordinator election runs in the
// grader's sandbox and is checked against the instructor's specs. The reference solution earns 10/10, and
// its figures are the shipped coordinator-election model's (independent code): 6,420 states with the
// exercise's constants, 13,368 with sessions of two ticks, and the starter's violation in 15 steps as the
// variant no-fencing's. The starter earns 2/10; fixes that hide the problem (checking the lease again at
// send time, never pausing) earn nothing, since the stale command never arrives.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../checker/testing/index.ts';
import election from '../../models/coordinator-election.ts';
import { exerciseDir, grade, pointsOf, submission, tempDir, verdictOf, withHiddenPublic } from './helpers.ts';

const EX = exerciseDir('election-fencing');
const work = tempDir('fencing');
const starter = readFileSync(join(EX, 'starter', 'election.ts'), 'utf8');
const DEFAULTS = { coordinators: 2, servers: 1, sessionTimeout: 3, maxDrift: 1, maxTicks: 3 };
// Wrong answers are graded on the public checks only: the hidden one would search a larger graph for the
// same verdict (test/grade/exercises.test.ts grades the starter with it too).
const publicOnly = submission(work, 'public-only', EX, {}, ['tests/hidden', 'solution']);

describe('grading the fencing exercise', () => {
  it('the reference solution earns 10/10 with the shipped model\'s state counts', { timeout: 120_000 }, async () => {
    const g = await grade(join(EX, 'solution'), withHiddenPublic(work, EX, 'open'));
    expect(pointsOf(g)).toEqual([['fenced', 5], ['scenario', 2], ['fenced-short-sessions', 3]]);
    expect(g.checks.map((c) => c.verdict)).toEqual([
      'every invariant holds on all 6,420 states of your model',
      'noStaleCommandArrives is violated after 14 steps, as expected',
      'every invariant holds on all 13,368 states of your model',
    ]);
    const shipped = await checkModel(election, { constants: DEFAULTS, invariants: ['singleCoordinatorAccepted'] });
    const short = await checkModel(election, { constants: { ...DEFAULTS, sessionTimeout: 2 }, invariants: ['singleCoordinatorAccepted'] });
    expect([shipped.verdict, shipped.states, short.verdict, short.states]).toEqual(['holds', 6420, 'holds', 13368]);
  });

  it('the starter earns 2 points (of the public 7): its server obeys the resumed coordinator, as the variant no-fencing does', { timeout: 60_000 }, async () => {
    const g = await grade(join(EX, 'starter'), publicOnly);
    expect(pointsOf(g)).toEqual([['fenced', 0], ['scenario', 2]]);
    expect(verdictOf(g, 'fenced')).toBe('singleCoordinatorAccepted is violated after 15 steps (expected: every invariant holds)');
    const shipped = await checkModel(election, { constants: DEFAULTS, variant: 'no-fencing', invariants: ['singleCoordinatorAccepted'] });
    expect([shipped.verdict, shipped.traceLength]).toEqual(['violation', 15]);
  });

  it('checking the lease again at send time, or never pausing, hides the problem: 0 points', { timeout: 60_000 }, async () => {
    const resend = starter.replace('      if (co.pending !== -1) {', '      if (co.pending !== -1 && leaseValid(co)) {');
    const noPause = starter.replace("      if (co.role === 'leader') out.push({ action: { actor, kind: 'pauses' }", "      if (false) out.push({ action: { actor, kind: 'pauses' }");
    expect([resend, noPause].every((s) => s !== starter)).toBe(true);
    const a = await grade(submission(work, 'resend', null, { 'election.ts': resend }), publicOnly);
    expect(a.checks.map((c) => [c.name, c.points, c.verdict])).toEqual([
      ['fenced', 0, 'every invariant holds on all 4,692 states, but no reachable state satisfies staleCommandArrives (the model never gets there)'],
      ['scenario', 0, 'every invariant holds on all 4,692 states of your model (expected: an invariant violated)'],
    ]);
    const b = await grade(submission(work, 'no-pause', null, { 'election.ts': noPause }), publicOnly);
    expect([b.score, verdictOf(b, 'fenced')]).toEqual([0, 'every invariant holds on all 1,132 states, but no reachable state satisfies successorObeyed, staleCommandArrives (the model never gets there)']);
  });
});
