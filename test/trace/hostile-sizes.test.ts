// Hostile sizes and files: what `clab show` refuses (exit 2, the limit named, no file left behind) and
// what it renders in time linear in the trace. Limits: trace files are regular files of at most 64 MiB,
// nested at most 100 levels; charts draw at most 10,000 steps and 200 processes; tables at most 200
// process columns. The renderers' rewritten pieces (fitColumns, inferLayout) are checked against the
// original quadratic versions on random inputs.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../checker/cli/io.ts';
import { main } from '../../checker/cli/main.ts';
import { buildChart, MAX_CHART_STEPS } from '../../checker/charts/chart.ts';
import { renderHtml } from '../../checker/charts/html.ts';
import { renderSvg } from '../../checker/charts/svg.ts';
import type { PrintableStep } from '../../checker/trace/format.ts';
import { globalView, inferLayout, inFlight, processView } from '../../checker/trace/processes.ts';
import { MAX_TRACE_BYTES } from '../../checker/trace/read.ts';
import type { ShownTrace } from '../../checker/trace/shown-trace.ts';
import { fitColumns, formatTable } from '../../checker/trace/table.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'clab-sizes-'));
const plain = new Chalk({ level: 0 });

async function run(args: string[], cwd: string) {
  const io = memoryIo(cwd);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

function traceJson(steps: PrintableStep[]): string {
  return JSON.stringify({ format: 'consensus-lab/trace', version: 1, model: 'm', variant: null, constants: {}, property: { kind: 'invariant', name: 'p' }, steps });
}

/** n steps of the shape that was quadratic: every delivery of a message no step sent. */
function foundSteps(n: number): PrintableStep[] {
  const steps: PrintableStep[] = [{ action: null, state: { x: 0 } }];
  for (let i = 1; i <= n; i++) {
    steps.push({ action: i % 2 ? { actor: 'p1', kind: 'sends', message: { type: 'm', b: i } } : { actor: 'p2', kind: 'receives', message: { type: 'm', b: -i } }, state: { x: i } });
  }
  return steps;
}

/** n sends by one sender of one type and slot with different values: one equivocation of n sends. */
function equivocatingSteps(n: number): PrintableStep[] {
  const steps: PrintableStep[] = [{ action: null, state: { x: 0 } }];
  for (let i = 1; i <= n; i++) steps.push({ action: { actor: 'p1', kind: 'sends', message: { type: 'm', b: 1, v: i } }, state: { x: i } });
  return steps;
}

describe('trace files clab will not read', () => {
  it('refuses /dev/zero (exit 2, before reading anything)', async () => {
    const r = await run(['show', '/dev/zero'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toEqual(["error: '/dev/zero' is a character device, not a trace file", 'hint: give the path of a regular file; a trace file is what `clab check` writes under clab-traces/ (or an ITF .itf.json file)']);
    const replay = await run(['replay', '/dev/zero'], tmp());
    expect(replay.code).toBe(2);
    expect(replay.err[0]).toBe("error: '/dev/zero' is a character device, not a trace file");
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    const dir = tmp();
    execFileSync('mkfifo', [join(dir, 'pipe.json')]);
    const r = await run(['show', 'pipe.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`error: '${join(dir, 'pipe.json')}' is a named pipe, not a trace file`);
  });

  it('refuses a folder', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'x.json'));
    const r = await run(['replay', 'x.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`error: '${join(dir, 'x.json')}' is a directory, not a trace file`);
  });

  it(`refuses a file over ${MAX_TRACE_BYTES >> 20} MiB without reading it (a sparse file)`, async () => {
    const dir = tmp();
    const file = join(dir, 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, MAX_TRACE_BYTES + 1);
    for (const cmd of ['show', 'replay', 'explore']) {
      const r = await run([cmd, 'huge.json'], dir);
      expect(r.code, cmd).toBe(2);
      expect(r.err, cmd).toEqual([`error: '${file}' is larger than 64 MiB, the most clab reads from a trace file`, 'hint: a trace file is what `clab check` writes under clab-traces/ (or an ITF .itf.json file)']);
    }
    // Exactly the limit is still read (and then found not to be JSON: all zero bytes).
    truncateSync(file, MAX_TRACE_BYTES);
    const r = await run(['show', 'huge.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/not valid JSON/);
  }, 30_000);

  it('refuses values nested deeper than 100 levels (they would overflow every printer), in clab and ITF files', async () => {
    const dir = tmp();
    // Written as text: the value itself is too deep for JSON.stringify.
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    writeFileSync(join(dir, 'deep.json'), traceJson([{ action: null, state: { x: 0 } }]).replace('{"x":0}', `{"x":${deep}}`));
    writeFileSync(join(dir, 'deep.itf.json'), `{"vars":["x"],"states":[{"x":${deep}}]}`);
    for (const [cmd, f] of [['show', 'deep.json'], ['replay', 'deep.json'], ['show', 'deep.itf.json']]) {
      const r = await run([cmd, f], dir);
      expect(r.code, `${cmd} ${f}`).toBe(2);
      expect(r.err[0]).toBe(`error: ${join(dir, f)}: values are nested more than 100 levels deep`);
    }
    // 90 levels of arrays in a state (94 counting the file's own levels) are fine.
    let ok: unknown = 1;
    for (let i = 0; i < 90; i++) ok = [ok];
    writeFileSync(join(dir, 'ok.json'), traceJson([{ action: null, state: { x: ok } }]));
    expect((await run(['show', 'ok.json'], dir)).code).toBe(0);
  });
});

describe('charts of long traces', () => {
  it('a 32,000-step trace: --svg and --html refused with exit 2, nothing written, the step list still shown', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'long.json'), traceJson(foundSteps(32_000)));
    const r = await run(['show', 'long.json', '--svg', 'c.svg', '--html', 'c.html'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`error: the trace has 32000 steps; a chart draws at most ${MAX_CHART_STEPS}`, 'hint: print it as a step list instead (`clab show FILE`, or --full), which has no such limit']);
    expect(readdirSync(dir)).toEqual(['long.json']);
    const text = await run(['show', 'long.json'], dir);
    expect(text.code).toBe(0);
    expect(text.out.at(-1)).toBe('    x: 31999 → 32000');
  }, 60_000);

  it('10,000 steps of the shapes that were quadratic render (SVG and HTML) in linear time', () => {
    // Before: every delivery searched all earlier sends, and equivocation grouping compared every pair;
    // 10,000 such steps took minutes. Now each takes about a second; the timeout leaves a wide margin.
    for (const steps of [foundSteps(MAX_CHART_STEPS), equivocatingSteps(MAX_CHART_STEPS)]) {
      const t: ShownTrace = { model: 'm', steps };
      const chart = buildChart(t);
      expect(chart.steps).toHaveLength(MAX_CHART_STEPS);
      const svg = renderSvg(chart);
      expect(svg.endsWith('</svg>\n')).toBe(true);
      expect(renderHtml(t).length).toBeGreaterThan(svg.length);
    }
    const eq = buildChart({ model: 'm', steps: equivocatingSteps(MAX_CHART_STEPS) });
    expect(eq.equivocations).toHaveLength(1);
    expect(eq.equivocations[0].steps).toHaveLength(MAX_CHART_STEPS);
    expect(eq.undelivered.every((u) => u.equivocation)).toBe(true);
  }, 60_000);

  it('more than 200 processes: chart and table refused (exit 2), the step list still shown', async () => {
    const dir = tmp();
    const steps: PrintableStep[] = [{ action: null, state: { acc: Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`a${i + 1}`, 0])) } }];
    steps.push({ action: { actor: 'a1', kind: 'sends', message: { type: 'm' } }, state: steps[0].state });
    writeFileSync(join(dir, 'wide.json'), traceJson(steps));
    const chart = await run(['show', 'wide.json', '--svg', 'c.svg'], dir);
    expect(chart.code).toBe(2);
    expect(chart.err[0]).toBe('error: the trace has 201 processes; a chart draws at most 200');
    const table = await run(['show', 'wide.json', '--table'], dir);
    expect(table.code).toBe(2);
    expect(table.err[0]).toBe('error: the trace has 201 processes with state of their own; a table has at most 200 columns for them');
    expect(readdirSync(dir)).toEqual(['wide.json']);
    expect((await run(['show', 'wide.json'], dir)).code).toBe(0);
  });

  it('200,000 steps as a table and a step list: no stack overflow (no spread of all rows into one call)', () => {
    const steps: PrintableStep[] = [{ action: null, state: { x: 0 } }];
    for (let i = 1; i <= 200_000; i++) steps.push({ action: { kind: 'tick' }, state: { x: i } });
    const lines = formatTable(steps, plain, { width: 100 });
    expect(lines).toHaveLength(200_004);
    expect(lines[200_002]).toBe('200000 │ tick          │ ∅         │ *x=200000');
  }, 60_000);
});

describe('states with many fields', () => {
  it('50,000 steps each with fields of its own (globals, owned, in flight): a table in linear time', () => {
    // Before: every view scanned every field of the trace for every step (50,000 × 150,000).
    const steps: PrintableStep[] = [{ action: null, state: {} }];
    for (let i = 1; i <= 50_000; i++) steps.push({ action: { actor: 'p1', kind: 'tick' }, state: { [`k${i}`]: i, [`p1_${i}`]: i, [`msgs${i}`]: [{ type: 'm' }] } });
    const lines = formatTable(steps, plain, { width: 100 });
    expect(lines).toHaveLength(50_004);
    expect(lines[50_002]).toBe('50000 │ p1 tick       │ *50000 │ m()       │ *k50000=50000');
  }, 60_000);

  it('keys named like Object.prototype members are own fields only (no inherited constructor, no prototype change)', () => {
    const steps: PrintableStep[] = [
      { action: null, state: JSON.parse('{"constructor": 1, "__proto__": {"x": 1}, "acc": {"a1": {"__proto__": 5}}}') },
      { action: { actor: 'toString', kind: 'acts' }, state: JSON.parse('{"acc": {"a1": {"__proto__": 6}}}') },
    ];
    const lines = formatTable(steps, plain, { width: 100 });
    expect(lines.join('\n')).not.toMatch(/function|native code/);
    expect(lines[2]).toBe('0 │ initial state │ 5  │ ∅         │ constructor=1 __proto__={x: 1}');
    expect(lines[3]).toBe('1 │ toString acts │ *6 │ ∅         │ *');
  });
});

describe('show writing its outputs', () => {
  const cex = join(import.meta.dirname, '../../counterexamples/paxos-ignore-accepted-agreement.json');

  it('--html into a folder: exit 2 before writing, and no stray file left in the folder', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'keep.txt'), 'mine');
    for (const flag of ['--html', '--svg', '--itf']) {
      const r = await run(['show', cex, flag, 'out'], dir);
      expect(r.code, flag).toBe(2);
      expect(r.err[0], flag).toBe(`error: ${flag} out is a folder`);
      expect(readdirSync(join(dir, 'out'))).toEqual(['keep.txt']);
    }
  });

  it('an output that is the trace itself is refused, and the trace is unchanged', async () => {
    const dir = tmp();
    const file = join(dir, 't.json');
    const text = readFileSync(cex, 'utf8');
    writeFileSync(file, text);
    const r = await run(['show', 't.json', '--itf', './t.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('error: --itf ./t.json is the trace being shown; writing it would replace the trace');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('two outputs to one file are refused before either is written', async () => {
    const dir = tmp();
    const r = await run(['show', cex, '--svg', 'x', '--html', 'x'], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('error: --svg and --html both write x');
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('a file that cannot be written is exit 2 naming it, and the earlier outputs are reported', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'plain'), 'a file, not a folder');
    const r = await run(['show', cex, '--svg', 'ok.svg', '--html', 'plain/c.html'], dir);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe('error: cannot write --html plain/c.html (ENOTDIR); wrote ok.svg');
    expect(existsSync(join(dir, 'ok.svg'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['ok.svg', 'plain']);
  });
});

/** The column fitting as it was: one character at a time off the widest column. */
function fitColumnsOld(natural: readonly number[], fixed: number, width: number): number[] {
  const w = [...natural];
  let excess = w.reduce((a, b) => a + b, 0) + fixed - width;
  while (excess > 0) {
    const widest = w.reduce((best, x, i) => (x > w[best] ? i : best), 0);
    if (w[widest] <= 6) break;
    w[widest]--;
    excess--;
  }
  return w;
}

/** The owner rule as it was (longest prefix, then first in process order), for comparison. */
function ownersOld(processes: readonly string[], fields: readonly string[]): Map<string, string> {
  const owned = new Map<string, string>();
  for (const f of fields) {
    const owner = processes
      .filter((p) => f.toLowerCase().startsWith(p.toLowerCase()) && (f.length === p.length || /[A-Z0-9_]/.test(f[p.length])))
      .sort((a, b) => b.length - a.length)[0];
    if (owner) owned.set(f, owner);
  }
  return owned;
}

/** The views as they were (scanning every field of the layout), for comparison on ordinary keys. */
function viewsOld(layout: ReturnType<typeof inferLayout>, state: Record<string, unknown>, p: string) {
  const out: Record<string, unknown> = {};
  for (const f of layout.perProcessFields) {
    const rec = state[f] as Record<string, unknown> | undefined;
    if (rec && typeof rec === 'object' && !Array.isArray(rec) && p in rec) {
      const v = rec[p];
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { type?: unknown }).type !== 'string' && layout.perProcessFields.length === 1) Object.assign(out, v);
      else out[f] = v;
    }
  }
  for (const [f, owner] of layout.ownedFields) if (owner === p && f in state) out[f] = state[f];
  return {
    process: out,
    inFlight: layout.inFlightFields.flatMap((f) => (Array.isArray(state[f]) ? (state[f] as unknown[]) : [])),
    globals: Object.fromEntries(layout.globalFields.filter((f) => f in state).map((f) => [f, state[f]])),
  };
}

describe('the rewritten pieces agree with the originals', () => {
  it('processView, inFlight and globalView', () => {
    const key = fc.constantFrom('r1', 'r2', 'TM', 'tmState', 'r1Log', 'msgs', 'net', 'x', 'y', 'rmState', 'sent');
    const val = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant([{ type: 'm', b: 1 }]), fc.constant([]), fc.record({ r1: fc.integer({ min: 0, max: 2 }), r2: fc.integer({ min: 0, max: 2 }) }));
    const state = fc.dictionary(key, val, { maxKeys: 6 });
    fc.assert(
      fc.property(fc.array(state, { minLength: 1, maxLength: 5 }), fc.array(fc.constantFrom('r1', 'r2', 'TM'), { maxLength: 4 }), (states, actors) => {
        const steps: PrintableStep[] = states.map((st, i) => ({ action: i === 0 ? null : { actor: actors[i % Math.max(1, actors.length)] ?? 'r1', kind: 'acts' }, state: st }));
        const layout = inferLayout(steps);
        for (const st of steps) {
          for (const p of layout.processes) {
            const old = viewsOld(layout, st.state, p);
            expect(processView(layout, st.state, p)).toEqual(old.process);
            expect(inFlight(layout, st.state)).toEqual(old.inFlight);
            expect(globalView(layout, st.state)).toEqual(old.globals);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });


  it('fitColumns', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 200 }), (natural, fixed, width) => {
        expect(fitColumns(natural, fixed, width)).toEqual(fitColumnsOld(natural, fixed, width));
      }),
      { numRuns: 2000 },
    );
  });

  it('field owners in inferLayout', () => {
    const name = fc.constantFrom('TM', 'tm', 'r', 'r1', 'r12', 'rm', 'a', 'A1', 'p_', 'x');
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 5 }), fc.uniqueArray(fc.constantFrom('tmState', 'TMx', 'rms', 'r1Log', 'r12', 'rmState', 'a', 'A1_b', 'p_q', 'xY', 'x', 'r1'), { maxLength: 6 }), (actors, fields) => {
        const steps: PrintableStep[] = [{ action: null, state: Object.fromEntries(fields.map((f) => [f, 0])) }, ...actors.map((a) => ({ action: { actor: a, kind: 'acts' }, state: Object.fromEntries(fields.map((f) => [f, 1])) }))];
        const layout = inferLayout(steps);
        const expected = ownersOld(layout.processes, fields.filter((f) => !layout.perProcessFields.includes(f) && !layout.inFlightFields.includes(f)));
        expect(new Map(layout.ownedFields)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
