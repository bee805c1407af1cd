// clab grade on the example exercise (exercises/example-mutex): the reference solution earns full marks,
// the starter files partial ones (the trace is missing, the starter invariant is vacuous, the starter
// model still has the bug but does let a process in); the model checks run in the sandbox (bubblewrap, or
// --no-sandbox where it is missing: these submissions are ours);
// every check kind's failure says why; the report is the same each time and in each format; a trace is
// data (the model it names is never loaded); export leaves the solution and hidden checks out.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { trustedSandboxArgs, trustedSandboxMode } from '../helpers/sandbox-mode.ts';

const root = join(import.meta.dirname, '..', '..');
const EX = join(root, 'exercises', 'example-mutex');
const work = mkdtempSync(join(tmpdir(), 'clab-grade-'));

async function clab(...args: string[]) {
  const io = memoryIo(work);
  const code = await main(args[0] === 'grade' ? [...args, ...trustedSandboxArgs()] : args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** A submission folder in the temp dir with these files (text, or copied from the solution). */
function submission(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

const solutionTrace = readFileSync(join(EX, 'solution', 'trace.json'), 'utf8');
const solutionSpec = readFileSync(join(EX, 'solution', 'catch.spec'), 'utf8');

async function gradeJson(dir: string, ...more: string[]) {
  const r = await clab('grade', dir, '--exercise', EX, '--json', ...more);
  expect(r.code).toBe(0);
  return JSON.parse(r.out[0]) as { score: number; maxScore: number; sandbox: string; checks: { name: string; passed: boolean; points: number; verdict: string; details: string[]; visibility: string }[] };
}

describe('clab grade: the example exercise', () => {
  it('the reference solution earns full marks; the text report lists each check', async () => {
    const r = await clab('grade', join(EX, 'solution'), '--exercise', EX);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([
      'Mutual exclusion: a lock taken in two steps (example)',
      `submission: solution   sandbox: ${trustedSandboxMode()}`,
      '',
      '✓ trace         3/3  Your trace shows two processes in the critical section',
      '    trace.json replays (6 steps) and shows mutualExclusion violated',
      '✓ catch         3/3  Your invariant catches the bug (two processes)',
      '    caught: caught is violated on the buggy model after 6 steps and holds on the correct one',
      '✓ model         3/3  Your fixed model keeps mutual exclusion (three processes)',
      '    every invariant holds on all 20 states of your model',
      '✓ model-live    1/1  In your model a process does get in',
      '    nobodyInside is violated after 2 steps, as expected',
      '✓ catch-3       2/2  (hidden) Your invariant catches the bug (three processes)',
      '    passed (hidden check)',
      '✓ model-4       2/2  (hidden) Your fixed model keeps mutual exclusion (four processes)',
      '    passed (hidden check)',
      '',
      'score: 14/14',
    ]);
  });

  it('the starter earns partial marks: no trace, a vacuous invariant, the bug still in the model (a failing hidden check shows its title only)', async () => {
    const j = await gradeJson(join(EX, 'starter'));
    expect([j.score, j.maxScore]).toEqual([1, 14]);
    expect(j.checks.map((c) => c.verdict)).toEqual([
      'missing file trace.json',
      'your invariant does not catch the bug (every invariant holds on all 22 reachable states)',
      'mutualExclusion is violated after 6 steps (expected: every invariant holds)',
      'nobodyInside is violated after 3 steps, as expected',
      'failed',
      'failed',
    ]);
    // --json is what a student may see: a hidden check has no details.
    expect(j.checks.slice(4).map((c) => c.details)).toEqual([[], []]);
    // The counterexample: the search's shortest trace, replayed on the explored graph, with the spec's explanation.
    expect(j.checks[2].details.slice(0, 3)).toEqual(['a shortest trace (6 steps, replayed):', '  Step 0  initial state', '      pcs = [idle, idle, idle]']);
    expect(j.checks[2].details.slice(-2)).toEqual(['  Why mutualExclusion is false:', '      inside <= 1 is false: inside = 2']);
    const text = (await clab('grade', join(EX, 'starter'), '--exercise', EX)).out;
    expect(text.slice(-6)).toEqual([
      '✗ catch-3       0/2  (hidden) Your invariant catches the bug (three processes)',
      '    failed (hidden check: details are not shown)',
      '✗ model-4       0/2  (hidden) Your fixed model keeps mutual exclusion (four processes)',
      '    failed (hidden check: details are not shown)',
      '',
      'score: 1/14',
    ]);
  });

  it('an always-false invariant earns nothing either, and its counterexample on the correct model is shown', async () => {
    const dir = submission('always-false', { 'trace.json': solutionTrace, 'catch.spec': 'spec catch\nmodel mutex\ninvariant caught: not locked\n' });
    const j = await gradeJson(dir);
    expect(j.score).toBe(3);
    expect(j.checks.filter((c) => c.name.startsWith('model')).map((c) => c.verdict)).toEqual(['missing file mutex.ts', 'missing file mutex.ts', 'failed']);
    const c = j.checks.find((x) => x.name === 'catch')!;
    expect(c.verdict).toBe('your invariant does not hold on the correct model (caught is violated after 2 steps)');
    expect(c.details.slice(2, 4)).toEqual(['a trace of the correct model that breaks it:', '  Step 0  initial state']);
  });

  it("a spec whose predicate never finishes on a state is stopped by the check's time limit; the grader goes on", async () => {
    const slow = 'spec catch\nmodel mutex\ninvariant caught: forall i in 0..100000: forall j in 0..100000: i + j >= 0\n';
    const j = await gradeJson(submission('slow-spec', { 'trace.json': solutionTrace, 'catch.spec': slow }), '--wall-limit', '1');
    const c = j.checks.find((x) => x.name === 'catch')!;
    expect([c.passed, c.verdict]).toEqual([false, 'the grader stopped checking catch.spec: time limit (wall clock 2 s)']);
    expect(j.checks.find((x) => x.name === 'trace')!.passed).toBe(true);
  });

  it('a spec with errors fails its check with the located errors; the spec names no code that runs', async () => {
    const dir = submission('bad-spec', { 'trace.json': solutionTrace, 'catch.spec': 'spec catch\nmodel ./evil.ts\ninvariant caught: nosuch <= 1\n' });
    writeFileSync(join(dir, 'evil.ts'), "throw new Error('loaded the submission\\'s module');\n");
    const c = (await gradeJson(dir)).checks.find((x) => x.name === 'catch')!;
    expect(c.verdict).toBe('catch.spec cannot be checked');
    expect(c.details.join('\n')).toContain("unknown name 'nosuch'");
    expect(c.details.join('\n')).not.toContain('loaded the submission');
  });

  it("a trace is replayed against the exercise's model, never the one it names; wrong constants and invalid steps are said", async () => {
    const trace = JSON.parse(solutionTrace) as { model: string; constants: Record<string, number>; steps: { action: unknown; state: { pcs: string[] } }[] };
    const evil = submission('names-a-model', { 'evil.ts': "throw new Error('ran the trace\\'s model');\n" });
    writeFileSync(join(evil, 'trace.json'), JSON.stringify({ ...trace, model: './evil.ts', variant: 'no-such-variant' }));
    const ok = (await gradeJson(evil)).checks.find((x) => x.name === 'trace')!;
    expect([ok.passed, ok.verdict]).toEqual([true, 'trace.json replays (6 steps) and shows mutualExclusion violated']);

    const wrongConsts = submission('consts', { 'trace.json': JSON.stringify({ ...trace, constants: { procs: 3 } }) });
    const c1 = (await gradeJson(wrongConsts)).checks.find((x) => x.name === 'trace')!;
    expect([c1.verdict, c1.details]).toEqual(["trace.json was made with other constants than the exercise's", ["the trace's: procs=3", "the exercise's: procs=2"]]);

    const forged = structuredClone(trace);
    forged.steps[5].state.pcs = ['critical', 'idle'];
    const c2 = (await gradeJson(submission('forged', { 'trace.json': JSON.stringify(forged) }))).checks.find((x) => x.name === 'trace')!;
    expect(c2.verdict).toBe("step 5 of trace.json is not a step of the exercise's model: action 'p1 locks' is enabled but leads to a different state than recorded");

    const short = { ...trace, steps: trace.steps.slice(0, 5) };
    const c3 = (await gradeJson(submission('short', { 'trace.json': JSON.stringify(short) }))).checks.find((x) => x.name === 'trace')!;
    expect(c3.verdict).toBe('every step of trace.json is a step of the model, but it does not show mutualExclusion violated');

    const c4 = (await gradeJson(submission('garbage', { 'trace.json': '{"format": 1' }))).checks.find((x) => x.name === 'trace')!;
    expect(c4.verdict).toBe('trace.json is not a trace clab can read');
  });

  it('a submitted file that is a link (to the reference solution, say), a folder or too large earns nothing', async () => {
    const dir = submission('links', { 'catch.spec': solutionSpec });
    symlinkSync(join(EX, 'solution', 'trace.json'), join(dir, 'trace.json'));
    mkdirSync(join(dir, 'mutex.ts'));
    const j = await gradeJson(dir);
    expect(j.checks.slice(0, 3).map((c) => [c.name, c.passed, c.verdict])).toEqual([
      ['trace', false, 'trace.json is a symbolic link: hand in the file itself'],
      ['catch', true, 'caught: caught is violated on the buggy model after 6 steps and holds on the correct one'],
      ['model', false, 'mutex.ts is not a regular file'],
    ]);
    const big = submission('big', { 'trace.json': ' '.repeat(8 * 1024 * 1024 + 1) });
    expect((await gradeJson(big)).checks[0].verdict).toBe('trace.json is larger than 8 MiB');
  });

  it('is deterministic, and --gradescope writes the results Gradescope reads (hidden checks: title and score only)', async () => {
    const dir = join(EX, 'starter');
    expect((await clab('grade', dir, '--exercise', EX, '--json')).out).toEqual((await clab('grade', dir, '--exercise', EX, '--json')).out);
    const file = join(work, 'results.json');
    const r = await clab('grade', dir, '--exercise', EX, '--gradescope', file);
    expect(r.code).toBe(0);
    const gs = JSON.parse(readFileSync(file, 'utf8'));
    expect(gs.tests.map((t: { name: string; score: number; max_score: number; visibility: string }) => [t.name, t.score, t.max_score, t.visibility])).toEqual([
      ['Your trace shows two processes in the critical section', 0, 3, 'visible'],
      ['Your invariant catches the bug (two processes)', 0, 3, 'visible'],
      ['Your fixed model keeps mutual exclusion (three processes)', 0, 3, 'visible'],
      ['In your model a process does get in', 1, 1, 'visible'],
      ['Your invariant catches the bug (three processes)', 0, 2, 'after_due_date'],
      ['Your fixed model keeps mutual exclusion (four processes)', 0, 2, 'after_due_date'],
    ]);
    expect(gs.score).toBe(1);
    expect(gs.tests[4].output).toBe('failed (hidden check: details are not shown)');
  });

  it('--hidden DIR replaces the example hidden checks with an instructor\'s own', async () => {
    const hidden = join(work, 'my-hidden');
    mkdirSync(hidden);
    writeFileSync(join(hidden, 'checks.json'), JSON.stringify({ checks: [{ name: 'mine', title: 'Four processes', points: 5, kind: 'spec-invariant', file: 'catch.spec', model: join(EX, 'model', 'mutex.ts'), constants: { procs: 4 }, buggy: { variant: 'check-then-lock' }, correct: {} }] }));
    const j = await gradeJson(join(EX, 'solution'), '--hidden', hidden);
    expect(j.checks.map((c) => [c.name, c.visibility, c.points])).toEqual([['trace', 'public', 3], ['catch', 'public', 3], ['model', 'public', 3], ['model-live', 'public', 1], ['mine', 'hidden', 5]]);
  });
});

describe('exercise manifests', () => {
  it('a malformed manifest is refused with its file and field (exit 2)', async () => {
    const ex = join(work, 'bad-ex');
    cpSync(EX, ex, { recursive: true });
    const m = JSON.parse(readFileSync(join(ex, 'exercise.json'), 'utf8'));
    m.checks[0].pointz = 3;
    writeFileSync(join(ex, 'exercise.json'), JSON.stringify(m));
    const r = await clab('grade', join(EX, 'solution'), '--exercise', ex);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`error: ${join(ex, 'exercise.json')}: checks[0]: unknown field 'pointz'`);
    m.checks[0].pointz = undefined;
    m.checks[0].model = '../../etc/passwd';
    writeFileSync(join(ex, 'exercise.json'), JSON.stringify(m));
    expect((await clab('grade', join(EX, 'solution'), '--exercise', ex)).err[0]).toContain("checks[0].model: '../../etc/passwd' is outside the folder");
  });

  it('clab exercise export leaves out the solution, the hidden checks and the manifest\'s hidden checks', async () => {
    const ex = join(work, 'ex-with-hidden');
    cpSync(EX, ex, { recursive: true });
    const m = JSON.parse(readFileSync(join(ex, 'exercise.json'), 'utf8'));
    m.checks.push({ ...m.checks[1], name: 'secret', visibility: 'hidden' });
    writeFileSync(join(ex, 'exercise.json'), JSON.stringify(m));
    const out = join(work, 'student-copy');
    const r = await clab('exercise', 'export', ex, '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toEqual(['exported 7 file(s) to ' + out + ' (1 hidden check(s) of the manifest left out)']);
    expect(readdirSync(out, { recursive: true }).map(String).sort()).toEqual(['exercise.json', 'handout.md', 'model', 'model/mutex.ts', 'starter', 'starter/catch.spec', 'starter/mutex.ts', 'tests', 'tests/public', 'tests/public/inside.spec', 'tests/public/someone-inside.spec']);
    expect(existsSync(join(out, 'solution'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'exercise.json'), 'utf8')).checks.map((c: { name: string }) => c.name)).toEqual(['trace', 'catch', 'model', 'model-live']);
    // The copy grades on its own: public checks only.
    expect((await gradeJsonIn(out)).checks.map((c) => c.name)).toEqual(['trace', 'catch', 'model', 'model-live']);
    expect((await clab('exercise', 'export', ex, '--out', out)).code).toBe(2);
  });
});

async function gradeJsonIn(ex: string) {
  const r = await clab('grade', join(EX, 'solution'), '--exercise', ex, '--json');
  return JSON.parse(r.out[0]) as { checks: { name: string }[] };
}
