// consensus-lab as a user gets it: the package is built (scripts/build-package.mjs) and packed (npm pack)
// in a temporary folder, `clab init` (the packed JavaScript, not the sources) writes a model folder outside
// the checkout, the folder installs the tarball from the local npm cache only, and then, in that folder, as
// its README says: tsc type-checks the model against the package's declarations (a wrong model is an error,
// so the types are real), `npx clab check` gives the exact verdict and count, a violation's trace replays,
// and the folder's own vitest tests (consensus-lab/testing) pass.
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

// Measured alone: 16 s on two cores (build 3 s, pack 1.5 s, install 3 s, tsc 1.5 s, four clab runs and
// vitest 1-2 s each), 30 s with other work on the machine; 150 s is 5x the slower figure.
const TIMEOUT = 150_000;

// The children are a user's commands, not part of this test run: vitest's own variables are left out, and
// their output is plain text.
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !['NODE_ENV', 'FORCE_COLOR'].includes(k))), NO_COLOR: '1' };

function run(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
}

/** A command that must succeed; its output when it does not. */
function ok(cmd: string, args: readonly string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

it(
  'a folder made by clab init installs the packed package offline, type-checks, checks, replays and passes its own tests',
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
        'package.json', 'README.md', 'CHANGELOG.md', 'bin/clab.js', 'specs/paxos.spec',
        'dist/checker/index.js', 'dist/checker/index.d.ts', 'dist/checker/testing/index.js', 'dist/checker/testing/index.d.ts',
        'dist/checker/cli/cli-worker-entry.mjs', 'dist/checker/search/parallel/worker-entry.mjs', 'dist/checker/search/simulation/swarm-worker-entry.mjs',
        'dist/models/paxos.js',
      ]) expect(files).toContain(f);
      expect(files.filter((f) => /^(test|bench|checker|models|scripts)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
      expect(files.some((f) => f.startsWith('dist/checker/cli/') && f.endsWith('.d.ts'))).toBe(false);

      // clab init, run from the built package (its tsx and chalk from this checkout's node_modules).
      symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'junction');
      const user = join(work, 'my-model');
      expect(ok(process.execPath, [join(stage, 'bin/clab.js'), 'init', 'my-model'], work).split('\n')[0]).toBe(
        'created my-model: package.json, tsconfig.json, .gitignore, model.ts, model.spec, model.test.ts, README.md',
      );
      const pkg = JSON.parse(readFileSync(join(user, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
      expect(pkg.devDependencies).toEqual({ 'consensus-lab': version, vitest: '4.1.12' });
      expect(readFileSync(join(user, '.gitignore'), 'utf8')).toBe('node_modules/\nclab-traces/\n');

      // Install: the tarball in place of the registry's copy, everything else from the cache.
      pkg.devDependencies['consensus-lab'] = `file:../${packed.filename}`;
      writeFileSync(join(user, 'package.json'), JSON.stringify(pkg, null, 2));
      writeFileSync(join(user, 'package-lock.json'), JSON.stringify(offlineLock(root, pkg, packed.integrity), null, 2));
      ok('npm', ['ci', '--offline', '--no-audit', '--no-fund'], user);

      // Type-checked against the package's declarations: the folder's files pass, and a wrong model beside
      // them is the one error (so the types are real, not `any`). One tsc run for both.
      writeFileSync(join(user, 'wrong.ts'), "import { defineModel } from 'consensus-lab';\nexport default defineModel({ name: 'w', summary: '', constants: { n: { kind: 'int', default: 'three', description: '' } }, instantiate: () => ({ init: () => [0], next: () => [], invariants: {} }) });\n");
      const tsc = run('npx', ['tsc'], user);
      expect([tsc.status, tsc.stdout.split('\n').filter((l) => /error TS/.test(l))]).toEqual([1, ["wrong.ts(2,67): error TS2322: Type '{ kind: \"int\"; default: string; description: string; }' is not assignable to type 'ConstantDecl'."]]);
      rmSync(join(user, 'wrong.ts'));

      const holds = run('npx', ['clab', 'check', 'model.ts'], user);
      expect([holds.status, holds.stderr]).toEqual([0, '']);
      expect(holds.stdout).toContain('✓ 1 invariant(s) hold on every reachable state (search complete)\n20 distinct states, 49 generated, depth 5, ');
      const broken = run('npx', ['clab', 'check', 'model.ts', '--variant', 'check-then-lock'], user);
      expect(broken.status).toBe(1);
      expect(broken.stdout).toContain('✗ invariant mutualExclusion is violated after 6 steps:');
      expect(broken.stdout).toContain('trace saved to clab-traces/model-check-then-lock-mutualExclusion.json');
      const replay = run('npx', ['clab', 'replay', 'clab-traces/model-check-then-lock-mutualExclusion.json', '--model', 'model.ts'], user);
      expect([replay.status, replay.stdout.trimEnd().split('\n').at(-1)]).toEqual([1, '✗ reproduced: invariant mutualExclusion is violated at step 6']);

      const tests = run('npx', ['vitest', 'run'], user);
      expect(tests.status, tests.stdout + tests.stderr).toBe(0);
      expect(tests.stdout).toMatch(/Tests +3 passed \(3\)/);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
  TIMEOUT,
);
