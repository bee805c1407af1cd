// What stating the invariants in a .spec file costs: Paxos (default constants) checked with the model's
// hand-written TypeScript invariants and with specs/paxos.spec's compiled invariants, end to end (the whole
// BFS, best of `runs`), and the invariants alone evaluated over the same reachable states (collected
// once), in ns per state. Issue 3 requires the spec to cost at most 1.5x the TypeScript predicates; the
// spec's expressions are compiled to JavaScript (checker/language/codegen.ts). Both figures are printed, with
// the load average at the start (the machine is shared: a loaded machine inflates the noise, not the ratio).
// `npm run bench` prints one line from runSpecCost; run this file alone for just that line.

import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configure, modelProperties } from '../checker/load/configure.ts';
import { bfs } from '../checker/search/bfs.ts';
import type { Predicate } from '../checker/search/types.ts';
import type { Instance } from '../checker/model.ts';
import { loadSpecPlan, type Backend } from '../checker/language/plan.ts';

export interface SpecCost {
  readonly distinctStates: number;
  /** Best end-to-end check time (s) with the TypeScript invariants, and with the spec's (after warm-up runs). */
  readonly tsCheckSeconds: number;
  readonly specCheckSeconds: number;
  readonly checkRatio: number;
  /** Invariant evaluation alone over every reachable state (ns per state, best of `runs`). */
  readonly tsNsPerState: number;
  readonly specNsPerState: number;
  readonly evalRatio: number;
  /** Measured (counted) runs of each: end to end, and isolated evaluation. */
  readonly checkRuns: number;
  readonly evalRuns: number;
  /** 1-minute load average when the measurement started, and the number of cores. */
  readonly load: number;
  readonly cores: number;
}

interface Setup {
  readonly instance: Instance<unknown>;
  readonly invariants: readonly Predicate<unknown>[];
}

/** A fresh instance and invariants for each run, so no run reuses another's caches. */
type Make = () => Setup;

function checkSeconds(make: Make): { seconds: number; states: number } {
  const { instance, invariants } = make();
  const r = bfs(instance, { invariants, phaseTimes: false });
  if (r.result !== 'holds') throw new Error(`spec-cost: paxos check did not hold (${r.result})`);
  return { seconds: r.seconds, states: r.distinctStates };
}

/** Every reachable state, in BFS order. */
function reachable(inst: Instance<unknown>): unknown[] {
  const states: unknown[] = [];
  bfs(inst, { invariants: [], witnesses: [{ name: 'collect', holds: (s) => (states.push(s), false) }], phaseTimes: false });
  return states;
}

/** States per timed chunk of isolated evaluation (about 0.3 ms of work). */
const CHUNK = 2000;

/** Milliseconds to evaluate every predicate on states lo..hi-1 (as the BFS does); throws if one fails. */
function evalMs(preds: readonly Predicate<unknown>[], states: readonly unknown[], lo: number, hi: number): number {
  const t0 = performance.now();
  let held = 0;
  for (let i = lo; i < hi; i++) for (let j = 0; j < preds.length; j++) if (preds[j].holds(states[i])) held++;
  const ms = performance.now() - t0;
  if (held !== (hi - lo) * preds.length) throw new Error('spec-cost: an invariant failed on a reachable state');
  return ms;
}

/**
 * Isolated evaluation in ns per state, TS and spec: the states are cut into chunks, each chunk is timed for
 * both in every round (in alternating order), and each chunk's best time over the counted rounds is summed.
 * On a shared machine a preemption then spoils one chunk's sample of one round, not a whole run.
 */
function evalNsPerState(ts: readonly Predicate<unknown>[], spec: readonly Predicate<unknown>[], states: readonly unknown[], warmup: number, runs: number): { ts: number; spec: number } {
  const chunks = Math.ceil(states.length / CHUNK);
  const bestTs = new Array<number>(chunks).fill(Infinity);
  const bestSpec = new Array<number>(chunks).fill(Infinity);
  for (let r = 0; r < warmup + runs; r++) {
    for (let c = 0; c < chunks; c++) {
      const lo = c * CHUNK;
      const hi = Math.min(states.length, lo + CHUNK);
      // Whichever goes second finds the chunk's states in the CPU cache: the order alternates by round.
      const tsFirst = r % 2 === 0;
      const a0 = tsFirst ? evalMs(ts, states, lo, hi) : 0;
      const b = evalMs(spec, states, lo, hi);
      const a = tsFirst ? a0 : evalMs(ts, states, lo, hi);
      if (r < warmup) continue;
      bestTs[c] = Math.min(bestTs[c], a);
      bestSpec[c] = Math.min(bestSpec[c], b);
    }
  }
  const ns = (best: number[]) => (best.reduce((x, y) => x + y, 0) * 1e6) / states.length;
  return { ts: ns(bestTs), spec: ns(bestSpec) };
}

export async function measureSpecCost(root: string, runs = 3, warmup = 3, evalRuns = 10, backend: Backend = 'codegen'): Promise<SpecCost> {
  const load = loadavg()[0];
  const plan = await loadSpecPlan(join(root, 'specs/paxos.spec'), root, backend);
  const tsPlan = { ...plan, properties: undefined, spec: undefined };
  const makeTs: Make = () => {
    const c = configure(tsPlan, [], undefined, []);
    return { instance: c.instance, invariants: modelProperties(c.instance).invariants };
  };
  const makeSpec: Make = () => {
    const c = configure(plan, [], undefined, []);
    return { instance: c.instance, invariants: c.properties.invariants };
  };

  // Rounds alternate the two, so load from elsewhere hits both alike. The first `warmup` rounds are not
  // counted: the search itself (bfs, the model's next()) takes a few runs of 0.1 s to be optimised.
  let tsBest = Infinity;
  let specBest = Infinity;
  let states = 0;
  for (let r = 0; r < warmup + runs; r++) {
    const a = checkSeconds(makeTs);
    const b = checkSeconds(makeSpec);
    if (a.states !== b.states) throw new Error(`spec-cost: state counts differ (${a.states} vs ${b.states})`);
    states = a.states;
    if (r < warmup) continue;
    tsBest = Math.min(tsBest, a.seconds);
    specBest = Math.min(specBest, b.seconds);
  }

  // Each side compiled once and warmed up, so both are measured at steady state (the end-to-end figures
  // above include a fresh compilation's warm-up, as a real check does). The view and definition caches are
  // keyed by state, so evaluating the same states again starts no cache warm: consecutive states differ.
  const ts = makeTs();
  const spec = makeSpec();
  const all = reachable(ts.instance);
  const { ts: tsNs, spec: specNs } = evalNsPerState(ts.invariants, spec.invariants, all, warmup, evalRuns);
  return {
    distinctStates: states,
    tsCheckSeconds: tsBest,
    specCheckSeconds: specBest,
    checkRatio: specBest / tsBest,
    tsNsPerState: tsNs,
    specNsPerState: specNs,
    evalRatio: specNs / tsNs,
    checkRuns: runs,
    evalRuns,
    load,
    cores: availableParallelism(),
  };
}

/** One line for `npm run bench`. */
export function formatSpecCost(c: SpecCost): string {
  const verdict = c.evalRatio <= 1.5 ? 'within' : 'OVER';
  return (
    `paxos spec cost   ${c.distinctStates.toLocaleString('en-US')} states, load ${c.load.toFixed(1)} on ${c.cores} cores: ` +
    `end-to-end check ${c.tsCheckSeconds.toFixed(3)} s (TS invariants) vs ${c.specCheckSeconds.toFixed(3)} s (specs/paxos.spec) = ${c.checkRatio.toFixed(2)}x (best of ${c.checkRuns}); ` +
    `invariants alone ${c.tsNsPerState.toFixed(0)} vs ${c.specNsPerState.toFixed(0)} ns/state = ${c.evalRatio.toFixed(2)}x (per-chunk best of ${c.evalRuns}; ${verdict} the 1.5x target)`
  );
}

/** Measures in a fresh process (JIT state of its own, like the other bench cases); undefined if it failed. */
export function runSpecCost(root: string): SpecCost | undefined {
  const child = spawnSync(process.execPath, [join(root, 'bin/run-ts.js'), join(root, 'bench/spec-cost.ts'), '--json'], { cwd: root, encoding: 'utf8' });
  if (child.status !== 0) {
    console.error(`bench spec cost failed:\n${child.stderr}`);
    return undefined;
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as SpecCost;
}

// Run directly: `node bin/run-ts.js bench/spec-cost.ts [--json] [--closures]` (--closures: the closure
// compiler, compile.ts, instead of generated code, for comparison).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const cost = await measureSpecCost(join(import.meta.dirname, '..'), 3, 3, 10, process.argv.includes('--closures') ? 'closures' : 'codegen');
  console.log(process.argv.includes('--json') ? JSON.stringify(cost) : formatSpecCost(cost));
}
