// The fencing exercise (exercises/election-fencing): the student's coordinator election runs in the
// grader's sandbox and is checked against the instructor's specs. The reference solution's figures are the
// shipped coordinator-election model's (independent code): 6,420 states with the exercise's constants, and
// the starter's violation in 15 steps is the variant no-fencing's (full marks with the hidden check are
// asserted in test/grade/exercises.test.ts). The starter earns 2 points; fixes that hide the problem
// (checking the lease again at send time, never pausing) earn nothing: the stale command never arrives.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../checker/testing/index.ts';
import election from '../../models/coordinator-election.ts';
import { exerciseDir, grade, pointsOf, publicOnly, submission, tempDir, verdictOf } from './helpers.ts';

const EX = exerciseDir('election-fencing');
const work = tempDir('fencing');
const starter = readFileSync(join(EX, 'starter', 'election.ts'), 'utf8');
const DEFAULTS = { coordinators: 2, servers: 1, sessionTimeout: 3, maxDrift: 1, maxTicks: 3 };
// Graded on the public checks only, so that the tests run no search whose verdict they do not read (the
// hidden check searches the largest graph; test/grade/exercises.test.ts grades solution and starter with it).
const publicChecks = publicOnly(work, EX, 'public-only');
const fencedOnly = publicOnly(work, EX, 'fenced-only', ['fenced']);

describe('grading the fencing exercise', () => {
  it("the reference solution earns the public checks' 7 points with the shipped model's state count", { timeout: 120_000 }, async () => {
    const g = await grade(join(EX, 'solution'), publicChecks);
    expect(g.checks.map((c) => [c.name, c.points, c.verdict])).toEqual([
      ['fenced', 5, 'every invariant holds on all 6,420 states of your model'],
      ['scenario', 2, 'noStaleCommandArrives is violated after 14 steps, as expected'],
    ]);
    const shipped = await checkModel(election, { constants: DEFAULTS, invariants: ['singleCoordinatorAccepted'] });
    expect([shipped.verdict, shipped.states]).toEqual(['holds', 6420]);
  });

  it('the starter earns 2 points (of the public 7): its server obeys the resumed coordinator, as the variant no-fencing does', { timeout: 60_000 }, async () => {
    const g = await grade(join(EX, 'starter'), publicChecks);
    expect(pointsOf(g)).toEqual([['fenced', 0], ['scenario', 2]]);
    expect(verdictOf(g, 'fenced')).toBe('singleCoordinatorAccepted is violated after 15 steps (expected: every invariant holds)');
    const shipped = await checkModel(election, { constants: DEFAULTS, variant: 'no-fencing', invariants: ['singleCoordinatorAccepted'] });
    expect([shipped.verdict, shipped.traceLength]).toEqual(['violation', 15]);
  });

  it('checking the lease again at send time, or never pausing, hides the problem: 0 points', { timeout: 60_000 }, async () => {
    const resend = starter.replace('      if (co.pending !== -1) {', '      if (co.pending !== -1 && leaseValid(co)) {');
    const noPause = starter.replace("      if (co.role === 'leader') out.push({ action: { actor, kind: 'pauses' }", "      if (false) out.push({ action: { actor, kind: 'pauses' }");
    expect([resend, noPause].every((s) => s !== starter)).toBe(true);
    const a = await grade(submission(work, 'resend', null, { 'election.ts': resend }), fencedOnly);
    expect([a.score, verdictOf(a, 'fenced')]).toEqual([0, 'every invariant holds on all 4,692 states, but no reachable state satisfies staleCommandArrives (the model never gets there)']);
    const b = await grade(submission(work, 'no-pause', null, { 'election.ts': noPause }), fencedOnly);
    expect([b.score, verdictOf(b, 'fenced')]).toEqual([0, 'every invariant holds on all 1,132 states, but no reachable state satisfies successorObeyed, staleCommandArrives (the model never gets there)']);
  });
});
