// The real `clab` executable (bin/clab.js through tsx), as a user runs it: one process end to end.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

it('bin/clab.js checks a shipped model and exits 0, plain output when not a terminal', () => {
  const r = spawnSync(process.execPath, [join(root, 'bin/clab.js'), 'check', 'twophase', '--const', 'rms=4'], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('1,568 distinct states, 8,258 generated, depth 14');
  expect(r.stdout).not.toContain('\x1b[');
  expect(r.stderr).toBe('');
});

it('bin/clab.js exits 2 with a one-line error for an unknown model', () => {
  const r = spawnSync(process.execPath, [join(root, 'bin/clab.js'), 'check', 'nosuch'], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr.split('\n')[0]).toBe("error: unknown model 'nosuch'");
});

it('bin/clab.js runs as an executable through its #! line (node with --single-threaded-gc), as npx runs it', () => {
  const r = spawnSync(join(root, 'bin/clab.js'), ['check', 'twophase', '--const', 'rms=3', '--workers', '2'], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('288 distinct states, 1,146 generated, depth 11');
  expect(r.stderr).toBe('');
});

it('a .ts model file outside an ES-module package (Node takes it for CommonJS) loads and checks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clab-cjs-'));
  // Re-exporting a shipped model, searched by worker threads that load it too (once "loaded as CommonJS", exit 2), and a model with type annotations and
  // no imports (once "Unexpected identifier 'Pc'"), each in a folder without a package.json.
  writeFileSync(join(dir, 'model.ts'), `export { default } from '${join(root, 'models/twophase.ts')}';\n`);
  writeFileSync(
    join(dir, 'typed.ts'),
    [
      'type Pc = { readonly n: number };',
      'const model = {',
      "  name: 'typed', summary: 'a counter to 3', constants: {},",
      '  instantiate: () => ({',
      '    init: (): Pc[] => [{ n: 0 }],',
      "    next: (s: Pc) => (s.n < 3 ? [{ action: { kind: 'inc' }, state: { n: s.n + 1 } }] : []),",
      "    invariants: { small: { description: 'n stays below 5', holds: (s: Pc) => s.n < 5 } },",
      '    terminal: () => true,',
      '  }),',
      '};',
      'export default model;',
      '',
    ].join('\n'),
  );
  const r = spawnSync(process.execPath, [join(root, 'bin/clab.js'), 'check', 'model.ts', '--no-typecheck', '--workers', '2'], { cwd: dir, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('288 distinct states, 1,146 generated, depth 11');
  const typed = spawnSync(process.execPath, [join(root, 'bin/clab.js'), 'check', 'typed.ts'], { cwd: dir, encoding: 'utf8' });
  expect(typed.stderr).toBe('');
  expect(typed.status).toBe(0);
  expect(typed.stdout).toContain('4 distinct states, 4 generated, depth 4');
}, 60_000);
