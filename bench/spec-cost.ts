// What stating the invariants in a .spec file costs: Paxos (default constants) checked with the model's
// hand-written TypeScript invariants and with specs/paxos.spec's compiled invariants, end to end (the whole
// BFS, best of `runs`), and the invariants alone evaluated over the same reachable states (collected
// once), in ns per state. Issue 3 requires the spec to cost at most 1.5x the TypeScript predicates.
// `npm run bench` prints one line from runSpecCost; run this file alone for just that line.

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { configure, modelProperties } from '../checker/cli/commands/check.ts';
import { bfs } from '../checker/explore/bfs.ts';
import type { Predicate } from '../checker/explore/types.ts';
import type { Instance } from '../checker/model.ts';
import { loadSpecPlan } from '../checker/spec/plan.ts';

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

/** Nanoseconds per state to evaluate every predicate on every state (as the BFS does). */
function evalNsPerState(preds: readonly Predicate<unknown>[], states: readonly unknown[]): number {
  const t0 = performance.now();
  let held = 0;
  for (let i = 0; i < states.length; i++) for (let j = 0; j < preds.length; j++) if (preds[j].holds(states[i])) held++;
  const ns = ((performance.now() - t0) * 1e6) / states.length;
  if (held !== states.length * preds.length) throw new Error('spec-cost: an invariant failed on a reachable state');
  return ns;
}

export async function measureSpecCost(root: string, runs = 3, warmup = 3): Promise<SpecCost> {
  const plan = await loadSpecPlan(join(root, 'specs/paxos.spec'), root);
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

  const ts = makeTs();
  const all = reachable(ts.instance);
  let tsNs = Infinity;
  let specNs = Infinity;
  for (let r = 0; r < warmup + runs; r++) {
    const a = evalNsPerState(ts.invariants, all);
    // A fresh compilation each run: its per-state caches start empty, as in a real check.
    const b = evalNsPerState(makeSpec().invariants, all);
    if (r < warmup) continue;
    tsNs = Math.min(tsNs, a);
    specNs = Math.min(specNs, b);
  }
  return {
    distinctStates: states,
    tsCheckSeconds: tsBest,
    specCheckSeconds: specBest,
    checkRatio: specBest / tsBest,
    tsNsPerState: tsNs,
    specNsPerState: specNs,
    evalRatio: specNs / tsNs,
  };
}

/** One line for `npm run bench`. */
export function formatSpecCost(c: SpecCost): string {
  return (
    `paxos spec cost   ${c.distinctStates.toLocaleString('en-US')} states: check ${c.tsCheckSeconds.toFixed(3)} s (TS invariants) vs ${c.specCheckSeconds.toFixed(3)} s (specs/paxos.spec) = ${c.checkRatio.toFixed(2)}x; ` +
    `invariants alone ${c.tsNsPerState.toFixed(0)} vs ${c.specNsPerState.toFixed(0)} ns/state = ${c.evalRatio.toFixed(2)}x (target <= 1.5x)`
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

// Run directly: `node bin/run-ts.js bench/spec-cost.ts [--json]`.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const cost = await measureSpecCost(join(import.meta.dirname, '..'));
  console.log(process.argv.includes('--json') ? JSON.stringify(cost) : formatSpecCost(cost));
}
