// A saved lasso read back with `clab show` is marked as `clab check` printed it (a bar before each step of
// the cycle, the back edge after the last step), in the step list and with --full; and FLP's rounds, stored
// relative to the slowest process, print as absolute rounds that never go back from one step to the next.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { loadTrace } from '../../checker/trace/trace-file.ts';

const root = resolve(import.meta.dirname, '../..');
const committed = join(root, 'counterexamples/flp-termination.json');
const BACK = '└ back to step 3: steps 4..15 repeat forever from step 3';

/** The step list: from `Step 0` to the back edge. */
const stepList = (lines: readonly string[]) => lines.slice(lines.findIndex((l) => l.startsWith('Step 0')), lines.indexOf(BACK) + 1);

describe('clab show marks a lasso as clab check does', () => {
  it('the same step list, bars and back edge included', async () => {
    const check = memoryIo(root);
    await main(['check', 'flp', '--quiet', '--out', mkdtempSync(join(tmpdir(), 'clab-lasso-'))], check);
    const show = memoryIo(root);
    expect(await main(['show', committed, '--width', '200'], show)).toBe(0);
    const shown = stepList(show.stdout);
    expect(shown).toEqual(stepList(check.stdout.join('\n').split('\n')));
    expect(shown.filter((l) => /^│ Step \d+/.test(l)).map((l) => Number(/Step (\d+)/.exec(l)![1]))).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(shown).toContain('│ Step 4  p1 receives est(from=p2, v=1)');
    expect(shown[shown.length - 1]).toBe(BACK);
  }, 60_000);
  it('--full marks it too', async () => {
    const io = memoryIo(root);
    expect(await main(['show', committed, '--full', '--width', '120'], io)).toBe(0);
    expect(io.stdout).toContain('│ Step 15  p3 receives prop(from=p2, v=⊥)');
    expect(io.stdout).toContain('Step 3  p3 starts');
    expect(io.stdout[io.stdout.length - 1]).toBe(BACK);
  });
});

describe('FLP rounds are stable from step to step', () => {
  const steps = loadTrace(committed).steps.map((s) => s.state as Record<string, unknown>);
  const round = (v: unknown) => Number(/^r(\d+)\./.exec(String(v))?.[1] ?? NaN);
  it("no process's round goes back, and a message keeps the round it was sent in", () => {
    for (let i = 1; i < steps.length; i++) {
      for (const p of ['p1', 'p2', 'p3']) {
        if (Number.isNaN(round(steps[i - 1][p]))) continue;
        expect(round(steps[i][p]), `${p} at step ${i}`).toBeGreaterThanOrEqual(round(steps[i - 1][p]));
      }
      const before = new Set((steps[i - 1].msgs as object[]).map((m) => JSON.stringify(m)));
      const kept = (steps[i].msgs as { r: number }[]).filter((m) => before.has(JSON.stringify(m)));
      const sent = (steps[i].msgs as object[]).length - kept.length;
      // Every message either was in flight before (same round, same fields) or was sent at this step.
      expect(sent).toBeLessThanOrEqual(2);
    }
  });
  it('step 10, where the slowest process moves on, changes only p3 (it used to shift every round)', () => {
    expect([steps[9].p1, steps[9].p2, steps[9].p3]).toEqual(['r1.2 est=1 prop=1', 'r1.1 est=1', 'r0.2 est=0 prop=⊥']);
    expect([steps[10].p1, steps[10].p2, steps[10].p3]).toEqual(['r1.2 est=1 prop=1', 'r1.1 est=1', 'r1.1 est=0']);
    // The cycle returns to step 3's state two rounds on (the model counts rounds relative to the slowest).
    expect(steps[3]).toMatchObject({ p1: 'r0.1 est=1', p2: 'r0.1 est=1', p3: 'r0.1 est=0' });
    expect([steps[15].p1, steps[15].p2, steps[15].p3]).toEqual(['r2.1 est=1', 'r2.1 est=1', 'r2.1 est=0']);
  });
});

describe('clab replay says how the lasso repeats in the words the step list uses', () => {
  it('a cycle of steps', async () => {
    const io = memoryIo(root);
    expect(await main(['replay', committed, '--quiet'], io)).toBe(1);
    expect(io.stdout.at(-1)).toBe('✗ reproduced: temporal property termination is violated by a fair run: steps 4..15 lead back to the state of step 3 and repeat forever');
  }, 60_000);
  it('a run that ends in a final state (once "repeats steps 9..8")', async () => {
    const io = memoryIo(root);
    expect(await main(['replay', join(root, 'counterexamples/content-addressed-download-evil-tracker-eventuallyAssembled.json'), '--quiet'], io)).toBe(1);
    expect(io.stdout.at(-1)).toBe('✗ reproduced: temporal property eventuallyAssembled is violated by a fair run: the run stays in the state of step 8 forever (it has no successor)');
  }, 60_000);
});
