// The supervisor (checker/cli/supervisor.ts) as a user meets it, through the real `clab` process: Ctrl-C
// and SIGTERM give the incomplete report and exit 3; a second signal ends at once; a model stuck in next()
// past --time-limit is stopped by the watchdog and the report still printed; a model that calls
// process.exit() gets a located error; Ctrl-C while explain() loops keeps the saved trace. The fixture
// (test/fixtures/runaway/endless.ts) creates a file once its search is under way, so the signals are sent
// while it searches, whatever the machine's speed.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const endless = join(root, 'test/fixtures/runaway/endless.ts');

interface Run {
  readonly code: number | null;
  readonly signal?: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs clab; once the model has created its ready file, sends `signals` (one every `gapMs`). */
function clab(args: string[], signals: NodeJS.Signals[] = [], gapMs = 0): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'clab-watchdog-'));
  const ready = join(dir, 'ready');
  const child = spawn(process.execPath, [join(root, 'bin/clab.js'), ...args], { cwd: dir, env: { ...process.env, CLAB_FIXTURE_READY: ready } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  if (signals.length > 0) {
    const poll = setInterval(() => {
      if (!existsSync(ready)) return;
      clearInterval(poll);
      signals.forEach((s, i) => setTimeout(() => child.kill(s), i * gapMs));
    }, 20);
    child.on('exit', () => clearInterval(poll));
  }
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
}

describe('signals during a search', () => {
  it('SIGINT: the usual JSON report, incomplete (interrupted), exit 3', async () => {
    const r = await clab(['check', endless, '--json'], ['SIGINT']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ model: 'endless', result: 'incomplete', bound: 'interrupted', invariants: ['finite'] });
    expect(report.distinctStates).toBeGreaterThanOrEqual(1000);
    expect(report.stoppedBy).toBeUndefined();
    expect(r.stderr).toBe('');
  }, 60_000);

  it('SIGTERM: the human report says "incomplete: interrupted", exit 3', async () => {
    const r = await clab(['check', endless], ['SIGTERM']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('? incomplete: interrupted; no violation found in the part explored');
    expect(r.stdout).toMatch(/^[\d,]+ distinct states, [\d,]+ generated, depth \d+/m);
  }, 60_000);

  it('SIGINT while the model is stuck in next(): the watchdog ends it and reports the last figures, exit 3', async () => {
    const r = await clab(['check', endless, '--const', 'stuckAt=5000'], ['SIGINT']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('? incomplete: interrupted (the model did not return within 2 s of SIGINT; the search was stopped by the watchdog)');
    expect(r.stdout).toContain('at least 4,098 distinct states, 8,193 generated, depth 2049');
  }, 60_000);

  it.skipIf(process.platform !== 'linux')('a model stuck in native code that no thread can end: the report, then the process ends itself', async () => {
    // Before, the process stayed alive for ever after the report (a recursive mkdir spinning under /proc).
    const r = await clab(['check', endless, '--const', 'stuckAt=3000', '--const', 'hangIn=native'], ['SIGINT']);
    expect([r.code, r.signal]).toEqual([null, 'SIGKILL']);
    expect(r.stdout).toContain('? incomplete: interrupted (the model did not return within 2 s of SIGINT; the search was stopped by the watchdog)');
    expect(r.stderr).toBe("error: the command's thread is stuck in native code and cannot be stopped; ending the process (exit 137)\n");
  }, 60_000);

  it('a second signal ends at once', async () => {
    const r = await clab(['check', endless, '--const', 'stuckAt=5000'], ['SIGINT', 'SIGINT'], 100);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('? incomplete: interrupted (SIGINT received again; the search was stopped by the watchdog)');
  }, 60_000);
});

it("SIGINT while an invariant's explain() never returns: the trace is saved already, and stderr says why the report stops", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clab-watchdog-'));
  // explain() creates the ready file (the fixture convention) and loops forever.
  const explain = "() => { globalThis.process.getBuiltinModule('node:fs').writeFileSync(globalThis.process.env.CLAB_FIXTURE_READY, ''); for (;;); }";
  writeFileSync(
    join(dir, 'm.mjs'),
    `export default { name: 'm', summary: 's', constants: {}, instantiate: () => ({ init: () => [{ x: 0 }], next: (s) => (s.x < 2 ? [{ action: { kind: 'inc' }, state: { x: s.x + 1 } }] : []), invariants: { small: { description: 'x < 2', holds: (s) => s.x < 2, explain: ${explain} } }, terminal: () => true }) };\n`,
  );
  const r = await clab(['check', join(dir, 'm.mjs'), '--out', join(dir, 'traces')], ['SIGINT']);
  expect(r.code).toBe(130);
  expect(r.stdout).toContain('✗ invariant small is violated after 2 steps:');
  expect(r.stderr).toBe("stopped by SIGINT while the report was being written (the model's explain() or show() may not return)\n");
  expect(existsSync(join(dir, 'traces', 'm-small.json'))).toBe(true);
}, 60_000);

describe('the watchdog and the time limit', () => {
  it('a next() that never returns is stopped past --time-limit: incomplete (time limit), exit 3, figures so far', async () => {
    // No type check and 3 s: on a loaded machine the check's own start-up must not use up the limit before
    // the search reaches the counter where next() hangs (that run stops on the search's deadline instead).
    const r = await clab(['check', endless, '--const', 'stuckAt=5000', '--time-limit', '3', '--no-typecheck', '--json']);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({
      model: 'endless',
      constants: { stuckAt: 5000, exitAt: 0, hangIn: 'nothing' },
      result: 'incomplete',
      bound: 'time-limit',
      stoppedBy: 'watchdog',
      detail: 'the model had not returned 3 s past the 3 s limit',
      distinctStates: 4098,
      statesGenerated: 8193,
      depth: 2049,
    });
  }, 60_000);

  it('an instantiate() that never returns is stopped too: the clock starts before the model is loaded', async () => {
    const r = await clab(['check', endless, '--const', 'hangIn=instantiate', '--time-limit', '1']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('? incomplete: time limit (the model had not returned 3 s past the 1 s limit; the search was stopped by the watchdog)');
  }, 60_000);

  it('a search that checks its own deadline stops there and reports as usual', async () => {
    const r = await clab(['check', endless, '--time-limit', '0.5']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('? incomplete: time limit reached; no violation found in the part explored');
  }, 60_000);
});

it('a model that calls process.exit(): exit 2, the error names the call and where the model made it', async () => {
  const r = await clab(['check', endless, '--const', 'exitAt=50']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('error: the model called process.exit(0), which a model may not do');
  expect(r.stderr).toMatch(/hint: thrown at Object\.next \(.*test\/fixtures\/runaway\/endless\.ts:\d+:\d+\)/);
  expect(r.stderr).not.toContain('internal error');
}, 60_000);
