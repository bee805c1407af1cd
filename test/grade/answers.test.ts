// The `answer` check kinds (a sweep's threshold, a bivalent initial configuration, a fixed value) and a
// temporal `replay-trace` (an admissible non-deciding FLP run), on shipped models with small constants;
// and --batch: a CSV row and a JSON record per student, whatever each submission holds.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'clab-answers-'));
const EX = join(work, 'ex');
mkdirSync(EX);
writeFileSync(join(EX, 'handout.md'), '# answers\n');
writeFileSync(
  join(EX, 'exercise.json'),
  JSON.stringify({
    format: 'consensus-lab/exercise',
    version: 1,
    title: 'Answers',
    handout: 'handout.md',
    submission: ['answers.json', 'lasso.json'],
    checks: [
      { name: 'threshold', title: 'Smallest n for OM(1)', points: 2, visibility: 'public', kind: 'answer', file: 'answers.json', field: 'smallestN', compute: { kind: 'threshold', model: 'om', param: 'n', from: 3, to: 5, constants: { m: 1 } } },
      { name: 'bivalent', title: 'A bivalent initial configuration', points: 2, visibility: 'public', kind: 'answer', file: 'answers.json', field: 'flp.bivalent', compute: { kind: 'bivalent', model: 'flp', constants: { maxCrashes: 0 } } },
      { name: 'fixed', title: 'How many generals', points: 1, visibility: 'public', kind: 'answer', file: 'answers.json', field: 'generals', compute: { kind: 'equals', value: [3, 1] } },
      { name: 'lasso', title: 'A run that never decides', points: 3, visibility: 'public', kind: 'replay-trace', file: 'lasso.json', model: 'flp', constants: { maxCrashes: 1, maxLag: 1 }, property: { kind: 'temporal', name: 'termination' } },
    ],
  }),
);
const bivalent = { p1: 'not started est=1', p2: 'not started est=1', p3: 'not started est=0', msgs: [] };
const univalent = { p1: 'not started est=1', p2: 'not started est=1', p3: 'not started est=1', msgs: [] };
const lasso = readFileSync(join(root, 'counterexamples', 'flp-termination.json'), 'utf8');

function submission(name: string, answers: unknown, withLasso = true): string {
  const dir = join(work, 'subs', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'answers.json'), JSON.stringify(answers));
  if (withLasso) writeFileSync(join(dir, 'lasso.json'), lasso);
  return dir;
}

async function grade(dir: string) {
  const io = memoryIo(work);
  expect(await main(['grade', dir, '--exercise', EX, '--json'], io)).toBe(0);
  return JSON.parse(io.stdout[0]) as { score: number; checks: { name: string; passed: boolean; verdict: string }[] };
}

describe('answer checks', () => {
  it('right answers earn every point; each wrong one says why without giving the answer away', { timeout: 60_000 }, async () => {
    const good = await grade(submission('good', { smallestN: 4, flp: { bivalent }, generals: [3, 1] }));
    expect(good.checks.map((c) => [c.name, c.passed, c.verdict])).toEqual([
      ['threshold', true, 'n = 4 is the smallest value in 3..5 for which every invariant holds'],
      ['bivalent', true, 'flp.bivalent is a bivalent initial configuration: both decisions stay reachable from it'],
      ['fixed', true, 'generals = [3, 1] is right'],
      ['lasso', true, 'lasso.json replays (15 steps) and shows termination violated'],
    ]);
    expect(good.score).toBe(8);

    const bad = await grade(submission('bad', { smallestN: 3, flp: { bivalent: univalent }, generals: [1, 3] }, false));
    expect(bad.checks.map((c) => c.verdict)).toEqual([
      'n = 3 is not safe: IC2 is violated after 2 steps',
      'flp.bivalent is an initial configuration, but it is not bivalent: the decisions reachable from it are {1}',
      'generals = [1, 3] is not the expected answer',
      'missing file lasso.json',
    ]);
    const more = await grade(submission('more', { smallestN: 5, flp: { bivalent: { ...bivalent, msgs: [1] } } }, false));
    expect(more.checks.map((c) => c.verdict).slice(0, 3)).toEqual([
      'n = 5 is safe, but it is not the smallest such value',
      'flp.bivalent is not an initial configuration of the model',
      "answers.json has no field 'generals'",
    ]);
  });

  it('a lasso that does not close, or a finite trace, is no admissible non-deciding run', async () => {
    const t = JSON.parse(lasso);
    const dir = submission('cut', {}, false);
    writeFileSync(join(dir, 'lasso.json'), JSON.stringify({ ...t, steps: t.steps.slice(0, -1) }));
    expect((await grade(dir)).checks[3].verdict).toMatch(/^step 14 of lasso.json is not a step of the exercise's model: the cycle does not close: the state of step 14 is not the state of step 3$/);
    const { loopStart: _, ...finite } = t;
    writeFileSync(join(dir, 'lasso.json'), JSON.stringify(finite));
    expect((await grade(dir)).checks[3].verdict).toBe('lasso.json is not a lasso (it has no "loopStart"): a run that violates termination repeats forever');
  });
});

describe('clab grade --batch', () => {
  it('writes one CSV row and one JSON record per submission folder; a broken one does not stop the batch', { timeout: 60_000 }, async () => {
    const subs = join(work, 'batch');
    mkdirSync(join(subs, 'carol', 'answers.json'), { recursive: true }); // a folder where a file should be
    mkdirSync(join(subs, 'alice'), { recursive: true });
    writeFileSync(join(subs, 'alice', 'answers.json'), JSON.stringify({ smallestN: 4, generals: [3, 1] }));
    mkdirSync(join(subs, 'bob'));
    writeFileSync(join(subs, 'bob', 'answers.json'), '=HYPERLINK("x")');
    writeFileSync(join(subs, 'notes.txt'), 'not a submission');
    const io = memoryIo(work);
    expect(await main(['grade', '--batch', subs, '--exercise', EX, '--out', join(work, 'grades')], io)).toBe(0);
    expect(io.stderr).toEqual(['1/3 alice: 3/8', '2/3 bob: 0/8', '3/3 carol: 0/8']);
    expect(readFileSync(join(work, 'grades', 'grades.csv'), 'utf8').split('\n')).toEqual([
      'submission,score,max_score,threshold,bivalent,fixed,lasso,sandbox,error',
      'alice,3,8,2,0,1,0,none,',
      'bob,0,8,0,0,0,0,none,',
      'carol,0,8,0,0,0,0,none,',
      '',
    ]);
    const records = readFileSync(join(work, 'grades', 'grades.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.submission, r.score])).toEqual([['alice', 3], ['bob', 0], ['carol', 0]]);
    expect(records[2].checks[0].verdict).toBe('answers.json is not a regular file');
  });
});
