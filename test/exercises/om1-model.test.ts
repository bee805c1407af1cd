// The OM(1) exercise (exercises/om1-model): the student's model runs in the grader's sandbox and is checked
// against the instructor's spec (IC1, IC2 and three `sometimes` items). The reference solution earns 8/8,
// its verdicts those of the shipped om model (m = 1) for n = 3, 4, 5 (independent code: an EIG tree with
// reductions); the starter (OM(0)) 2/8; a model where nobody decides and one that decides before every
// relayed value is in earn exact points.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../checker/testing/index.ts';
import om from '../../models/om.ts';
import { exerciseDir, grade, pointsOf, publicOnly, submission, tempDir, verdictOf, withHiddenPublic } from './helpers.ts';

const EX = exerciseDir('om1-model');
const work = tempDir('om1');
const solution = readFileSync(join(EX, 'solution', 'om.ts'), 'utf8');
// Wrong answers are graded on the public checks only (no search whose verdict a test does not read).
const publicChecks = publicOnly(work, EX, 'public-only');
const DECIDE_GUARD = 'if (held.some((v) => v === null)) continue;';

/**
 * The number of reachable states of OM(1) as the handout states it, by a direct enumeration written here
 * apart from the solution: a state is the traitor, the order, the sent messages as 'from>to=value' and
 * the decisions as 'i=value', kept as sorted strings.
 */
function referenceCount(n: number): number {
  const L = Array.from({ length: n - 1 }, (_, i) => i + 1);
  const V = ['attack', 'retreat'];
  type St = { t: number; o: string; m: string[]; d: string[] };
  const key = (s: St) => `${s.t}|${s.o}|${[...s.m].sort().join(',')}|${[...s.d].sort().join(',')}`;
  const val = (s: St, from: number, to: number) => s.m.find((x) => x.startsWith(`${from}>${to}=`))?.split('=')[1];
  const choices = (k: number): string[][] => (k === 0 ? [[]] : choices(k - 1).flatMap((r) => V.map((v) => [...r, v])));
  const succ = (s: St): St[] => {
    if (val(s, 0, 1) === undefined) return (s.t === 0 ? choices(n - 1) : [L.map(() => s.o)]).map((vs) => ({ ...s, m: [...s.m, ...L.map((i, k) => `0>${i}=${vs[k]}`)] }));
    const out: St[] = [];
    for (const j of L) {
      const to = L.filter((i) => i !== j);
      if (val(s, j, to[0]) !== undefined) continue;
      for (const vs of s.t === j ? choices(to.length) : [to.map(() => val(s, 0, j)!)]) out.push({ ...s, m: [...s.m, ...to.map((i, k) => `${j}>${i}=${vs[k]}`)] });
    }
    for (const i of L) {
      if (i === s.t || s.d.some((x) => x.startsWith(`${i}=`))) continue;
      const held = [0, ...L.filter((j) => j !== i)].map((j) => val(s, j, i));
      if (held.includes(undefined)) continue;
      const attack = held.filter((v) => v === 'attack').length;
      out.push({ ...s, d: [...s.d, `${i}=${2 * attack > held.length ? 'attack' : 'retreat'}`] });
    }
    return out;
  };
  const init: St[] = [{ t: 0, o: 'retreat', m: [], d: [] }, ...[-1, ...L].flatMap((t) => V.map((o) => ({ t, o, m: [], d: [] })))];
  const seen = new Set(init.map(key));
  const todo = [...init];
  while (todo.length > 0) {
    for (const x of succ(todo.pop()!)) {
      if (!seen.has(key(x))) {
        seen.add(key(x));
        todo.push(x);
      }
    }
  }
  return seen.size;
}

describe('grading the OM(1) model', () => {
  it("the state counts the grader reports are those of a direct enumeration of the handout's rules", () => {
    expect([4, 5].map(referenceCount)).toEqual([429, 1857]);
  });

  it('the reference solution earns 8/8, with the verdicts of the shipped om model', { timeout: 120_000 }, async () => {
    const g = await grade(join(EX, 'solution'), withHiddenPublic(work, EX, 'open'));
    expect(pointsOf(g)).toEqual([['om-n4', 4], ['om-n3', 2], ['om-n5', 2]]);
    expect(g.checks.map((c) => c.verdict)).toEqual([
      'every invariant holds on all 429 states of your model',
      'IC2 is violated after 3 steps, as expected',
      'every invariant holds on all 1,857 states of your model',
    ]);
    const shipped = await Promise.all([3, 4, 5].map(async (n) => (await checkModel(om, { constants: { n, m: 1 } })).verdict));
    expect(shipped).toEqual(['violation', 'holds', 'holds']);
  });

  it('the starter (OM(0)) earns 2/8: a traitorous commander splits the lieutenants', { timeout: 60_000 }, async () => {
    const g = await grade(join(EX, 'starter'), EX);
    expect(pointsOf(g)).toEqual([['om-n4', 0], ['om-n3', 2], ['om-n5', 0]]);
    expect(verdictOf(g, 'om-n4')).toBe('IC1 is violated after 3 steps (expected: every invariant holds)');
  });

  it('a model where nobody decides earns nothing; one that decides on one relayed value earns only n = 3', { timeout: 60_000 }, async () => {
    expect(solution).toContain(DECIDE_GUARD);
    const vacuous = submission(work, 'vacuous', null, { 'om.ts': solution.replace(DECIDE_GUARD, 'continue;') });
    const v = await grade(vacuous, publicChecks);
    expect(pointsOf(v)).toEqual([['om-n4', 0], ['om-n3', 0]]);
    expect(verdictOf(v, 'om-n4')).toBe('every invariant holds on all 209 states, but no reachable state satisfies allDecided, someAttack, someRetreat (the model never gets there)');
    const early = submission(work, 'early', null, { 'om.ts': solution.replace(DECIDE_GUARD, 'if (held[0] === null || held.every((v, k) => k === 0 || v === null)) continue;') });
    const e = await grade(early, publicChecks);
    expect(pointsOf(e)).toEqual([['om-n4', 0], ['om-n3', 2]]);
    expect(verdictOf(e, 'om-n4')).toBe('IC2 is violated after 3 steps (expected: every invariant holds)');
  });

  it('a model file that does not compile fails its checks with the error, and grading goes on', { timeout: 60_000 }, async () => {
    const broken = submission(work, 'broken', null, { 'om.ts': solution.replace('const VALUES', 'const VALUES = ;') });
    writeFileSync(join(broken, 'notes.txt'), 'not graded');
    const g = await grade(broken, EX);
    expect(pointsOf(g)).toEqual([['om-n4', 0], ['om-n3', 0], ['om-n5', 0]]);
    expect([verdictOf(g, 'om-n4'), g.checks[0].details]).toEqual(['om.ts does not compile', ['om.ts:10:16: Unexpected ";"']]);
  });
});
