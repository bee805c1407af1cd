// Swarm simulation: the runs of one simulation spread over worker threads, run i on worker i % N. Seeds
// are independent (run i always uses seed S+i), so the result is the same as on one thread: the violating
// run with the smallest index wins, and workers skip runs after the best one found so far.

import { Worker } from 'node:worker_threads';
import { ClabError, ModelError } from '../errors.ts';
import type { Instance } from '../model.ts';
import type { LoadSpec } from './parallel-protocol.ts';
import { walk, runSeed, type SimulationResult } from './simulate.ts';
import type { Predicate } from './types.ts';

export interface SwarmOptions {
  readonly workers: number;
  readonly seed: number;
  readonly runs: number;
  readonly depth: number;
  readonly timeLimit?: number;
}

export type SwarmReply = { type: 'done'; runs: number; steps: number; timedOut: boolean; violationRun?: number } | { type: 'error'; message: string; hint?: string; model: boolean };

export async function swarm<S>(inst: Instance<S>, invariants: readonly Predicate<S>[], load: LoadSpec, opts: SwarmOptions): Promise<SimulationResult<S>> {
  const start = performance.now();
  const best = new Int32Array(new SharedArrayBuffer(4));
  best[0] = 0x7fffffff;
  const replies = await Promise.all(
    Array.from({ length: opts.workers }, (_, offset) => {
      const w = new Worker(new URL('./swarm-worker-entry.mjs', import.meta.url), {
        workerData: { load, seed: opts.seed, runs: opts.runs, depth: opts.depth, timeLimit: opts.timeLimit, stride: opts.workers, offset, best: best.buffer },
      });
      return new Promise<SwarmReply>((resolve) => {
        w.once('message', (m: SwarmReply) => {
          void w.terminate();
          resolve(m);
        });
        w.once('error', (e) => resolve({ type: 'error', message: String((e as Error)?.message ?? e), model: false }));
      });
    }),
  );
  let runs = 0;
  let steps = 0;
  let timedOut = false;
  for (const r of replies) {
    if (r.type === 'error') throw r.model ? new ModelError(r.message, r.hint) : new ClabError(r.message, r.hint);
    runs += r.runs;
    steps += r.steps;
    timedOut ||= r.timedOut;
  }
  const winner = best[0] === 0x7fffffff ? undefined : best[0];
  let violation;
  if (winner !== undefined) {
    // Re-run the winning walk here (cheap, and deterministic from its seed) to get the path.
    const seed = runSeed(opts.seed, winner);
    const r = walk(inst, invariants, seed, opts.depth);
    if (r.violation) violation = { ...r.violation, run: winner, seed };
  }
  return { runs, steps, seconds: (performance.now() - start) / 1000, timedOut, violation };
}
