// `clab check` reports deadlocks by default (exit 1, the trace, the deadlocked state, a saved trace that
// `clab replay` confirms); --no-deadlock turns that off; a model that marks the state terminal holds.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';

const root = join(import.meta.dirname, '..', '..');
const model = 'test/fixtures/stairs-model.ts';
async function clab(...args: string[]) {
  const io = memoryIo(root);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

describe('deadlocks on the command line', { timeout: 60_000 }, () => {
  it('clab check: exit 1, the shortest trace and the deadlocked state; replay confirms it', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clab-deadlock-'));
    const r = await clab('check', model, '--out', out, '--no-typecheck');
    expect(r.code).toBe(1);
    expect(r.out.slice(0, 15)).toEqual([
      'stairs  jumpEnds=false',
      'invariants: bounded',
      '',
      '✗ deadlock after 2 steps: a reachable state has no successor and the model does not mark it terminal:',
      'Step 0  initial state',
      '    n = 0',
      'Step 1  c climbs',
      '    n: 0 → 1',
      'Step 2  c jumps',
      '    n: 1 → 7',
      '',
      'Deadlocked state (step 2), no action is enabled:',
      '    n = 7',
      "    (if the run is meant to end here, mark such states with the instance's terminal(s); or check with --no-deadlock)",
      `trace saved to ${relative(root, join(out, 'stairs-model-deadlock.json'))}  (replay: clab replay ${join(out, 'stairs-model-deadlock.json')} --model ${model})`,
    ]);
    const file = join(out, 'stairs-model-deadlock.json');
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    expect(trace.property).toEqual({ kind: 'deadlock', name: 'deadlock' });
    const replay = await clab('replay', file, '--model', model, '--quiet', '--no-typecheck');
    expect(replay.code).toBe(1);
    expect(replay.out).toEqual(['✗ reproduced: deadlock at step 2: no action is enabled and the model does not mark the state terminal']);
    // A chart of it says what it shows.
    expect((await clab('show', file, '--svg', join(out, 'd.svg'))).code).toBe(0);
    expect(readFileSync(join(out, 'd.svg'), 'utf8')).toContain('deadlock reached in 2 steps');
    // The same trace against a model that now marks the state terminal: no longer a deadlock.
    const fixed = join(out, 'fixed.json');
    writeFileSync(fixed, JSON.stringify({ ...trace, constants: { jumpEnds: true } }));
    const again = await clab('replay', fixed, '--model', model, '--json', '--no-typecheck');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out[0])).toMatchObject({ result: 'not-reproduced', length: 2 });
  });

  it('--json names it; --no-deadlock and a terminal marking both give "holds"', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clab-deadlock-'));
    const j = JSON.parse((await clab('check', model, '--json', '--out', out, '--no-typecheck')).out[0]);
    expect(j).toMatchObject({ result: 'violation', violation: { invariant: 'deadlock', deadlock: true, length: 2, traceFile: expect.stringMatching(/stairs-model-deadlock\.json$/) } });
    const off = await clab('check', model, '--json', '--no-deadlock', '--no-typecheck');
    expect(off.code).toBe(0);
    expect(JSON.parse(off.out[0])).toMatchObject({ result: 'holds', distinctStates: 6, statesGenerated: 6, depth: 5 });
    const marked = await clab('check', model, '--json', '--const', 'jumpEnds=true', '--no-typecheck');
    expect(marked.code).toBe(0);
    expect(JSON.parse(marked.out[0])).toMatchObject({ result: 'holds', distinctStates: 6 });
  });

  it('clab sweep counts a deadlocked cell as violated; --no-deadlock does not', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clab-deadlock-'));
    const r = await clab('sweep', model, '--param', 'jumpEnds=false,true', '--json', '--out', out, '--no-typecheck');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out.join('\n')).map((c: { result: string; violation?: object }) => [c.result, c.violation ?? null])).toEqual([
      ['violation', { invariant: 'deadlock', deadlock: true, length: 2, traceFile: relative(root, join(out, 'stairs-model-jumpEnds=false-deadlock.json')) }],
      ['holds', null],
    ]);
    expect((await clab('sweep', model, '--param', 'jumpEnds=false,true', '--no-deadlock', '--json', '--no-typecheck')).code).toBe(0);
  });

  it('clab simulate reports a walk that ends in a deadlock the same way', async () => {
    const out = mkdtempSync(join(tmpdir(), 'clab-deadlock-'));
    const r = await clab('simulate', model, '--seed', '1', '--runs', '20', '--json', '--out', out, '--no-typecheck');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out[0])).toMatchObject({ result: 'violation', violation: { invariant: 'deadlock', deadlock: true, seed: 2, length: 2 } });
    expect((await clab('simulate', model, '--seed', '1', '--runs', '20', '--no-deadlock', '--no-typecheck')).code).toBe(3);
  });
});
