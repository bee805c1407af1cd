// The real `clab` executable (bin/clab.js through tsx), as a user runs it: one process end to end.

import { spawnSync } from 'node:child_process';
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
