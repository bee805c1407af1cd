// The spec language end to end through the CLI: check, --const overrides, --json, exit codes for
// witnesses (unreachable in a complete search: 1, not reached before a bound: 3), temporal properties, parse.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';

const root = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'clab-spec-'));

async function run(...args: string[]) {
  const io = memoryIo(root);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

function spec(name: string, text: string): string {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
}

describe('clab check <file.spec>', () => {
  it('checks the shipped twophase spec: holds, witnesses found, exit 0', async () => {
    const r = await run('check', 'specs/twophase.spec', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ model: 'twophase', spec: 'specs/twophase.spec', result: 'holds', distinctStates: 288, invariants: ['consistent', 'commitNeedsAll', 'committedByTM'] });
    expect(j.witnesses).toEqual([
      { name: 'allCommitted', reachable: true, length: 10 },
      { name: 'someAborted', reachable: true, length: 1 },
    ]);
  });

  it('--const overrides the file', async () => {
    const r = await run('check', 'specs/tcommit.spec', '--const', 'rms=2', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ constants: { rms: 2 }, distinctStates: 12 });
  });

  it('a violated spec invariant: exit 1 and a saved trace', async () => {
    const r = await run('check', 'specs/paxos.spec', '--variant', 'ignore-accepted', '--const', 'maxBallot=2', '--out', join(tmp, 'cx'), '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.result).toBe('violation');
    expect(j.violation.invariant).toBe('agreement');
    expect(j.violation.length).toBe(12);
    expect(j.violation.traceFile).toMatch(/paxos-ignore-accepted-maxBallot=2-agreement\.json$/);
  });

  it('an unreachable witness in a complete search fails with exit 1', async () => {
    const f = spec('never.spec', 'spec never\nmodel tcommit\nsometimes impossible: exists r1, r2 in rms: rmState[r1] = "committed" and rmState[r2] = "aborted"\n');
    const r = await run('check', f);
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ sometimes impossible: no reachable state satisfies it');
    expect(r.out).toContain('✗ the invariants hold, but no reachable state satisfies sometimes impossible (search complete)');
    expect(r.out).not.toContain('✓');
    const j = await run('check', f, '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ result: 'violation', unreachableWitnesses: ['impossible'], witnesses: [{ name: 'impossible', reachable: false }] });
  });

  it('a witness not reached before a bound is not a failure: incomplete, exit 3', async () => {
    const f = spec('bounded.spec', 'spec b\nmodel tcommit\nbound depth <= 2\nsometimes allCommitted: forall r in rms: rmState[r] = "committed"\n');
    const r = await run('check', f, '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ result: 'incomplete', bound: 'max-depth', witnesses: [{ name: 'allCommitted', reachable: null }] });
  });

  it('temporal properties go to the liveness checker, with the spec\'s fairness', async () => {
    const r = await run('check', 'test/language/good/features.spec', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.result).toBe('holds');
    expect(j.constants).toEqual({ n: 3, maxCrashes: 1 }); // faults crash <= 1 set maxCrashes
    expect(j.temporal).toEqual([
      { name: 'eventuallyStable', kind: 'always-eventually', result: 'holds' },
      { name: 'crashLeads', kind: 'leadsto', result: 'holds' },
    ]);
    expect(j.unchecked).toBeUndefined();
    expect(j.invariants).toHaveLength(9);
    expect(j.witnesses).toEqual([{ name: 'oneCrashed', reachable: true, length: 1 }]);
  });

  it('a spec error found only with --const values is still reported with its location', async () => {
    const f = spec('elem.spec', 'spec e\nmodel tcommit\ninvariant r3ok: rmState[r3] != "aborted" or true\n');
    expect((await run('check', f, '--const', 'rms=3')).code).toBe(0);
    const r = await run('check', f, '--const', 'rms=2');
    expect(r.code).toBe(2);
    expect(r.err).toContain("elem.spec:3:25: unknown name 'r3'");
  });

  it('a runtime error in an expression names its location', async () => {
    const f = spec('div.spec', 'spec d\nmodel tcommit\ninvariant d: 1 / (size({r in rms : rmState[r] = "working"}) - 3) = 0 or true\n');
    const r = await run('check', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/div\.spec:3:16: division by zero/);
  });

  it('the model form keeps working', async () => {
    expect((await run('check', 'tcommit', '--quiet')).code).toBe(0);
  });
});

describe('clab parse', () => {
  it('prints the normalised spec', async () => {
    const r = await run('parse', 'test/language/good/features.spec');
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(0, 4)).toEqual(['spec features', 'model ../fixtures/crashy.ts', 'const n = 3', 'faults crash <= 1']);
    expect(r.out).toContain('invariant arithmetic: (if size(crashed) = 0 then 1 else 2) * 3 % 4 - -1 >= 1 and 7 / 2 = 3');
    expect(r.out).toContain('define aliveCount = size(alive)\ndefine alive = procs minus crashed\n');
    expect(r.out).not.toContain('/*');
  });

  it('its output parses to the same normal form', async () => {
    const first = (await run('parse', 'specs/paxos.spec')).out;
    const again = (await run('parse', spec('paxos-again.spec', first.replace('model paxos', 'model paxos') + '\n'))).out;
    expect(again).toBe(first);
  });

  it('refuses a missing file and bad usage with exit 2', async () => {
    expect((await run('parse', 'nope.spec')).code).toBe(2);
    expect((await run('parse')).code).toBe(2);
  });
});
