// A result is never lost: the verdict and trace are printed before anything is saved, a trace that
// cannot be written is a warning (the exit code stays the verdict's; under --json the trace goes into the
// report), new traces go to an untracked folder under names that keep different runs apart, and the
// scale options refuse values that cannot work.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';

const root = join(import.meta.dirname, '..', '..');
const tmp = () => mkdtempSync(join(tmpdir(), 'clab-kept-'));
async function clab(cwd: string, ...args: string[]) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('a trace that cannot be saved', () => {
  it('--out /proc/x: the verdict and the whole trace are printed, a warning says why nothing was saved, exit 1', async () => {
    const r = await clab(tmp(), 'check', 'paxos', '--variant', 'ignore-accepted', '--out', '/proc/x');
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ invariant agreement is violated after 12 steps:');
    expect(r.out).toContain('Violating state (step 12), agreement is false:');
    expect(r.out).not.toContain('trace saved to');
    expect(r.err).toMatch(/^warning: cannot write the trace into \/proc\/x: .*\(the trace is printed above\)$/);
  });

  it('--out naming a file: the same, exit 1', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'taken'), 'not a folder');
    const r = await clab(dir, 'check', join(root, 'test/fixtures/counter-model.ts'), '--out', 'taken');
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ invariant noLostUpdate is violated after 4 steps:');
    expect(r.err).toContain(`warning: cannot write the trace into ${join(dir, 'taken')}`);
  });

  it('under --json the one report holds the save error and the trace itself', async () => {
    const r = await clab(tmp(), 'check', 'paxos', '--variant', 'ignore-accepted', '--out', '/proc/x', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.result).toBe('violation');
    expect(j.violation).toMatchObject({ invariant: 'agreement', length: 12, traceFile: null });
    expect(j.violation.saveError).toMatch(/^cannot write the trace into \/proc\/x: /);
    expect(j.violation.trace).toMatchObject({ format: 'consensus-lab/trace', model: 'paxos', variant: 'ignore-accepted', property: { kind: 'invariant', name: 'agreement' } });
    expect(j.violation.trace.steps).toHaveLength(13);
  });
});

describe('where new traces go', () => {
  it('by default into clab-traces/ of the current folder, named by model, variant, changed constants and property', async () => {
    const dir = tmp();
    expect((await clab(dir, 'check', 'paxos', '--variant', 'ignore-accepted')).code).toBe(1);
    expect((await clab(dir, 'check', 'paxos', '--variant', 'ignore-accepted', '--const', 'maxBallot=2')).code).toBe(1);
    expect((await clab(dir, 'check', 'paxos', '--variant', 'ignore-accepted', '--const', 'maxBallot=3')).code).toBe(1);
    expect(readdirSync(join(dir, 'clab-traces')).sort()).toEqual(['paxos-ignore-accepted-agreement.json', 'paxos-ignore-accepted-maxBallot=2-agreement.json']);
  });

  it('the repository ignores that folder, and the goldens under counterexamples/ are not written to', () => {
    const ignored = spawnSync('git', ['check-ignore', 'clab-traces/x.json'], { cwd: root, encoding: 'utf8' });
    expect(ignored.stdout.trim()).toBe('clab-traces/x.json');
  });
});

describe('scale options that cannot work are refused', () => {
  it('--memory below 256MiB: exit 2', async () => {
    const r = await clab(tmp(), 'check', 'twophase', '--memory', '1');
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: --memory 1 is below the minimum of 256MiB');
  });

  it('--workers above 32: exit 2; above the core count: a warning', async () => {
    const r = await clab(tmp(), 'check', 'twophase', '--workers', '1000');
    expect(r.code).toBe(2);
    expect(r.err).toContain('error: --workers 1000 is above the maximum of 32');
    const cores = availableParallelism();
    const n = Math.min(32, cores + 1);
    const w = await clab(tmp(), 'check', 'twophase', '--workers', String(n), '--json');
    expect(w.code).toBe(0);
    expect(JSON.parse(w.out)).toMatchObject({ distinctStates: 288 });
    expect(w.err).toBe(n > cores ? `warning: --workers ${n} is more than this machine's ${cores} cores: the threads will take turns, which is slower than --workers ${cores}` : '');
  }, 60_000);

  it('a state with 20,000 new successors each: the memory budget is checked between successors, not only every 1,024 expansions', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/clab.js'), 'check', join(root, 'test/fixtures/runaway/wide.ts'), '--const', 'fanout=20000', '--memory', '256MiB', '--json'], { cwd: tmp(), encoding: 'utf8' });
    expect(r.status).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ result: 'incomplete', bound: 'memory', depth: 2 });
    expect(j.memory.peakRssMiB).toBeLessThan(256 + 32);
  }, 120_000);
});
