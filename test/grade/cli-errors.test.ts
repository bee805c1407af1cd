// clab grade's bad input: exit 2 with a message and no stack trace; and the choice of sandbox mode,
// including the refusal to run submitted code with no sandbox (probed with a stand-in for bubblewrap).

import { chmodSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { chooseMode } from '../../checker/grade/sandbox/detect.ts';

const root = join(import.meta.dirname, '..', '..');
const EX = join(root, 'exercises', 'example-mutex');
const work = mkdtempSync(join(tmpdir(), 'clab-grade-cli-'));

async function clab(...args: string[]) {
  const io = memoryIo(work);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('clab grade: bad input', () => {
  it('says what is wrong, exit 2', async () => {
    const cases: [string[], string][] = [
      [['grade', 'sub'], 'error: grade needs --exercise DIR'],
      [['grade', join(EX, 'solution'), '--exercise', work], `error: ${work} is not an exercise: it has no exercise.json`],
      [['grade', join(work, 'nope'), '--exercise', EX, '--no-sandbox'], `error: ${join(work, 'nope')} is not a folder`],
      [['grade', join(EX, 'solution'), '--exercise', EX, '--sandbox', 'chroot'], "error: --sandbox expects bwrap or container, got 'chroot'"],
      [['grade', join(EX, 'solution'), '--exercise', EX, '--sandbox', 'container', '--no-sandbox'], 'error: --sandbox and --no-sandbox contradict each other'],
      [['grade', join(EX, 'solution'), '--exercise', EX, '--hidden', work], `error: --hidden ${work}: no checks.json there`],
      [['grade', '--batch', work, '--exercise', EX, '--no-sandbox'], `error: ${work} holds no submission folders`],
      [['grade', join(EX, 'solution'), '--exercise', EX, '--no-sandbox', '--cpu-limit', '0'], "error: --cpu-limit expects a positive number of seconds (e.g. 30, 2.5, 5m), got '0'"],
      [['exercise', 'export', EX], 'error: exercise export needs --out DIR2'],
      [['exercise', 'import', EX], "error: unknown exercise subcommand 'import'"],
    ];
    for (const [args, first] of cases) {
      const r = await clab(...args);
      expect([r.code, r.err[0]]).toEqual([2, first]);
      expect(r.err.join('\n')).not.toMatch(/\n\s+at /);
    }
  });
});

describe('--sandbox container', () => {
  it('warns when the solution or the hidden checks can be read by other users (the child is one)', async () => {
    // A copy in a folder others can pass through (a temporary folder is the user's own).
    const open = mkdtempSync(join(tmpdir(), 'clab-grade-open-'));
    chmodSync(open, 0o755);
    const ex = join(open, 'ex');
    cpSync(EX, ex, { recursive: true });
    for (const d of [ex, join(ex, 'solution'), join(ex, 'tests'), join(ex, 'tests', 'hidden')]) chmodSync(d, 0o755);
    const solution = join(ex, 'solution');
    const hidden = join(ex, 'tests', 'hidden');
    const warning = (d: string) => `warning: --sandbox container: ${d} can be read by other users, so a submitted model could read it (chmod -R go-rwx ${d})`;
    const r = await clab('grade', join(ex, 'starter'), '--exercise', ex, '--sandbox', 'container', '--json');
    expect([r.code, r.err]).toEqual([0, [warning(solution), warning(hidden)]]);
    expect(JSON.parse(r.out[0]).sandbox).toBe('container');
    chmodSync(solution, 0o700);
    expect((await clab('grade', join(ex, 'starter'), '--exercise', ex, '--sandbox', 'container', '--json')).err).toEqual([warning(hidden)]);
  });
});

describe('the sandbox mode', () => {
  const works = () => ({ ok: true, why: '' });
  const missing = () => ({ ok: false, why: 'bubblewrap (bwrap) is not installed' });
  it('is bubblewrap where it works, what was asked for, or none when no submitted code runs', () => {
    expect(chooseMode(undefined, false, true, works)).toBe('bwrap');
    expect(chooseMode('container', false, true, missing)).toBe('container');
    expect(chooseMode(undefined, true, true, missing)).toBe('no-sandbox');
    expect(chooseMode(undefined, false, false, missing)).toBe('none');
  });

  it('without bubblewrap, submitted code is refused unless the container or no sandbox is asked for', () => {
    expect(() => chooseMode(undefined, false, true, missing)).toThrow('cannot sandbox submitted code: bubblewrap (bwrap) is not installed');
    expect(() => chooseMode('bwrap', false, false, missing)).toThrow('cannot sandbox submitted code');
  });
});
