// Nothing a model, spec or trace says reaches the terminal as a control sequence: the supervisor writes
// every line through terminalSafe (colour codes pass; every other control character and bidi override is
// shown as a \u escape, which keeps JSON valid).

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../checker/cli/io.ts';

const root = join(import.meta.dirname, '..', '..');

describe('terminalSafe', () => {
  it('keeps colour codes, tabs and newlines; escapes every other control character', () => {
    expect(terminalSafe('\x1b[31mred\x1b[0m\tx\ny')).toBe('\x1b[31mred\x1b[0m\tx\ny');
    expect(terminalSafe('a\x1b]0;t\x07b\x1b[2Jc\x9bd\u202ee\rf')).toBe('a\\u001b]0;t\\u0007b\\u001b[2Jc\\u009bd\\u202ee\\u000df');
  });

  it('a JSON line stays valid JSON with the same value', () => {
    const value = { s: 'x\x9by\u202ez\u2066' };
    expect(JSON.parse(terminalSafe(JSON.stringify(value)))).toEqual(value);
  });
});

it('clab check on a model with escape sequences in its name and labels prints none of them', () => {
  const r = spawnSync(process.execPath, [join(root, 'bin/clab.js'), 'check', join(root, 'test/fixtures/hostile-names.ts')], { cwd: mkdtempSync(join(tmpdir(), 'clab-safe-')), encoding: 'utf8' });
  expect(r.status).toBe(1);
  // eslint-disable-next-line no-control-regex
  expect(r.stdout + r.stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
  expect(r.stdout).toContain('✗ invariant small is violated after 2 steps:');
  expect(r.stdout).toContain('hostile\\u001b]0;owned\\u0007\\u001b[2J\\u009b1m\\u202e');
}, 30_000);
