// consensus-lab as a user gets it: the package is built (scripts/build-package.mjs) and packed (npm pack)
// in a temporary folder, `clab init` (the packed JavaScript, not the sources) writes a model folder outside
// the checkout, the folder installs the tarball from the local npm cache only, and then, in that folder, as
// README's tutorial says (a model of Raft's leader election, "A model of your own"): its code blocks become
// the files they name, tsc type-checks them and clab init's files against the package's declarations (a
// wrong model is an error, so the types are real), and each command the tutorial shows must print what it
// shows: `npx clab check` the exact verdict, count and trace, `npx clab replay` the violation reproduced,
// `npm test` the folder's own vitest tests passing (clab init's and the tutorial's, through
// consensus-lab/testing).
//
// One install serves every assertion: the whole path is one test. The folder installs with `npm ci
// --offline` and a lock made from this checkout's (offline-lock.ts): the cache holds the tarballs but not
// the registry metadata a lock-less install needs.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { offlineLock } from './offline-lock.ts';

const root = join(import.meta.dirname, '..', '..');

// Measured: 18 s of CPU (build 3 s, pack 1.5 s, install 3 s, tsc 1.5 s, three clab runs, each with its
// type check, and vitest 1.5-2 s each); 58 s of wall time with the machine's load average at 12. 300 s is 5x
// that.
const TIMEOUT = 300_000;

// The children are a user's commands, not part of this test run: vitest's own variables are left out, and
// their output is plain text.
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !['NODE_ENV', 'FORCE_COLOR'].includes(k))), NO_COLOR: '1' };

function run(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
}

const PROMPT = '~/raft$ ';

/**
 * README's tutorial: its files (each ```ts <file> block, joined in order) and its commands (each ```console
 * block whose first line is PROMPT and a command, with the output shown after it).
 */
function tutorial(): { files: Map<string, string>; commands: { command: string; expected: string[] }[] } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## A model of your own\n');
  const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const files = new Map<string, string>();
  const commands: { command: string; expected: string[] }[] = [];
  for (const [, lang, file, body] of section.matchAll(/```(\w+)(?: (\S+))?\n([\s\S]*?)```/g)) {
    if (lang === 'ts' && file) files.set(file, (files.get(file) ?? '') + body + '\n');
    const [first, ...rest] = body.replace(/\n$/, '').split('\n');
    if (lang === 'console' && first.startsWith(PROMPT)) commands.push({ command: first.slice(PROMPT.length), expected: rest });
  }
  return { files, commands };
}

/** What differs from run to run: timings. */
const mask = (l: string) => l.replace(/\d+\.\d+ s \([\d,]+ states\/s\)/g, 'T s (R states/s)').replace(/passed in \d+\.\d+ s/, 'passed in T s').trimEnd();

/** Output lines against shown ones: a line `...` stands for any lines, `...` inside a line for any text. */
function shownAs(actual: string[], shown: string[]): boolean {
  const like = (a: string, e: string) => new RegExp(`^${e.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(a);
  const go = (i: number, j: number): boolean => {
    if (j === shown.length) return i === actual.length;
    if (shown[j] === '...') return Array.from({ length: actual.length - i + 1 }, (_, k) => i + k).some((k) => go(k, j + 1));
    return i < actual.length && like(mask(actual[i]), mask(shown[j])) && go(i + 1, j + 1);
  };
  return go(0, 0);
}

/** A command that must succeed; its output when it does not. */
function ok(cmd: string, args: readonly string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

it(
  "a folder made by clab init installs the packed package offline; there README's tutorial type-checks, checks, replays and passes its tests",
  () => {
    const work = mkdtempSync(join(tmpdir(), 'clab-package-'));
    try {
      const stage = join(work, 'consensus-lab');
      ok(process.execPath, [join(root, 'scripts/build-package.mjs'), '--into', stage], work);
      const [packed] = JSON.parse(ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], stage)) as { filename: string; integrity: string; version: string; files: { path: string }[] }[];
      const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
      expect(packed.filename).toBe(`consensus-lab-${version}.tgz`);

      // The tarball: compiled code, declarations for the entry points, the worker threads' entry files,
      // what the command reads at run time; no sources, tests or benchmarks.
      const files = packed.files.map((f) => f.path);
      for (const f of [
        'package.json', 'README.md', 'CHANGELOG.md', 'bin/clab.js', 'specs/paxos.spec', 'docs/fast-models.md',
        'dist/checker/index.js', 'dist/checker/index.d.ts', 'dist/checker/testing/index.js', 'dist/checker/testing/index.d.ts',
        'dist/checker/cli/cli-worker-entry.mjs', 'dist/checker/search/parallel/worker-entry.mjs', 'dist/checker/search/simulation/swarm-worker-entry.mjs',
        'dist/models/paxos.js', 'dist/checker/grade/sandbox/runner.mjs',
        'exercises/example-mutex/exercise.json', 'exercises/example-mutex/starter/mutex.ts', 'exercises/example-mutex/tests/public/inside.spec',
      ]) expect(files).toContain(f);
      // Exercises ship their starter files and instructor models as they are (.ts), never a solution or hidden checks.
      expect(files.filter((f) => /^(test|bench|checker|models|scripts)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('exercises/')))).toEqual([]);
      expect(files.filter((f) => /^exercises\/[^/]+\/(solution|tests\/hidden)\//.test(f))).toEqual([]);
      expect(files.some((f) => f.startsWith('dist/checker/cli/') && f.endsWith('.d.ts'))).toBe(false);

      // clab init, run from the built package (its tsx and chalk from this checkout's node_modules).
      symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'junction');
      const user = join(work, 'my-model');
      expect(ok(process.execPath, [join(stage, 'bin/clab.js'), 'init', 'my-model'], work).split('\n')[0]).toBe(
        'created my-model: package.json, tsconfig.json, .gitignore, model.ts, model.spec, model.test.ts, README.md',
      );
      const pkg = JSON.parse(readFileSync(join(user, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
      expect(pkg.devDependencies).toEqual({ '@types/node': '^20.19.0', 'consensus-lab': version, vitest: '4.1.12' });
      expect(readFileSync(join(user, '.gitignore'), 'utf8')).toBe('node_modules/\nclab-traces/\n');

      // Install: the tarball in place of the registry's copy, everything else from the cache.
      pkg.devDependencies['consensus-lab'] = `file:../${packed.filename}`;
      writeFileSync(join(user, 'package.json'), JSON.stringify(pkg, null, 2));
      writeFileSync(join(user, 'package-lock.json'), JSON.stringify(offlineLock(root, pkg, packed.integrity), null, 2));
      ok('npm', ['ci', '--offline', '--no-audit', '--no-fund'], user);

      // README's tutorial files, beside the ones clab init wrote.
      const guide = tutorial();
      expect([...guide.files.keys()]).toEqual(['raft.ts', 'raft.test.ts']);
      for (const [file, text] of guide.files) writeFileSync(join(user, file), text);

      // Type-checked against the package's declarations: the folder's files pass, and a wrong model beside
      // them is the one error (so the types are real, not `any`). One tsc run for both.
      writeFileSync(join(user, 'wrong.ts'), "import { defineModel } from 'consensus-lab';\nexport default defineModel({ name: 'w', summary: '', constants: { n: { kind: 'int', default: 'three', description: '' } }, instantiate: () => ({ init: () => [0], next: () => [], invariants: {} }) });\n");
      const tsc = run('npx', ['tsc'], user);
      expect([tsc.status, tsc.stdout.split('\n').filter((l) => /error TS/.test(l))]).toEqual([1, ["wrong.ts(2,67): error TS2322: Type '{ kind: \"int\"; default: string; description: string; }' is not assignable to type 'ConstantDecl'."]]);
      rmSync(join(user, 'wrong.ts'));

      // The tutorial's commands, in order; `npm test` runs the folder's tests, clab init's and the tutorial's.
      expect(guide.commands.map((c) => c.command.split(' ').slice(0, 2).join(' '))).toEqual(['npx clab', 'npx clab', 'npx clab', 'npm test']);
      for (const { command, expected } of guide.commands) {
        const [cmd, ...args] = command.split(' ');
        const r = run(cmd, args, user);
        const out = r.stdout.trimEnd().split('\n');
        expect(shownAs(out, expected), `${command} printed:\n${r.stdout}${r.stderr}`).toBe(true);
        expect(r.status, `${command}: exit ${r.status}\n${r.stderr}`).toBe(expected.some((l) => l.startsWith('✗ ')) ? 1 : 0);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
  TIMEOUT,
);

it('scripts/build-package.mjs refuses arguments it does not know: exit 2 with its usage, nothing built', () => {
  const r = run(process.execPath, [join(root, 'scripts/build-package.mjs'), '--out', 'x'], tmpdir());
  expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'error: unexpected arguments: --out x\nusage: node scripts/build-package.mjs [--into DIR]\n']);
});
