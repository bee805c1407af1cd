// Explaining a violation under its trace (checker/trace/explain.ts): a model invariant's `explain` (Paxos's
// chosen values by ballot and majority), a spec invariant's parts (checker/language/explain.ts), and what
// happens when a model's explain misbehaves: a note, never a lost verdict.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { explainViolation, MAX_EXPLAIN_LINES } from '../../checker/trace/explain.ts';
import { shippedModels } from '../../models/index.ts';

const root = resolve(import.meta.dirname, '../..');

/** The lines of `clab check` output from "Why" up to the saved-trace line. */
async function why(args: string[], cwd = root): Promise<string[]> {
  const io = memoryIo(cwd);
  const out = mkdtempSync(join(tmpdir(), 'clab-explain-'));
  expect(await main(['check', ...args, '--quiet', '--out', out], io)).toBe(1);
  const lines = io.stdout.join('\n').split('\n');
  const from = lines.findIndex((l) => l.startsWith('Why '));
  const to = lines.findIndex((l) => l.startsWith('trace saved to'));
  expect(from).toBeGreaterThan(0);
  // Right after the violating state (and the model invariant's description, if it has one).
  expect(lines[from - 1]).toMatch(/^ {4}\S/);
  return lines.slice(from, to);
}

describe('a model invariant explains itself', () => {
  it('Paxos agreement (ignore-accepted): the chosen values, their ballots and majorities, the ignored vote', async () => {
    expect(await why(['paxos', '--variant', 'ignore-accepted'])).toEqual([
      'Why agreement is false:',
      '    value 1 is chosen at ballot 1: 2b(b=1, v=1) from a2, a3 (2 of 3 acceptors, a majority)',
      '    value 2 is chosen at ballot 2: 2b(b=2, v=2) from a1, a2 (2 of 3 acceptors, a majority)',
      "    ballot 1 is p1's: 1b(b=1) sent by a1 (no vote), a2 (no vote); its 2a proposed 1",
      "    ballot 2 is p2's: 1b(b=2) sent by a1 (no vote), a2 (voted 1 at ballot 1); its 2a proposed 2",
      '    2 different values are chosen; a2 voted in both majorities: 1 at ballot 1, then 2 at ballot 2',
    ]);
  }, 60_000);
  it('--json carries the same lines as violation.why', async () => {
    const io = memoryIo(root);
    expect(await main(['check', 'flp', '--variant', 'majority', '--json', '--quiet', '--out', mkdtempSync(join(tmpdir(), 'clab-explain-'))], io)).toBe(1);
    expect(JSON.parse(io.stdout[0]).violation.why).toEqual(['decided: p1 1, p2 0']);
    const none = memoryIo(root);
    expect(await main(['check', 'test/fixtures/counter-model.ts', '--no-typecheck', '--json', '--quiet', '--out', mkdtempSync(join(tmpdir(), 'clab-explain-'))], none)).toBe(1);
    expect(JSON.parse(none.stdout[0]).violation).not.toHaveProperty('why');
  }, 60_000);
  it('Paxos agreement (minority-quorum): a ballot proposed after a single 1b', async () => {
    const lines = await why(['paxos', '--variant', 'minority-quorum']);
    expect(lines[3]).toBe("    ballot 1 is p1's: 1b(b=1) sent by a1 (no vote); its 2a proposed 1");
    expect(lines).toHaveLength(6);
  }, 60_000);
});

describe('the shipped models with an obvious explanation give one', () => {
  it.each([
    [['om', '--const', 'n=3'], ['Why IC2 is false:', '    the commander is loyal and ordered attack; loyal lieutenants decided L1 retreat', '    traitors: L2']],
    [['sm', '--variant', 'short-relay'], ['Why IC1 is false:', '    loyal lieutenants decided differently: L1 retreat, L2 retreat, L3 attack', '    traitors: C; the commander is a traitor']],
    [['trusted-bft', '--variant', 'no-trusted-counter'], ['Why agreement is false:', '    correct replicas committed different requests: r1 a, r2 b', '    faulty: r0']],
    [['flp', '--variant', 'majority'], ['Why agreement is false:', '    decided: p1 1, p2 0']],
  ])('%j', async (args, lines) => {
    expect(await why(args)).toEqual(lines);
  }, 60_000);
});

describe('two-phase commit and transaction commit (no buggy variant: checked on a state)', () => {
  it.each([['twophase'], ['tcommit']])('%s names the committed and the aborted', async (name) => {
    const model = shippedModels.find((m) => m.name === name)!;
    const inst = model.instantiate({ rms: 3 });
    // r1 committed, r2 working, r3 aborted (states are indices into RM_STATES: working, prepared, committed, aborted).
    const s = { ...(inst.init()[0] as object), rmState: [2, 0, 3] };
    expect(inst.invariants.consistent.holds(s)).toBe(false);
    expect(inst.invariants.consistent.explain!(s)).toEqual(['committed: r1; aborted: r3']);
  });
});

describe('a spec invariant is explained by the values of its parts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clab-explain-spec-'));
  writeFileSync(
    join(dir, 't.spec'),
    [
      'spec t',
      'model twophase',
      'const rms = 3',
      'invariant same: forall r1, r2 in rms: rmState[r1] = rmState[r2] or tmState = "init"',
      'invariant conj: size(tmPrepared) <= 1 and tmState = "init" and not (exists r in rms: rmState[r] = "aborted")',
      'define allWorking = forall r in rms: rmState[r] = "working"',
      'invariant imp: tmState = "init" => allWorking',
      '',
    ].join('\n'),
  );
  it('forall: the first binding that fails, and why', async () => {
    expect(await why(['t.spec', '--invariant', 'same'], dir)).toEqual([
      'Why same is false:',
      '    forall r1, r2 in rms: rmState[r1] = rmState[r2] or tmState = "init" is false',
      '      rms = {r1, r2, r3}',
      '      fails for r1 = r1, r2 = r2:',
      '        rmState[r1] = rmState[r2] or tmState = "init" is false',
      '          rmState[r1] = rmState[r2] is false: rmState[r1] = "prepared", rmState[r2] = "working"',
      '          tmState = "init" is false: tmState = "aborted"',
    ]);
  }, 60_000);
  it('and: every conjunct with its value', async () => {
    expect(await why(['t.spec', '--invariant', 'conj'], dir)).toEqual([
      'Why conj is false:',
      '    size(tmPrepared) <= 1 and tmState = "init" and not (exists r in rms: rmState[r] = "aborted") is false',
      '      size(tmPrepared) <= 1 is true: size(tmPrepared) = 0, tmPrepared = {}',
      '      tmState = "init" is false: tmState = "aborted"',
      '      not (exists r in rms: rmState[r] = "aborted") is true',
    ]);
  }, 60_000);
  it('=>: the premise, and a definition unfolded', async () => {
    expect(await why(['t.spec', '--invariant', 'imp'], dir)).toEqual([
      'Why imp is false:',
      '    tmState = "init" => allWorking is false',
      '      tmState = "init" is true: tmState = "init"',
      '      allWorking is false, defined as forall r in rms: rmState[r] = "working"',
      '        forall r in rms: rmState[r] = "working" is false',
      '          rms = {r1, r2, r3}',
      '          fails for r = r1:',
      '            rmState[r] = "working" is false: rmState[r] = "prepared"',
    ]);
  }, 60_000);
  it('specs/paxos.spec: the set it counts, and why each value is in it (its ballot and majority)', async () => {
    const member = (v: number, b: number, votes: string) => [
      `      ${v} is in chosen (v = ${v}):`,
      '        exists b in ballots: 2 * size({m in sent2b : m.b = b and m.v = v}) > size(acceptors) is true',
      '          ballots = {1, 2, 3}',
      `          holds for b = ${b}:`,
      '            2 * size({m in sent2b : m.b = b and m.v = v}) > size(acceptors) is true, where',
      '                2 * size({m in sent2b : m.b = b and m.v = v}) = 4',
      '                size({m in sent2b : m.b = b and m.v = v}) = 2',
      `                {m in sent2b : m.b = b and m.v = v} = ${votes}`,
      '                size(acceptors) = 3',
      '                acceptors = {a1, a2, a3}',
    ];
    expect(await why(['specs/paxos.spec', '--variant', 'ignore-accepted'])).toEqual([
      'Why agreement is false:',
      '    size(chosen) <= 1 is false: size(chosen) = 2, chosen = {1, 2}',
      ...member(1, 1, '{{acc: a2, b: 1, v: 1}, {acc: a3, b: 1, v: 1}}'),
      ...member(2, 2, '{{acc: a1, b: 2, v: 2}, {acc: a2, b: 2, v: 2}}'),
    ]);
  }, 60_000);
});

describe('clab replay explains a reproduced violation too', () => {
  it('after the verdict, unless --quiet', async () => {
    const trace = join(root, 'counterexamples/paxos-ignore-accepted-agreement.json');
    const io = memoryIo(root);
    expect(await main(['replay', trace], io)).toBe(1);
    const at = io.stdout.indexOf('✗ reproduced: invariant agreement is violated at step 12');
    expect(io.stdout.slice(at + 1)).toEqual([
      'Why agreement is false:',
      '    value 1 is chosen at ballot 1: 2b(b=1, v=1) from a2, a3 (2 of 3 acceptors, a majority)',
      '    value 2 is chosen at ballot 2: 2b(b=2, v=2) from a1, a2 (2 of 3 acceptors, a majority)',
      "    ballot 1 is p1's: 1b(b=1) sent by a1 (no vote), a2 (no vote); its 2a proposed 1",
      "    ballot 2 is p2's: 1b(b=2) sent by a1 (no vote), a2 (voted 1 at ballot 1); its 2a proposed 2",
      '    2 different values are chosen; a2 voted in both majorities: 1 at ballot 1, then 2 at ballot 2',
    ]);
    const quiet = memoryIo(root);
    expect(await main(['replay', trace, '--quiet'], quiet)).toBe(1);
    expect(quiet.stdout).toEqual(['✗ reproduced: invariant agreement is violated at step 12']);
  }, 60_000);
});

describe('explainViolation', () => {
  const p = (explain: (s: unknown) => unknown) => [{ name: 'inv', holds: () => false, explain: explain as (s: unknown) => string[] }];
  it('prints nothing for an invariant without explain, or an empty explanation', () => {
    expect(explainViolation([{ name: 'inv', holds: () => false }], 'inv', {})).toEqual([]);
    expect(explainViolation(p(() => []), 'inv', {})).toEqual([]);
  });
  it('turns a throwing or malformed explain into a note', () => {
    expect(
      explainViolation(
        p(() => {
          throw new Error('oops');
        }),
        'inv',
        {},
      ),
    ).toEqual(['    (no explanation: explain() of inv threw an error: oops)']);
    expect(explainViolation(p(() => 'a line'), 'inv', {})).toEqual(['    (no explanation: explain() of inv returned string, not an array of lines)']);
    expect(explainViolation(p(() => ['a', 3]), 'inv', {})).toEqual(['    (no explanation: explain() of inv returned an array that is not all strings, not an array of lines)']);
  });
  it('cuts a long explanation and makes control characters visible', () => {
    const lines = explainViolation(p(() => Array.from({ length: 100 }, (_, i) => `line ${i}\u001b[2J`)), 'inv', {});
    expect(lines).toHaveLength(1 + MAX_EXPLAIN_LINES + 1);
    expect(lines[1]).toBe('    line 0\\x1b[2J');
    expect(lines[lines.length - 1]).toBe('    ... and 60 more lines');
  });
});

describe('a model file with explain', () => {
  it('prints the model\'s lines; explain that is not a function is refused (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-explain-model-'));
    const model = (explain: string) =>
      `export default { name: 'm', summary: 's', constants: {}, instantiate: () => ({ init: () => [{ x: 0 }], next: (s) => (s.x < 2 ? [{ action: { kind: 'inc' }, state: { x: s.x + 1 } }] : []), invariants: { small: { description: 'x < 2', holds: (s) => s.x < 2, explain: ${explain} } } }) };\n`;
    writeFileSync(join(dir, 'good.mjs'), model("(s) => [`x is ${s.x}, and 2 is not below 2`]"));
    // A JavaScript model is not type-checked (tsc would refuse it as input), so no flag is needed.
    expect(await why(['good.mjs'], dir)).toEqual(['Why small is false:', '    x is 2, and 2 is not below 2']);
    writeFileSync(join(dir, 'bad.mjs'), model("'x'"));
    const io = memoryIo(dir);
    expect(await main(['check', 'bad.mjs', '--no-typecheck', '--quiet'], io)).toBe(2);
    expect(io.stderr[0]).toBe("error: bad.mjs:1:202: model 'm': invariant 'small' has explain the string \"x\", not a function");
  });

  it('the trace is saved before explain() runs (one that never returns, then Ctrl-C, lost it), and said after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-explain-model-'));
    const out = join(dir, 'traces');
    // explain() says which trace files exist when it runs (check), or which runs of simulate.
    const explain = `(s) => [(globalThis.process.getBuiltinModule('node:fs').readdirSync(${JSON.stringify(out)}, { withFileTypes: false }).join(', ') || 'none') + ' saved']`;
    writeFileSync(
      join(dir, 'm.mjs'),
      `export default { name: 'm', summary: 's', constants: {}, instantiate: () => ({ init: () => [{ x: 0 }], next: (s) => (s.x < 2 ? [{ action: { kind: 'inc' }, state: { x: s.x + 1 } }] : []), invariants: { small: { description: 'x < 2', holds: (s) => s.x < 2, explain: ${explain} } }, terminal: () => true }) };\n`,
    );
    for (const [cmd, file] of [
      ['check', 'm-small.json'],
      ['simulate', 'm-small-simulate.json'],
    ]) {
      const io = memoryIo(dir);
      expect(await main([cmd, 'm.mjs', '--out', out, ...(cmd === 'simulate' ? ['--runs', '1', '--seed', '1'] : [])], io)).toBe(1);
      const lines = io.stdout.join('\n').split('\n');
      // check's file is there too when simulate runs.
      const at = lines.findIndex((l) => l.startsWith('    ') && l.endsWith(' saved') && l.split(/, | /).includes(file));
      expect([at > 0, io.stderr]).toEqual([true, []]);
      expect(lines.findIndex((l) => l.startsWith(`trace saved to traces/${file}`))).toBeGreaterThan(at);
    }
  });
});
