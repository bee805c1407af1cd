// The clab command line, run in-process: verdicts, exit codes, JSON output, saved and replayed traces,
// and bad input that gets a clear error (never a stack trace).

import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const root = join(import.meta.dirname, '..', '..');
async function clab(...args: string[]) {
  const io = memoryIo(root);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'clab-test-'));

describe('clab check', () => {
  it('checks TwoPhase(3) exhaustively: 288 states, depth 11, holds, exit 0', async () => {
    const r = await clab('check', 'twophase', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ model: 'twophase', variant: null, constants: { rms: 3 }, result: 'holds', distinctStates: 288, statesGenerated: 1146, depth: 11 });
    expect(j.statesPerSecond).toBeGreaterThan(0);
  });

  it('prints a human summary by default', async () => {
    const r = await clab('check', 'twophase', '--const', 'rms=2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ 1 invariant(s) hold on every reachable state (search complete)');
    expect(r.out).toContain('56 distinct states, 154 generated, depth 8');
  });

  it('a bound gives "incomplete" and exit 3, never "holds"', async () => {
    const r = await clab('check', 'twophase', '--max-states', '100', '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ result: 'incomplete', bound: 'max-states', distinctStates: 100 });
    const d = await clab('check', 'twophase', '--max-depth', '5', '--json');
    expect(d.code).toBe(3);
    expect(JSON.parse(d.out)).toMatchObject({ result: 'incomplete', bound: 'max-depth', depth: 5 });
  });

  it("loads a user's model file, finds the lost update with a shortest trace, saves and replays it", async () => {
    const out = tmp();
    const r = await clab('check', 'test/fixtures/counter-model.ts', '--out', out);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ invariant noLostUpdate is violated after 4 steps');
    expect(r.out).toMatch(/Step 1 {2}p1 reads counter=0/);
    expect(r.out).toMatch(/Step 2 {2}p2 reads counter=0/);
    const file = join(out, 'counter-model-noLostUpdate.json');
    expect(existsSync(file)).toBe(true);
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    expect(trace).toMatchObject({ format: 'consensus-lab/trace', model: 'test/fixtures/counter-model.ts', property: { kind: 'invariant', name: 'noLostUpdate' } });
    expect(trace.steps).toHaveLength(5);

    // The trace names a module of the user's own: replay runs it only when told to (a trace is data).
    expect((await clab('replay', file)).code).toBe(2);
    const replay = await clab('replay', file, '--model', 'test/fixtures/counter-model.ts');
    expect(replay.code).toBe(1);
    expect(replay.out).toContain('reproduced: invariant noLostUpdate is violated at step 4');

    // A step that is no longer a transition: exit 2, the step named.
    trace.steps[3].action.detail = 'counter=7';
    const bad = join(out, 'edited.json');
    writeFileSync(bad, JSON.stringify(trace));
    const r2 = await clab('replay', bad, '--model', 'test/fixtures/counter-model.ts');
    expect(r2.code).toBe(2);
    expect(r2.err).toContain("step 3 is not a valid transition any more: no enabled action 'p1 writes counter=7'");

    // A prefix of the trace: every step valid, the invariant holds at the end: exit 0.
    trace.steps = trace.steps.slice(0, 3);
    writeFileSync(bad, JSON.stringify(trace));
    expect((await clab('replay', bad, '--model', 'test/fixtures/counter-model.ts')).code).toBe(0);
  });

  it('the JSON form names the violation, its length and the trace file', async () => {
    const out = tmp();
    const r = await clab('check', 'test/fixtures/counter-model.ts', '--const', 'procs=3', '--json', '--out', out);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.result).toBe('violation');
    expect(j.violation.invariant).toBe('noLostUpdate');
    expect(j.violation.length).toBe(6);
    expect(existsSync(join(root, j.violation.traceFile))).toBe(true);
  });

  it('reports how a model that throws reached the bad state', async () => {
    const dir = tmp();
    const file = join(dir, 'thrower.ts');
    writeFileSync(file, `export { throwing as default } from '${join(root, 'test/fixtures/impure-models.ts')}';\n`);
    const r = await clab('check', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: the model threw an error: boom at two');
    expect(r.err).toContain('the state where it happened was reached by:');
    expect(r.err).toMatch(/Step 2 {2}push/);
    expect(r.err).not.toMatch(/^\s+at /m);
  });
});

describe('a model that throws under --workers', () => {
  it('is searched again on one core, so the error comes with how the state was reached', async () => {
    const dir = tmp();
    const file = join(dir, 'thrower.ts');
    // The workers load the file with tsx, for which a .ts file is an ES module only in a "type": "module" package.
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    writeFileSync(file, `export { throwingDecodable as default } from '${join(root, 'test/fixtures/impure-models.ts')}';\n`);
    const r = await clab('check', file, '--workers', '2');
    expect(r.code).toBe(2);
    expect(r.err).toContain('note: the model failed in a worker thread (an exception or a malformed result); searching again on one core to show where');
    expect(r.err).toContain('error: the model threw an error: boom at three');
    expect(r.err).toContain('the state where it happened was reached by:');
    expect(r.err).toMatch(/Step 3 {2}inc/);
    expect(r.err).not.toMatch(/^\s+at /m);
  });
});

describe('bad input: exit 2, a clear error and a hint, no stack trace', () => {
  const cases: [string[], RegExp, RegExp?][] = [
    [['check', 'twophasee'], /unknown model 'twophasee'/, /did you mean 'twophase'/],
    [['check', 'twophase', '--const', 'rm=3'], /model 'twophase' has no constant 'rm'/, /did you mean 'rms'/],
    [['check', 'twophase', '--const', 'rms=three'], /constant 'rms' must be an integer, got 'three'/],
    [['check', 'twophase', '--const', 'rms=0'], /constant 'rms' = 0 is out of range/, /allowed: 1..12/],
    [['check', 'twophase', '--const', 'rms'], /--const expects name=value/],
    [['check', 'twophase', '--invariant', 'consistant'], /unknown invariant 'consistant'/, /did you mean 'consistent'/],
    [['check', 'twophase', '--variant', 'buggy'], /model 'twophase' has no variant 'buggy'/, /there are no variants/],
    [['check', 'twophase', '--max-states', 'lots'], /--max-states expects an integer/],
    [['check', 'twophase', '--time-limit', 'soon'], /--time-limit expects a positive number of seconds/],
    [['check', 'twophase', '--bogus'], /Unknown option '--bogus'/],
    [['check'], /check needs a model/],
    [['check', 'test/fixtures/missing.ts'], /model file not found: test\/fixtures\/missing.ts/],
    [['check', 'test/fixtures/no-model.ts'], /test\/fixtures\/no-model.ts exports no model/, /defineModel/],
    [['replay', 'test/fixtures/no-such-trace.json'], /cannot read trace file/],
    [['replay', 'package.json'], /malformed trace: "format" must be "consensus-lab\/trace"/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ];
  for (const [args, message, hint] of cases) {
    it(`clab ${args.join(' ')}`, async () => {
      const r = await clab(...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      if (hint) expect(r.err).toMatch(hint);
      expect(r.err).not.toMatch(/^\s+at /m);
      expect(r.err).not.toContain('internal error');
    });
  }
});

describe('clab list', () => {
  it('lists every shipped model with constants, defaults and invariants', async () => {
    const r = await clab('list', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { name: string; constants: { name: string; default: unknown }[]; invariants: { name: string }[] }[];
    const twophase = rows.find((x) => x.name === 'twophase')!;
    expect(twophase.constants).toEqual([expect.objectContaining({ name: 'rms', default: 3 })]);
    expect(twophase.invariants.map((i) => i.name)).toEqual(['consistent']);
  });
});

describe('every command refuses unknown options with exit 2, never an internal error', () => {
  for (const cmd of ['list', 'check twophase', 'replay x.json', 'show x.json', 'sweep om', 'valence flp', 'simulate paxos', 'explore paxos', 'parse specs/paxos.spec']) {
    it(`clab ${cmd} --no-such-option`, async () => {
      const r = await clab(...cmd.split(' '), '--no-such-option');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: /);
      expect(r.err).not.toContain('internal error');
    });
  }
});
