// A spec invariant written as an implication `P => Q` that holds only because P is never true warns, with
// the premise and its place in the spec; one whose premise is reached does not.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const spec = [
  'spec vac',
  'model twophase',
  '',
  'invariant commitNeedsAll: tmState = "committed" => tmPrepared = rms',
  'invariant typo: tmState = "comitted" => size(tmPrepared) > 100',
  'invariant plain: size(tmPrepared) <= 3',
  '',
].join('\n');

describe('vacuous implications', () => {
  it('warns about the invariant whose premise no reachable state satisfies, and only that one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clab-vacuity-'));
    writeFileSync(join(dir, 'vac.spec'), spec);
    const io = memoryIo(dir);
    expect(await main(['check', 'vac.spec'], io)).toBe(0);
    expect(io.stdout.filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: vac.spec:5:17: invariant typo holds vacuously: its premise tmState = "comitted" is false in every reachable state',
    ]);
    const json = memoryIo(dir);
    expect(await main(['check', 'vac.spec', '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout[0]).vacuous).toEqual([{ invariant: 'typo', premise: 'tmState = "comitted"', location: 'vac.spec:5:17' }]);
    // Checked alone, the reached premise gives no warning.
    const one = memoryIo(dir);
    expect(await main(['check', 'vac.spec', '--invariant', 'commitNeedsAll', '--json'], one)).toBe(0);
    expect(JSON.parse(one.stdout[0]).vacuous).toBeUndefined();
  });
});
