// Random simulation for models too large to exhaust: seeded random walks from an initial state, choosing a
// successor uniformly at each step, checking the invariants on every state visited. Run i of a simulation
// with base seed S uses seed S+i (mod 2^32), so one violating run is reproduced alone with `--seed S+i
// --runs 1`, and runs can be spread over threads or machines by seed range without changing any of them.
//
// Memory: a walk keeps only its current state, whatever its depth. A walk is a function of its seed, so
// when one breaks an invariant at step k it is walked again from the same seed, recording its k steps:
// only a violating walk's path is ever held, and it is at most MAX_DEPTH steps. Time: the deadline and
// the stop word (search/interrupt.ts: Ctrl-C, the watchdog) are read before each walk and every
// CHECK_EVERY steps inside one, so a single long walk stops too.

import { ClabError, ModelError } from '../../errors.ts';
import { initProblem, stepsProblem } from '../../load/step-checks.ts';
import { showState } from '../../trace/show.ts';
import { modelFrame } from '../bfs.ts';
import type { Instance } from '../../model.ts';
import { stopRequested, type StopReason } from '../interrupt.ts';
import { Xoshiro128 } from './prng.ts';
import { DEADLOCK, type PathStep, type Predicate } from '../types.ts';
import { firstBroken } from '../loop-setup.ts';

/** The longest walk `--depth` may ask for: a violating walk's path (states and actions) is held in memory. */
export const MAX_DEPTH = 1_000_000;

/**
 * Steps between two reads of the clock and the stop word inside a walk (a power of two: used as a mask).
 * Small, so that a slow model overshoots a deadline by at most 64 of its steps; a read costs far less
 * than one call of next().
 */
const CHECK_EVERY = 64;

export interface SimulateOptions<S> {
  readonly invariants: readonly Predicate<S>[];
  readonly seed: number;
  readonly runs: number;
  /** Steps per run (after the initial state), at most MAX_DEPTH. */
  readonly depth: number;
  /** Seconds; the walk running then is cut short and no further walk starts. */
  readonly timeLimit?: number;
  /** Only runs i with i % stride === offset (swarm workers); default all. */
  readonly stride?: number;
  readonly offset?: number;
  /** Stop before run i when this returns true (another worker found an earlier violation). */
  readonly skip?: (run: number) => boolean;
  /** A walk that reaches a state with no successor the model does not call terminal breaks DEADLOCK. */
  readonly deadlock?: boolean;
}

export interface SimulationViolation<S> {
  readonly invariant: string;
  /** The walk ended in a deadlock (`invariant` is then DEADLOCK). */
  readonly deadlock?: true;
  readonly run: number;
  readonly seed: number;
  readonly path: readonly PathStep<S>[];
}

export interface SimulationResult<S> {
  /** Walks finished (a walk cut short by a stop is not counted). */
  readonly runs: number;
  /** Steps taken, a cut-short walk's included. */
  readonly steps: number;
  readonly seconds: number;
  /** True when the time limit stopped the simulation (stopped === 'time-limit'). */
  readonly timedOut: boolean;
  /** Why the simulation stopped before its last run, if it did. */
  readonly stopped?: StopReason;
  readonly violation?: SimulationViolation<S>;
}

/** A walk's end in a deadlock (an invariant's violation is checked first, so the name is unambiguous there). */
const isDeadlock = (r: WalkOutcome): boolean => r.invariant === DEADLOCK && r.deadlock === true;

export const runSeed = (base: number, run: number): number => (base + run) >>> 0;

interface WalkOutcome {
  readonly steps: number;
  /** The invariant broken at the last step, if one was (DEADLOCK for a deadlock). */
  readonly invariant?: string;
  readonly deadlock?: boolean;
  readonly stopped?: StopReason;
}

/**
 * One walk from `seed`, holding only the current state (and pushing each step onto `record`, when given).
 * Reads the clock and the stop word every CHECK_EVERY steps when `deadline` is given.
 */
function walkFrom<S>(inst: Instance<S>, invariants: readonly Predicate<S>[], seed: number, depth: number, deadline: number | undefined, deadlock: boolean, record?: PathStep<S>[]): WalkOutcome {
  const rng = new Xoshiro128(seed);
  const inits = inst.init();
  let state = inits[rng.below(inits.length)];
  record?.push({ action: null, state });
  let steps = 0;
  for (;;) {
    const k = firstBroken(invariants, state);
    if (k >= 0) return { steps, invariant: invariants[k].name };
    if (steps >= depth) return { steps };
    if (deadline !== undefined && (steps & (CHECK_EVERY - 1)) === CHECK_EVERY - 1) {
      const stopped = performance.now() > deadline ? 'time-limit' : stopRequested();
      if (stopped) return { steps, stopped };
    }
    const succ = inst.next(state);
    if (succ.length === 0) return deadlock && !(inst.terminal?.(state) ?? false) ? { steps, invariant: DEADLOCK, deadlock: true } : { steps };
    const step = succ[rng.below(succ.length)];
    state = step.state;
    record?.push(step);
    steps++;
  }
}

/**
 * An exception from a walk as a ModelError: a malformed result of init() or next() named (model-checks.ts),
 * else the model's own throw; with the steps that reached the state, recorded by walking again from the
 * seed (up to 1,000 steps: a longer trace is left to `--seed S --runs 1`).
 */
function walkFailure<S>(inst: Instance<S>, invariants: readonly Predicate<S>[], seed: number, depth: number, deadlock: boolean, e: unknown): ClabError {
  if (e instanceof ClabError) return e;
  const path: PathStep<S>[] = [];
  try {
    walkFrom(inst, invariants, seed, Math.min(depth, 1000), undefined, deadlock, path);
  } catch {
    // The same exception, met again: `path` ends at the state being expanded.
  }
  // An undefined state came from a step without one: the state before it gave that step.
  if (path.length >= 2 && path[path.length - 1].state === undefined) path.pop();
  const err = (path.length ? stepsProblem(inst, path[path.length - 1].state) : initProblem(inst)) ?? new ModelError(`the model threw an error: ${(e as Error)?.message ?? String(e)}`, modelFrame(e as Error));
  try {
    if (path.length && path.length <= 1000) err.trace ??= path.map((st) => ({ action: st.action, state: showState(inst, st.state) }));
  } catch {
    // A state that cannot be shown: the message stands on its own.
  }
  return err;
}

/** The path of a walk known to break `invariant` at step `steps`: the walk again, recorded. */
function violatingPath<S>(inst: Instance<S>, invariants: readonly Predicate<S>[], seed: number, steps: number, invariant: string, deadlock: boolean, endsInDeadlock = false): PathStep<S>[] {
  const path: PathStep<S>[] = [];
  // A deadlock is seen when the state at `steps` is expanded, one step past the walk's bound of `steps`.
  const again = walkFrom(inst, invariants, seed, endsInDeadlock ? steps + 1 : steps, undefined, deadlock, path);
  if (again.steps !== steps || again.invariant !== invariant) {
    throw new ModelError(
      `the walk from seed ${seed} broke ${invariant} at step ${steps}, but walked again from the same seed it ${again.invariant ? `broke ${again.invariant} at step ${again.steps}` : `reached step ${again.steps} without breaking it`}`,
      'init(), next() and the invariants must be pure functions of the state (same input, same output, in the same order)',
    );
  }
  return path;
}

/**
 * One walk without a deadline; the violation found on it, if any, with its path. (Used to rebuild a
 * violating walk from its seed, e.g. by the swarm's coordinator.)
 */
export function walk<S>(inst: Instance<S>, invariants: readonly Predicate<S>[], seed: number, depth: number, deadlock = false): { steps: number; violation?: { invariant: string; path: PathStep<S>[]; deadlock?: true } } {
  let r: WalkOutcome;
  try {
    r = walkFrom(inst, invariants, seed, depth, undefined, deadlock);
  } catch (e) {
    throw walkFailure(inst, invariants, seed, depth, deadlock, e);
  }
  if (r.invariant === undefined) return { steps: r.steps };
  return { steps: r.steps, violation: { invariant: r.invariant, path: violatingPath(inst, invariants, seed, r.steps, r.invariant, deadlock, isDeadlock(r)), ...(isDeadlock(r) ? { deadlock: true as const } : {}) } };
}

export function simulate<S>(inst: Instance<S>, opts: SimulateOptions<S>): SimulationResult<S> {
  const start = performance.now();
  const deadline = opts.timeLimit !== undefined ? start + opts.timeLimit * 1000 : Infinity;
  const stride = opts.stride ?? 1;
  const deadlock = opts.deadlock ?? false;
  let runs = 0;
  let steps = 0;
  let stopped: StopReason | undefined;
  const result = (violation?: SimulationViolation<S>): SimulationResult<S> => ({
    runs,
    steps,
    seconds: (performance.now() - start) / 1000,
    timedOut: stopped === 'time-limit',
    ...(stopped ? { stopped } : {}),
    ...(violation ? { violation } : {}),
  });
  for (let i = opts.offset ?? 0; i < opts.runs; i += stride) {
    if (opts.skip?.(i)) break;
    stopped = performance.now() > deadline ? 'time-limit' : stopRequested();
    if (stopped) break;
    const seed = runSeed(opts.seed, i);
    let r: WalkOutcome;
    try {
      r = walkFrom(inst, opts.invariants, seed, opts.depth, deadline, deadlock);
    } catch (e) {
      throw walkFailure(inst, opts.invariants, seed, opts.depth, deadlock, e);
    }
    steps += r.steps;
    if (r.stopped) {
      stopped = r.stopped;
      break;
    }
    runs++;
    if (r.invariant !== undefined) {
      return result({ invariant: r.invariant, run: i, seed, path: violatingPath(inst, opts.invariants, seed, r.steps, r.invariant, deadlock, isDeadlock(r)), ...(isDeadlock(r) ? { deadlock: true as const } : {}) });
    }
  }
  return result();
}
