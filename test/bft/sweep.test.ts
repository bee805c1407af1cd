// `clab sweep`, in-process: the exact OM verdict table (model and spec), the threshold sentence derived
// from it, PBFT's table, exit codes, and bad input.

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

  it.each(['om', 'specs/om.spec'])('%s: the exact OM table, --json', async (target) => {
    const r = await sweep(target, '--param', 'n=3..7', '--param', 'm=1..2', '--json');
    expect(r.code).toBe(0);
    const cells = JSON.parse(r.stdout) as Cell[];
    expect(table(cells, 'm')).toEqual(omTable);
    expect(cells.map((c) => c.distinctStates)).toEqual([15, 69, 137, 285, 609, 34, 72, 413, 1319, 12982]);
    for (const c of cells.filter((x) => x.violation)) expect(existsSync(c.violation!.traceFile.startsWith('/') ? c.violation!.traceFile : join(process.cwd(), c.violation!.traceFile))).toBe(true);
  });

  it('prints the table and the threshold it found', async () => {
    const r = await sweep('om', '--param', 'n=3..7', '--param', 'm=1..2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('OM: smallest n that holds is 3m+1 for m = 1, 2');
    expect(r.stdout).toMatch(/m=1 +violated IC2 \(2 steps\) +holds/);
    expect(r.stdout).toContain('om-n3-m1-IC2.json');
  });

  it('PBFT: 3f+1 from the verdicts, invalid cells skipped on request', async () => {
    const r = await sweep('pbft', '--param', 'n=3..7', '--param', 'f=1..2', '--skip-invalid');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PBFT: smallest n that holds is 3f+1 for f = 1, 2');
    expect(r.stderr).toContain('skipped n=3 f=2');
    const t = await sweep('trusted-bft', '--param', 'n=2..3', '--param', 'f=1', '--json');
    expect((JSON.parse(t.stdout) as Cell[]).map((c) => c.result)).toEqual(['holds', 'holds']);
  });

  it('exit 3 when a cell is incomplete', async () => {
    const r = await sweep('om', '--param', 'n=7', '--param', 'm=2', '--max-states', '100', '--json');
    expect(r.code).toBe(3);
    expect((JSON.parse(r.stdout) as Cell[])[0].result).toBe('incomplete');
  });

  it.each([
    [['--param', 'n=7..3', '--param', 'm=1'], /range is empty/],
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
