// The coverage line after `clab check`'s verdict, and the same figures in --json.

import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

async function clab(...args: string[]) {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.stdout };
}

describe('clab check: coverage', () => {
  it('prints new states by action after the verdict; --coverage adds the successors', async () => {
    const r = await clab('check', 'twophase');
    expect(r.code).toBe(0);
    expect(r.out.at(-1)).toBe(
      'coverage (new states by action): aborts, sends Abort 22 · prepares, sends Prepared 64 · chooses to abort 64 · receives Prepared 21 · receives Abort 108 · commits, sends Commit 1 · receives Commit 7',
    );
    const full = await clab('check', 'tcommit', '--coverage');
    expect(full.out.at(-1)).toBe('coverage (new states / successors by action): prepares 13 / 27 · decides 20 / 66');
  });

  it('--json carries the same figures; --coverage with --workers runs on one core, to count them', async () => {
    const j = JSON.parse((await clab('check', 'tcommit', '--coverage', '--json')).out[0]);
    expect(j.coverage).toEqual({ initialStates: 1, actions: [{ action: 'prepares', fired: 27, newStates: 13 }, { action: 'decides', fired: 66, newStates: 20 }] });
    const one = JSON.parse((await clab('check', 'twophase', '--coverage', '--json')).out[0]);
    const io = memoryIo();
    expect(await main(['check', 'twophase', '--coverage', '--json', '--workers', '2'], io)).toBe(0);
    expect(JSON.parse(io.stdout[0]).coverage).toEqual(one.coverage);
    expect(one.coverage.actions).toHaveLength(7);
    expect(io.stderr.join('\n')).toContain('--coverage is counted by the sequential search');
  });
});
