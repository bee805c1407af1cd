// The bug-hunt exercise (exercises/paxos-bug-hunt): its instructor's model is a plain rewrite of Paxos, so
// first its state graphs are cross-checked with the shipped paxos model (independent code) by a direct
// breadth-first enumeration written here: equal counts for the correct protocol and for each mystery
// against the shipped variant it hides, and equal shortest violations. Then grading: the reference
// solution earns 10/10, the starter (the worked example for mystery A) 1/10, and wrong answers (traces
// swapped between variants, a trace cut before its violation, a swapped diagnosis) exact points.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instance } from '../../checker/model.ts';
import { bfs } from '../../checker/search/bfs.ts';
import paxos from '../../models/paxos.ts';
import mystery from '../../exercises/paxos-bug-hunt/model/mystery-paxos.ts';
import { exerciseDir, grade, pointsOf, submission, tempDir, verdictOf } from './helpers.ts';

const EX = exerciseDir('paxos-bug-hunt');
const work = tempDir('bug-hunt');
const CONSTS = { acceptors: 3, proposers: 2, maxBallot: 2 };

/** Distinct reachable states (keyed by the state's JSON), and the depth of the first state breaking `bad`. */
function enumerate<S>(inst: Instance<S>, bad: (s: S) => boolean): { states: number; firstBad: number | null } {
  const seen = new Set<string>();
  let frontier = [...inst.init()];
  for (const s of frontier) seen.add(JSON.stringify(s));
  let firstBad: number | null = null;
  for (let depth = 0; frontier.length > 0; depth++) {
    if (firstBad === null && frontier.some(bad)) firstBad = depth;
    const next: S[] = [];
    for (const s of frontier) {
      for (const st of inst.next(s)) {
        const k = JSON.stringify(st.state);
        if (!seen.has(k)) {
          seen.add(k);
          next.push(st.state);
        }
      }
    }
    frontier = next;
  }
  return { states: seen.size, firstBad };
}

describe('mystery-paxos agrees with the shipped paxos model', () => {
  const pairs: [string | undefined, string | undefined, number, number | null][] = [
    [undefined, undefined, 1777, null],
    ['mystery-a', 'minority-quorum', 5233, 10],
    ['mystery-b', 'ignore-accepted', 1681, 12],
    ['mystery-c', 'accept-below-promise', 7689, 12],
  ];
  it.each(pairs)('%s = %s: the same number of states and the same shortest violation', { timeout: 30_000 }, (ours, shipped, states, firstBad) => {
    const a = mystery.instantiate(CONSTS, ours) as Instance<unknown>;
    const b = paxos.instantiate(CONSTS, shipped) as Instance<unknown>;
    const agreementA = (s: unknown) => !a.invariants.agreement.holds(s);
    const agreementB = (s: unknown) => !b.invariants.agreement.holds(s);
    expect(enumerate(a, agreementA)).toEqual({ states, firstBad });
    expect(enumerate(b, agreementB)).toEqual({ states, firstBad });
  });

  it("the engine's search counts the same states (and the correct protocol's depth is 17)", () => {
    const inst = mystery.instantiate(CONSTS) as Instance<unknown>;
    const r = bfs(inst, { invariants: [] });
    expect([r.distinctStates, r.depth]).toEqual([1777, 17]);
  });
});

describe('grading the bug hunt', () => {
  it('the reference solution earns 10/10', { timeout: 30_000 }, async () => {
    const g = await grade(join(EX, 'solution'), EX);
    expect([g.score, g.maxScore]).toEqual([10, 10]);
    expect(g.checks.map((c) => c.verdict).slice(0, 3)).toEqual([
      'mystery-a.json replays (10 steps) and shows agreement violated',
      'mystery-b.json replays (12 steps) and shows agreement violated',
      'mystery-c.json replays (12 steps) and shows agreement violated',
    ]);
  });

  it('the starter (the worked example for mystery A) earns 1/10', async () => {
    const g = await grade(join(EX, 'starter'), EX);
    expect(pointsOf(g)).toEqual([['trace-a', 1], ['trace-b', 0], ['trace-c', 0], ['diagnosis-a', 0], ['diagnosis-b', 0], ['diagnosis-c', 0]]);
    expect(verdictOf(g, 'trace-b')).toBe('missing file mystery-b.json');
  });

  it("traces swapped between variants, and a swapped diagnosis, earn only what is right (2/10)", async () => {
    const sol = (f: string) => readFileSync(join(EX, 'solution', f), 'utf8');
    const dir = submission(work, 'swapped', join(EX, 'solution'), {
      'mystery-b.json': sol('mystery-c.json'),
      'mystery-c.json': sol('mystery-b.json'),
      'answers.json': JSON.stringify({ 'mystery-a': 'small-quorum', 'mystery-b': 'no-promise-check', 'mystery-c': 'ignores-votes' }),
    });
    const g = await grade(dir, EX);
    expect(pointsOf(g)).toEqual([['trace-a', 1], ['trace-b', 0], ['trace-c', 0], ['diagnosis-a', 1], ['diagnosis-b', 0], ['diagnosis-c', 0]]);
    // Voting below the promise is no step of mystery B; a 2a ignoring a reported vote is no step of C.
    expect(verdictOf(g, 'trace-b')).toBe("step 9 of mystery-b.json is not a step of the exercise's model: no enabled action 'a1 sends 2b(a1, b=1, v=1)'");
    expect(verdictOf(g, 'trace-c')).toBe("step 9 of mystery-c.json is not a step of the exercise's model: no enabled action 'p2 sends 2a(b=2, v=2) on 1b from a1,a2'");
  });

  it("a trace cut before its last step, or naming another model and variant, is judged on the exercise's variant", async () => {
    const t = JSON.parse(readFileSync(join(EX, 'solution', 'mystery-b.json'), 'utf8'));
    const dir = submission(work, 'cut', join(EX, 'solution'), {
      'mystery-b.json': JSON.stringify({ ...t, steps: t.steps.slice(0, -1) }),
      'mystery-c.json': JSON.stringify({ ...JSON.parse(readFileSync(join(EX, 'solution', 'mystery-c.json'), 'utf8')), model: 'paxos', variant: 'mystery-a' }),
    });
    const g = await grade(dir, EX);
    expect([g.score, verdictOf(g, 'trace-b'), verdictOf(g, 'trace-c')]).toEqual([7, 'every step of mystery-b.json is a step of the model, but it does not show agreement violated', 'mystery-c.json replays (12 steps) and shows agreement violated']);
  });
});
