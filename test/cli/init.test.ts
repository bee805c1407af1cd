// `clab init DIR`, run in-process: the folder it writes (package.json pinning this version, tsconfig, the
// model, its spec and test, README, .gitignore), the figures its test asserts (checked here on the model
// with its import pointed at this checkout), and its refusals: a non-empty folder, a file, no folder
// given, a path through a file, a dangling link, control characters (exit 2, nothing written). test/package/ installs such a folder from the packed package.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { packageName } from '../../checker/cli/init-files.ts';
import { main } from '../../checker/cli/main.ts';
import type { Model } from '../../checker/model.ts';
import { checkModel } from '../../checker/testing/index.ts';

const root = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

async function clab(cwd: string, ...args: string[]) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('clab init', () => {
  it('writes a model folder that pins this version of consensus-lab and ignores the trace folder', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'clab-init-'));
    const r = await clab(cwd, 'init', 'course/My Lock');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out.split('\n')).toEqual([
      'created course/My Lock: package.json, tsconfig.json, .gitignore, model.ts, model.spec, model.test.ts, README.md',
      'next:',
      "  cd 'course/My Lock'",
      '  npm install',
      '  npx clab check model.ts        # then see README.md',
      '  npm test',
    ]);
    const dir = join(cwd, 'course/My Lock');
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'README.md', 'model.spec', 'model.test.ts', 'model.ts', 'package.json', 'tsconfig.json']);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ name: 'my-lock', type: 'module', devDependencies: { '@types/node': '^20.19.0', 'consensus-lab': version, vitest: '4.1.12' } });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\nclab-traces/\n');
    expect(readFileSync(join(dir, 'model.ts'), 'utf8')).toContain("import { defineModel } from 'consensus-lab';");
    expect(readFileSync(join(dir, 'model.test.ts'), 'utf8')).toContain("import { checkModel } from 'consensus-lab/testing';");
    expect(readFileSync(join(dir, 'model.spec'), 'utf8')).toContain('model ./model.ts');
  });

  it("its model gives the figures its test and README state (20 states; the variant's 6-step trace)", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'clab-init-'));
    await clab(cwd, 'init', 'm');
    const dir = join(cwd, 'm');
    const text = readFileSync(join(dir, 'model.ts'), 'utf8').replace("from 'consensus-lab'", `from ${JSON.stringify(pathToFileURL(join(root, 'checker/index.ts')).href)}`);
    writeFileSync(join(dir, 'model.ts'), text);
    const model = ((await import(pathToFileURL(join(dir, 'model.ts')).href)) as { default: Model }).default;
    expect(await checkModel(model)).toMatchObject({ verdict: 'holds', states: 20, depth: 5 });
    const broken = await checkModel(model, { variant: 'check-then-lock' });
    expect(broken).toMatchObject({ verdict: 'violation', violated: 'mutualExclusion', traceLength: 6 });
    expect(broken.actions).toEqual(['p1 tries', 'p1 sees the lock free', 'p2 tries', 'p2 sees the lock free', 'p1 locks', 'p2 locks']);
    const test = readFileSync(join(dir, 'model.test.ts'), 'utf8');
    expect(test).toContain("toMatchObject({ verdict: 'holds', states: 20, depth: 5 })");
    expect(test).toContain("toMatchObject({ verdict: 'violation', violated: 'mutualExclusion', traceLength: 6 })");
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('npx clab check model.ts                          # holds: 20 states');
  });

  it('refuses a non-empty folder, a file and a missing argument: exit 2, nothing written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'clab-init-'));
    mkdirSync(join(cwd, 'mine'));
    writeFileSync(join(cwd, 'mine', 'notes.txt'), 'keep');
    const full = await clab(cwd, 'init', 'mine');
    expect([full.code, full.out, full.err.split('\n')]).toEqual([
      2,
      '',
      ['error: cannot init mine: the folder is not empty (it holds notes.txt)', 'hint: clab init writes only into a new or empty folder, so that nothing is overwritten; give another path'],
    ]);
    expect(readdirSync(join(cwd, 'mine'))).toEqual(['notes.txt']);
    const file = await clab(cwd, 'init', 'mine/notes.txt');
    expect([file.code, file.err.split('\n')[0]]).toEqual([2, 'error: cannot init mine/notes.txt: it exists and is a file, not a folder']);
    const none = await clab(cwd, 'init');
    expect([none.code, none.err.split('\n')[0]]).toEqual([2, 'error: init needs a folder to create']);
    expect(readFileSync(join(cwd, 'mine', 'notes.txt'), 'utf8')).toBe('keep');
  });

  it('refuses a folder it cannot create, at once (Node\'s recursive mkdir spun forever on /proc/x)', async () => {
    const r = await clab(tmpdir(), 'init', '/proc/clab-init-x');
    expect([r.code, r.err.split('\n')[0]]).toEqual([2, "error: cannot init /proc/clab-init-x: ENOENT: no such file or directory, mkdir '/proc/clab-init-x'"]);
  });

  it('refuses a path through a file, a dangling link, an empty path and control characters: exit 2, nothing written', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'clab-init-'));
    writeFileSync(join(cwd, 'notes.txt'), 'mine\n');
    symlinkSync(join(cwd, 'gone'), join(cwd, 'link'));
    const cases: [string, string][] = [
      // statSync threw ENOTDIR: an internal error with a stack trace.
      ['notes.txt/sub', `error: cannot init notes.txt/sub: ENOTDIR: not a directory, stat '${join(cwd, 'notes.txt/sub')}'`],
      // mkdir said EEXIST about a path that looks absent.
      ['link', `error: cannot init link: it is a symbolic link to ${join(cwd, 'gone')}, which does not exist`],
      // '' is the current folder to resolve(), which here is not empty: the refusal named no folder.
      ['', 'error: init needs a folder to create, and the path given is empty'],
      // A folder named with a newline or an escape sequence was created.
      ['a\nb', 'error: cannot init a\\x0ab: the path holds a control character (code 10, character 2 of the path)'],
      ['c\x1b[31m', 'error: cannot init c\\x1b[31m: the path holds a control character (code 27, character 2 of the path)'],
    ];
    for (const [target, first] of cases) {
      const r = await clab(cwd, 'init', target);
      expect([r.code, r.out, r.err.split('\n')[0]]).toEqual([2, '', first]);
    }
    expect(readdirSync(cwd).sort()).toEqual(['link', 'notes.txt']);
  });

  it('writes into the current folder when it is empty (init .)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'clab-init-'));
    const r = await clab(cwd, 'init', '.');
    expect([r.code, r.err, r.out.split('\n')[2]]).toEqual([0, '', '  cd .']);
    expect(readdirSync(cwd)).toHaveLength(7);
  });

  it("names the package after the folder, as npm allows names", () => {
    expect(['My Lock', 'raft_2', '..', 'Ünïcode', '-x-'].map(packageName)).toEqual(['my-lock', 'raft_2', 'my-model', 'n-code', 'x']);
  });
});
