// Random simulation for models too large to exhaust: seeded random walks from an initial state, choosing a
// successor uniformly at each step, checking the invariants on every state visited. Run i of a simulation
// with base seed S uses seed S+i (mod 2^32), so one violating run is reproduced alone with `--seed S+i
// --runs 1`, and runs can be spread over threads or machines by seed range without changing any of them.

import type { Instance } from '../model.ts';
import { Xoshiro128 } from './prng.ts';
import type { PathStep, Predicate } from './types.ts';

export interface SimulateOptions<S> {
  readonly invariants: readonly Predicate<S>[];
  readonly seed: number;
  readonly runs: number;
  /** Steps per run (after the initial state). */
  readonly depth: number;
  /** Seconds; runs not started by then are skipped. */
  readonly timeLimit?: number;
  /** Only runs i with i % stride === offset (swarm workers); default all. */
  readonly stride?: number;
  readonly offset?: number;
  /** Stop before run i when this returns true (another worker found an earlier violation). */
  readonly skip?: (run: number) => boolean;
}

export interface SimulationViolation<S> {
  readonly invariant: string;
  readonly run: number;
  readonly seed: number;
  readonly path: readonly PathStep<S>[];
}

export interface SimulationResult<S> {
  readonly runs: number;
  readonly steps: number;
  readonly seconds: number;
  readonly timedOut: boolean;
  readonly violation?: SimulationViolation<S>;
}

export const runSeed = (base: number, run: number): number => (base + run) >>> 0;

/** One walk; the violation found on it, if any. */
export function walk<S>(inst: Instance<S>, invariants: readonly Predicate<S>[], seed: number, depth: number): { steps: number; violation?: { invariant: string; path: PathStep<S>[] } } {
  const rng = new Xoshiro128(seed);
  const inits = inst.init();
  let state = inits[rng.below(inits.length)];
  const path: PathStep<S>[] = [{ action: null, state }];
  let steps = 0;
  for (;;) {
    for (const inv of invariants) if (!inv.holds(state)) return { steps, violation: { invariant: inv.name, path } };
    if (steps >= depth) return { steps };
    const succ = inst.next(state);
    if (succ.length === 0) return { steps };
    const step = succ[rng.below(succ.length)];
    state = step.state;
    path.push(step);
    steps++;
  }
}

export function simulate<S>(inst: Instance<S>, opts: SimulateOptions<S>): SimulationResult<S> {
  const start = performance.now();
  const deadline = opts.timeLimit !== undefined ? start + opts.timeLimit * 1000 : Infinity;
  const stride = opts.stride ?? 1;
  let runs = 0;
  let steps = 0;
  let timedOut = false;
  for (let i = opts.offset ?? 0; i < opts.runs; i += stride) {
    if (opts.skip?.(i)) break;
    if (performance.now() > deadline) {
      timedOut = true;
      break;
    }
    const seed = runSeed(opts.seed, i);
    const r = walk(inst, opts.invariants, seed, opts.depth);
    runs++;
    steps += r.steps;
    if (r.violation) return { runs, steps, seconds: (performance.now() - start) / 1000, timedOut, violation: { ...r.violation, run: i, seed } };
  }
  return { runs, steps, seconds: (performance.now() - start) / 1000, timedOut };
}
