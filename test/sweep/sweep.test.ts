// `clab sweep`, in-process: the exact OM verdict table (model and spec), the threshold sentence derived
// from it, PBFT's table, exit codes (1 if any cell is violated, 3 if none is but one is incomplete, 0 if
// every cell holds), and bad input.

import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const out = mkdtempSync(join(tmpdir(), 'clab-sweep-'));

async function sweep(...args: string[]) {
  const io = memoryIo();
  const code = await main(['sweep', ...args, '--out', out], io);
  return { code, stdout: io.stdout.join('\n'), stderr: io.stderr.join('\n') };
}

type Cell = { constants: Record<string, unknown>; result: string; distinctStates: number; seconds: number; violation?: { invariant: string; length: number; traceFile: string } };
const table = (cells: Cell[], row: string) =>
  cells.map((c) => `${row}=${c.constants[row]} n=${c.constants.n}: ${c.result}${c.violation ? ` ${c.violation.invariant}/${c.violation.length}` : ''}`);

describe('clab sweep', () => {
  const omTable = [
    'm=1 n=3: violation IC2/2', 'm=1 n=4: holds', 'm=1 n=5: holds', 'm=1 n=6: holds', 'm=1 n=7: holds',
    'm=2 n=3: violation IC2/3', 'm=2 n=4: violation IC2/4', 'm=2 n=5: violation IC2/8', 'm=2 n=6: violation IC2/10', 'm=2 n=7: holds',
  ];

  it.each(['om', 'specs/om.spec'])('%s: the exact OM table, --json; exit 1 (some cells are violated)', async (target) => {
    const r = await sweep(target, '--param', 'n=3..7', '--param', 'm=1..2', '--json');
    expect(r.code).toBe(1);
    const cells = JSON.parse(r.stdout) as Cell[];
    expect(table(cells, 'm')).toEqual(omTable);
    expect(cells.map((c) => c.distinctStates)).toEqual([15, 69, 137, 285, 609, 34, 72, 413, 1319, 12982]);
    for (const c of cells.filter((x) => x.violation)) expect(existsSync(c.violation!.traceFile.startsWith('/') ? c.violation!.traceFile : join(process.cwd(), c.violation!.traceFile))).toBe(true);
  });

  it('prints the table, the threshold it found and how many cells are violated', async () => {
    const r = await sweep('om', '--param', 'n=3..7', '--param', 'm=1..2');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('OM: smallest n that holds is 3m+1 for m = 1, 2');
    expect(r.stdout.split('\n').at(-1)).toBe('✗ 5 of 10 cells violated');
    expect(r.stdout).toMatch(/m=1 +violated IC2 \(2 steps\) +holds/);
    expect(r.stdout).toContain('om-n=3-m=1-IC2.json');
  });

  it('PBFT: 3f+1 from the verdicts, invalid cells skipped on request', async () => {
    const r = await sweep('pbft', '--param', 'n=3..7', '--param', 'f=1..2', '--skip-invalid');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('PBFT: smallest n that holds is 3f+1 for f = 1, 2');
    expect(r.stderr).toContain('skipped n=3 f=2');
    const t = await sweep('trusted-bft', '--param', 'n=2..3', '--param', 'f=1', '--json');
    expect(t.code).toBe(0);
    expect((JSON.parse(t.stdout) as Cell[]).map((c) => c.result)).toEqual(['holds', 'holds']);
    const human = await sweep('trusted-bft', '--param', 'n=2..3', '--param', 'f=1');
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n').at(-1)).toBe('✓ every cell holds');
  });

  it('exit 3 when a cell is incomplete and none is violated', async () => {
    const r = await sweep('om', '--param', 'n=7', '--param', 'm=2', '--max-states', '100', '--json');
    expect(r.code).toBe(3);
    expect((JSON.parse(r.stdout) as Cell[])[0].result).toBe('incomplete');
    const human = await sweep('om', '--param', 'n=7', '--param', 'm=2', '--max-states', '100');
    expect(human.code).toBe(3);
    expect(human.stdout.split('\n').at(-1)).toBe('? incomplete: 1 of 1 cells incomplete; no cell violated');
  });

  it('exit 1 when a cell is violated, even if another is incomplete', async () => {
    const r = await sweep('om', '--param', 'n=3,7', '--param', 'm=2', '--max-states', '100', '--json');
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Cell[]).map((c) => c.result)).toEqual(['violation', 'incomplete']);
  });

  it.each([
    [['--param', 'n=7..3', '--param', 'm=1'], /range is empty/],
    [['--param', 'n=3..100000000', '--param', 'm=1'], /^error: --param n=3\.\.100000000: constant 'n' = 100000000 is out of range\nhint: allowed: 2\.\.10$/],
    [['--param', 'n=3..99999999999999999999'], /^error: --param n=3\.\.99999999999999999999: a bound is beyond the exact integers/],
    [['--param', 'k=3..4'], /has no constant 'k'/],
    [['--param', 'n=2..4', '--param', 'm=1..2'], /invalid: n=2 m=2 \(.*m \(traitors, 2\) must be less than n/],
    [['--param', 'n=3', '--param', 'n=4'], /given twice/],
    [['--param', 'traitorCommander=1..2'], /needs an integer constant/],
    [['--param', 'n=3', '--const', 'n=4'], /both swept/],
    [[], /at least one --param/],
  ])('bad input %j: exit 2', async (args, message) => {
    const r = await sweep('om', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
