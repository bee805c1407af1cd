// `clab simulate` and `clab sweep` at their limits, in-process: no violation is "incomplete" (exit 3,
// "this is not a proof"); a huge --depth is refused, a long walk stops at its time limit; a huge sweep
// range streams and stops cleanly at the time limit, an interrupt, an invalid cell or the cell limit; a
// stop requested from inside the model (as Ctrl-C does through the supervisor) gives the report so far
// and exit 3. The model is test/fixtures/stop-model.ts (a counter that can ask to stop, or be slow).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../checker/cli/main.ts';
import { memoryIo } from '../../checker/cli/io.ts';
import { sweepLimits, MAX_SWEEP_CELLS } from '../../checker/cli/commands/sweep.ts';
import { clearStop } from '../../checker/search/interrupt.ts';
import { simulate } from '../../checker/search/simulation/simulate.ts';

const root = join(import.meta.dirname, '..', '..');
const model = 'test/fixtures/stop-model.ts';
const out = mkdtempSync(join(tmpdir(), 'clab-simsweep-'));
async function clab(...args: string[]) {
  const io = memoryIo(root);
  const code = await main([...args, '--out', out], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

afterEach(() => {
  clearStop();
  sweepLimits.maxCells = MAX_SWEEP_CELLS;
});

type Cell = { constants: { size: number }; result: string; bound?: string };

describe('clab simulate: verdicts and exit codes', () => {
  it('no violation found: incomplete, exit 3, "this is not a proof"', async () => {
    const r = await clab('simulate', 'paxos', '--seed', '1', '--runs', '20', '--depth', '30');
    expect(r.code).toBe(3);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^paxos: 20 random walks of up to 30 steps \(600 steps, seed 1, \d+\.\d\d s\)$/);
    expect(lines[1]).toBe('? incomplete: no violation in 20 random runs; this is not a proof');
    const j = await clab('simulate', 'paxos', '--seed', '1', '--runs', '20', '--depth', '30', '--json');
    expect(j.code).toBe(3);
    expect(JSON.parse(j.out)).toMatchObject({ result: 'incomplete', bound: 'runs', reason: 'no violation in 20 random runs; this is not a proof', runs: 20, runsAsked: 20, depth: 30, steps: 600, timedOut: false });
  });

  it('a violation: exit 1, minimised, with the seed that reproduces it', async () => {
    const r = await clab('simulate', 'paxos', '--variant', 'ignore-accepted', '--seed', '1', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ result: 'violation', violation: { invariant: 'agreement', run: 2, seed: 3, rawLength: 26, length: 12, minimized: true } });
  });

  it('a violation longer than the minimiser takes is kept raw, with a note, exit 1', async () => {
    const r = await clab('simulate', model, '--const', 'violateAt=1500', '--depth', '2000', '--seed', '1', '--runs', '1', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ result: 'violation', violation: { invariant: 'belowViolateAt', run: 0, rawLength: 1500, length: 1500, minimized: false } });
    expect(r.err).toBe('note: the trace is not minimised: 1,500 steps is over the 1,000 the minimiser takes');
  });

  it.each([
    [['--depth', '1000000000'], "error: --depth expects an integer in 0..1,000,000, got '1000000000'\nhint: a walk that breaks an invariant is held in memory step by step, so a walk is at most 1,000,000 steps; for more coverage give more --runs (and a --time-limit)"],
    [['--runs', '4294967297'], "error: --runs expects an integer in 1..4294967296, got '4294967297'\nhint: run i uses seed S+i (mod 2^32): more runs would repeat walks"],
    [['--swarm', '--workers', '100000'], "error: --workers expects an integer in 1..256, got '100000'"],
  ])('hostile %j: exit 2 before any walk', async (args, message) => {
    const r = await clab('simulate', 'paxos', '--time-limit', '1', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(message);
  });
});

describe('clab simulate: stopping inside a walk', () => {
  it('the time limit stops one long walk (a slow model, a million steps asked): exit 3 with the figures so far', async () => {
    // 50 µs a step: the walk would take 50 s; the limit is 0.3 s.
    const r = await clab('simulate', model, '--const', 'spinMicros=50', '--depth', '1000000', '--runs', '3', '--seed', '1', '--time-limit', '0.3', '--json');
    expect(r.code).toBe(3);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ result: 'incomplete', bound: 'time-limit', runs: 0, runsAsked: 3, timedOut: true, reason: 'time limit reached after 0 of 3 runs; no violation in 0 random runs; this is not a proof' });
    expect(j.steps).toBeGreaterThan(0);
    expect(j.steps).toBeLessThan(1_000_000);
    expect(j.seconds).toBeLessThan(5);
  }, 20_000);

  it('an interrupt requested from inside the model stops the walk: the report says so, exit 3', async () => {
    const r = await clab('simulate', model, '--const', 'stopAt=3000', '--depth', '1000000', '--runs', '5', '--seed', '1');
    expect(r.code).toBe(3);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^stopper: 0 random walks of up to 1,000,000 steps \(3,0\d\d steps, seed 1, \d+\.\d\d s\)$/);
    expect(lines[1]).toBe('? incomplete: interrupted after 0 of 5 runs; no violation in 0 random runs; this is not a proof');
  });

  it('the interrupt under --json: the usual object, bound "interrupted"', async () => {
    const r = await clab('simulate', model, '--const', 'stopAt=100', '--depth', '1000', '--runs', '50', '--seed', '1', '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ result: 'incomplete', bound: 'interrupted', runs: 0, runsAsked: 50, timedOut: false });
  });

  it('--swarm: a stop asked in one worker stops them all, exit 3', async () => {
    const r = await clab('simulate', model, '--const', 'stopAt=3000', '--depth', '1000000', '--runs', '4', '--seed', '1', '--swarm', '--workers', '2', '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject({ result: 'incomplete', bound: 'interrupted', runs: 0, runsAsked: 4 });
  }, 30_000);

  it('a violating walk is rebuilt from its seed, step for step (engine)', async () => {
    const { loadPlan, configure } = await import('../../checker/load/configure.ts');
    const cfg = configure(await loadPlan(model, root), ['violateAt=40'], undefined, []);
    const r = simulate(cfg.instance, { invariants: cfg.properties.invariants, seed: 9, runs: 1, depth: 100 });
    const path = r.violation!.path as { action: { kind: string } | null; state: { n: number } }[];
    expect(path.map((s) => s.state.n)).toEqual(Array.from({ length: 41 }, (_, i) => i));
    expect(new Set(path.slice(1).map((s) => s.action!.kind))).toEqual(new Set(['tick', 'tock']));
    expect(r.steps).toBe(40);
  });
});

describe('simulate (engine): a walk that does not replay from its seed', () => {
  it('is a ModelError naming the seed and the step, not a wrong trace', () => {
    // next() depends on how often it was called: walked again, the same seed takes other steps.
    let calls = 0;
    const inst = {
      init: () => [{ n: 0 }],
      next: (s: { n: number }) => [{ action: { kind: 'step' }, state: { n: s.n + (calls++ < 5 ? 1 : 2) } }],
      invariants: {},
    };
    const broken = { name: 'not5', holds: (s: { n: number }) => s.n !== 5 };
    expect(() => simulate(inst, { invariants: [broken], seed: 1, runs: 1, depth: 10 })).toThrow(
      'the walk from seed 1 broke not5 at step 5, but walked again from the same seed it reached step 5 without breaking it',
    );
  });
});

describe('clab sweep: streamed cells and clean stops', () => {
  it('a range of 100,000,000 cells streams until the time limit: exit 3, the cells run reported', async () => {
    const r = await clab('sweep', model, '--param', 'size=1..100000000', '--time-limit', '0.5', '--json');
    expect(r.code).toBe(3);
    const cells = JSON.parse(r.out) as Cell[];
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.map((c) => c.constants.size)).toEqual(cells.map((_, i) => i + 1));
    expect(r.err).toMatch(/^note: the sweep stopped \(time limit reached\): [\d,]+ of 100,000,000 cells reached, [\d,]+ not run$/);
  }, 20_000);

  it('an interrupt during a cell: that cell is incomplete (interrupted), the rest not run, exit 3', async () => {
    const r = await clab('sweep', model, '--param', 'size=5000..100000000', '--const', 'stopAt=1500', '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.out)).toMatchObject([{ constants: { size: 5000 }, result: 'incomplete', bound: 'interrupted' }]);
    expect(r.err).toBe('note: the sweep stopped (interrupted): 1 of 99,995,001 cells reached, 99,995,000 not run');
  });

  it('an interrupt between cells: the human table shows the cells not run, exit 3', async () => {
    const r = await clab('sweep', model, '--param', 'size=1..10', '--const', 'stopAt=5');
    expect(r.code).toBe(3);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('stopper: sweep over size (10 cells, 4 not run)');
    expect(lines[2]).toMatch(/^ {2}holds( +holds){5} +not run +not run +not run +not run$/);
    expect(lines).toContain('STOPPER: smallest size that holds: unknown (a cell is incomplete or was not run)');
    expect(lines.at(-1)).toBe('? incomplete: stopped (interrupted) with 4 of 10 cells not run; no cell violated');
  });

  it('an invalid cell in a streamed grid stops it after reporting the cells before it: exit 2', async () => {
    const r = await clab('sweep', model, '--param', 'size=1..2000', '--const', 'forbid=3', '--json');
    expect(r.code).toBe(2);
    expect((JSON.parse(r.out) as Cell[]).map((c) => c.constants.size)).toEqual([1, 2]);
    expect(r.err).toBe("error: combination size=3 is invalid: invalid constants for 'stopper': size may not equal forbid (3) (the 2 cells before it are reported above)\nhint: narrow the --param ranges, or pass --skip-invalid to skip such combinations");
  });

  it('a small grid is still checked whole before any search', async () => {
    const r = await clab('sweep', model, '--param', 'size=1..20', '--const', 'forbid=3', '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')[0]).toBe("error: 1 of 20 combinations are invalid: size=3 (invalid constants for 'stopper': size may not equal forbid (3))");
  });

  it('the per-sweep cell limit stops a sweep cleanly: exit 3', async () => {
    sweepLimits.maxCells = 3;
    const r = await clab('sweep', model, '--param', 'size=1..100000000', '--json');
    expect(r.code).toBe(3);
    expect((JSON.parse(r.out) as Cell[]).map((c) => c.result)).toEqual(['holds', 'holds', 'holds']);
    expect(r.err).toBe('note: the sweep stopped (the limit of 3 cells per sweep): 3 of 100,000,000 cells reached, 99,999,997 not run');
  });

  it('a grid whose cells cannot be numbered is refused: exit 2', async () => {
    const r = await clab('sweep', model, '--param', 'size=1..100000000', '--param', 'violateAt=1..100000000', '--param', 'stopAt=1..100000000');
    expect(r.code).toBe(2);
    expect(r.err).toBe('error: the sweep has more than 9007199254740991 combinations (size: 100000000, violateAt: 100000000, stopAt: 100000000): its cells cannot be numbered\nhint: narrow the --param ranges');
  });
});

describe('Ctrl-C through the real clab process (its supervisor sets the stop word)', () => {
  const endless = join(root, 'test/fixtures/runaway/endless.ts');
  /** Runs bin/clab.js; sends SIGINT once the model has created its ready file (its search is under way). */
  function interrupted(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'clab-sigint-'));
    const ready = join(dir, 'ready');
    const child = spawn(process.execPath, [join(root, 'bin/clab.js'), ...args, '--out', dir], { cwd: dir, env: { ...process.env, CLAB_FIXTURE_READY: ready } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (!existsSync(ready)) return;
      clearInterval(poll);
      child.kill('SIGINT');
    }, 20);
    child.on('exit', () => clearInterval(poll));
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  it('simulate: the usual JSON, incomplete (interrupted), exit 3', async () => {
    const r = await interrupted(['simulate', endless, '--depth', '1000000', '--runs', '100000', '--seed', '1', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ model: 'endless', result: 'incomplete', bound: 'interrupted', runsAsked: 100000, timedOut: false });
    expect(r.stderr).toBe('');
  }, 60_000);

  it('sweep: the table so far, the searching cell incomplete (interrupted), exit 3', async () => {
    const r = await interrupted(['sweep', endless, '--param', 'exitAt=0', '--param', 'hangIn=nothing']);
    expect(r.code).toBe(3);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toBe('endless: sweep over exitAt, hangIn (1 cells)');
    expect(lines[2]).toBe('hangIn=nothing  incomplete (interrupted)');
    expect(lines.at(-1)).toBe('? incomplete: 1 of 1 cells incomplete; no cell violated');
  }, 60_000);
});
