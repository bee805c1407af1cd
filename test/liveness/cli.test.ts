// The liveness checker through the CLI: `clab check --json` carries violation.loopStart, `clab replay`
// re-executes the committed FLP lasso (and rejects one whose cycle does not close), `clab valence --json`.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const root = resolve(import.meta.dirname, '../..');
const committed = join(root, 'counterexamples/flp-termination.json');

describe('clab check with temporal properties', () => {
  it('--json reports the lasso: length 15, loopStart 3, exit 1', async () => {
    const io = memoryIo(root);
    const out = mkdtempSync(join(tmpdir(), 'clab-live-'));
    const code = await main(['check', 'flp', '--json', '--quiet', '--out', out], io);
    expect(code).toBe(1);
    const j = JSON.parse(io.stdout[0]);
    expect(j.result).toBe('violation');
    expect(j.violation).toMatchObject({ property: 'termination', kind: 'temporal', length: 15, loopStart: 3 });
    expect(j.temporal).toEqual([{ name: 'termination', kind: 'eventually', result: 'violation', length: 15, loopStart: 3 }]);
  });
  it('the majority variant fails agreement instead', async () => {
    const io = memoryIo(root);
    const out = mkdtempSync(join(tmpdir(), 'clab-live-'));
    expect(await main(['check', 'flp', '--variant', 'majority', '--json', '--quiet', '--out', out], io)).toBe(1);
    expect(JSON.parse(io.stdout[0]).violation).toMatchObject({ invariant: 'agreement', length: 5 });
  });
  it('human output marks the cycle and, with --valence, each step', async () => {
    const io = memoryIo(root);
    const out = mkdtempSync(join(tmpdir(), 'clab-live-'));
    await main(['check', 'flp', '--quiet', '--valence', '--out', out], io);
    const text = io.stdout.join('\n');
    expect(text).toContain('└ back to step 3: steps 4..15 repeat forever from step 3');
    expect(text).toContain('Step 0  initial state  [bivalent]');
  });
});

describe('specs/flp.spec', () => {
  it('checks the termination property through the spec language (nothing left unchecked)', async () => {
    const io = memoryIo(root);
    const out = mkdtempSync(join(tmpdir(), 'clab-live-'));
    expect(await main(['check', 'specs/flp.spec', '--json', '--quiet', '--out', out], io)).toBe(1);
    const j = JSON.parse(io.stdout[0]);
    expect(j.unchecked).toBeUndefined();
    expect(j.violation).toMatchObject({ property: 'termination', kind: 'temporal', length: 15, loopStart: 3 });
    expect(j.witnesses).toEqual([
      { name: 'decidesZero', reachable: true, length: 5 },
      { name: 'decidesOne', reachable: true, length: 5 },
    ]);
  });
});

describe('clab replay of a lasso', () => {
  it('reproduces the committed FLP counterexample', async () => {
    const io = memoryIo(root);
    expect(await main(['replay', committed, '--json'], io)).toBe(1);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ result: 'reproduced', length: 15, loopStart: 3 });
  });
  it('rejects a lasso whose cycle does not close', async () => {
    const t = JSON.parse(readFileSync(committed, 'utf8'));
    const file = join(mkdtempSync(join(tmpdir(), 'clab-live-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ ...t, loopStart: 2 }));
    const io = memoryIo(root);
    expect(await main(['replay', file, '--json'], io)).toBe(2);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ result: 'invalid', step: 15 });
  });
});

describe('clab valence', () => {
  it('--json gives the exact counts', async () => {
    const io = memoryIo(root);
    expect(await main(['valence', 'flp', '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ distinctStates: 4924, valence: { zero: 2699, one: 1391, bivalent: 834, none: 0 }, bivalentInitial: 3 });
  });
  it('a model without a decision view is a clear error (exit 2)', async () => {
    const io = memoryIo(root);
    expect(await main(['valence', 'twophase'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('no `decision` view');
  });
});
