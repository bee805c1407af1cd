// Swarm simulation: the runs of one simulation spread over worker threads, run i on worker i % N. Seeds
// are independent (run i always uses seed S+i), so the result is the same as on one thread: the violating
// run with the smallest index wins, and workers skip runs after the best one found so far.
// Stopping: the workers share one stop word (search/interrupt.ts), which each reads in its walks; the
// coordinator copies a stop request made in its own thread (Ctrl-C through the supervisor) into it, and a
// request made in a worker (its model, or its own deadline) reaches the other workers through it too.

import { Worker } from 'node:worker_threads';
import { ClabError, ModelError } from '../../errors.ts';
import type { Instance } from '../../model.ts';
import { newStopWord, requestStop, stopRequested, type StopReason } from '../interrupt.ts';
import type { LoadSpec } from '../parallel/parallel-protocol.ts';
import { walk, runSeed, type SimulationResult } from './simulate.ts';
import type { Predicate } from '../types.ts';

export interface SwarmOptions {
  readonly workers: number;
  readonly seed: number;
  readonly runs: number;
  readonly depth: number;
  readonly timeLimit?: number;
  /** Report a walk that ends in a deadlock (simulate.ts). */
  readonly deadlock?: boolean;
}

export type SwarmReply =
  | { type: 'done'; runs: number; steps: number; stopped?: StopReason; violationRun?: number }
  | { type: 'error'; message: string; hint?: string; model: boolean };

/** What a swarm worker is given (swarm-worker.ts). */
export interface SwarmWorkerData {
  readonly load: LoadSpec;
  readonly seed: number;
  readonly runs: number;
  readonly depth: number;
  readonly timeLimit?: number;
  readonly deadlock?: boolean;
  readonly stride: number;
  readonly offset: number;
  /** Int32: the smallest violating run index found so far (0x7fffffff: none). */
  readonly best: SharedArrayBuffer;
  /** The workers' shared stop word. */
  readonly stop: SharedArrayBuffer;
}

/** How often the coordinator looks at its own thread's stop word while the workers run. */
const FORWARD_MS = 25;

export async function swarm<S>(inst: Instance<S>, invariants: readonly Predicate<S>[], load: LoadSpec, opts: SwarmOptions): Promise<SimulationResult<S>> {
  const start = performance.now();
  const best = new Int32Array(new SharedArrayBuffer(4));
  best[0] = 0x7fffffff;
  const stop = newStopWord();
  const forward = setInterval(() => {
    const why = stopRequested();
    if (why) requestStop(why, stop);
  }, FORWARD_MS);
  let replies: SwarmReply[];
  try {
    replies = await Promise.all(
      Array.from({ length: opts.workers }, (_, offset) => {
        const data: SwarmWorkerData = { load, seed: opts.seed, runs: opts.runs, depth: opts.depth, timeLimit: opts.timeLimit, deadlock: opts.deadlock, stride: opts.workers, offset, best: best.buffer as SharedArrayBuffer, stop: stop.buffer as SharedArrayBuffer };
        const w = new Worker(new URL('./swarm-worker-entry.mjs', import.meta.url), { workerData: data });
        return new Promise<SwarmReply>((resolve) => {
          w.once('message', (m: SwarmReply) => {
            void w.terminate();
            resolve(m);
          });
          w.once('error', (e) => resolve({ type: 'error', message: String((e as Error)?.message ?? e), model: false }));
        });
      }),
    );
  } finally {
    clearInterval(forward);
  }
  let runs = 0;
  let steps = 0;
  let stopped: StopReason | undefined;
  for (const r of replies) {
    if (r.type === 'error') throw r.model ? new ModelError(r.message, r.hint) : new ClabError(r.message, r.hint);
    runs += r.runs;
    steps += r.steps;
    // An interrupt outranks a deadline: it is the user's request, whichever worker noticed it first.
    if (r.stopped && stopped !== 'interrupted') stopped = r.stopped;
  }
  const winner = best[0] === 0x7fffffff ? undefined : best[0];
  let violation;
  if (winner !== undefined) {
    // Re-run the winning walk here (cheap, and deterministic from its seed) to get the path.
    const seed = runSeed(opts.seed, winner);
    const r = walk(inst, invariants, seed, opts.depth, opts.deadlock ?? false);
    if (r.violation) violation = { ...r.violation, run: winner, seed };
  }
  return { runs, steps, seconds: (performance.now() - start) / 1000, timedOut: stopped === 'time-limit', ...(stopped ? { stopped } : {}), ...(violation ? { violation } : {}) };
}
