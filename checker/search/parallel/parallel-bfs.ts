// Parallel breadth-first search (`clab check --workers N`): the fast mode on worker threads
// (parallel-fast.ts), and the single-core search (bfs.ts, same options) wherever the fast mode cannot give
// the single-core answer by itself. So the verdict, distinct states, states generated, depth and trace
// are always the single-core search's:
//   - no violation, no --max-states bound passed: the fast mode's result, whose counts do not depend on
//     the order threads meet states (levels stay whole; a --max-depth bound cuts at a level's end);
//   - a violation (or a deadlock): the fast mode keeps no parents, and which violating state of the level comes first
//     depends on thread timing; the single-core search stops at its first violation, so it costs what
//     the part of the space up to the violating level costs on one core;
//   - a --max-states bound passed: the single-core search stops at the state that passes it, mid-level;
//     it costs at most that many states;
//   - a model that throws in a worker: the worker cannot say how its state was reached; the single-core
//     search meets the same exception (models are deterministic) and throws it with the trace.
// A time limit or memory budget stops the fast mode with its own counts, as it stops the single-core
// search with counts that depend on the machine's speed.

import { ModelError } from '../../errors.ts';
import type { Instance } from '../../model.ts';
import { bfs } from '../bfs.ts';
import { loadInstance } from '../load-instance.ts';
import { fastParallelBfs, type FastOptions } from './parallel-fast.ts';
import type { LoadSpec } from './parallel-protocol.ts';
import type { Predicate, SearchResult } from '../types.ts';

/** Why the single-core search runs: the fast mode met a violation, passed --max-states, or the model threw. */
export type SingleCoreReason = 'violation' | 'max-states' | 'model-error';

export interface ParallelOptions<S> extends FastOptions<S> {
  /** The invariants the single-core search checks; by default those the workers load from the LoadSpec. */
  readonly invariants?: readonly Predicate<S>[];
  /** Told before the single-core search starts (progress lines and notes). */
  readonly onSingleCore?: (why: SingleCoreReason) => void;
}

export async function parallelBfs<S>(inst: Instance<S>, load: LoadSpec, opts: ParallelOptions<S>): Promise<SearchResult<S>> {
  const start = performance.now();
  // The single-core search, within what is left of the time limit.
  const singleCore = async (why: SingleCoreReason): Promise<SearchResult<S>> => {
    opts.onSingleCore?.(why);
    const invariants = opts.invariants ?? ((await loadInstance(load)).invariants as readonly Predicate<S>[]);
    const spent = (performance.now() - start) / 1000;
    return bfs(inst, {
      invariants,
      maxStates: opts.maxStates,
      maxDepth: opts.maxDepth,
      timeLimit: opts.timeLimit !== undefined ? Math.max(0, opts.timeLimit - spent) : undefined,
      memoryBudget: opts.memoryBudget,
      puritySample: opts.puritySample,
      canonical: opts.canonical,
      onProgress: opts.onProgress,
      phaseTimes: false,
      deadlock: opts.deadlock,
    });
  };
  let fast: Awaited<ReturnType<typeof fastParallelBfs<S>>>;
  try {
    fast = await fastParallelBfs(inst, load, opts);
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    // The single-core search throws the same error with its trace, unless in its order a violation or a
    // bound comes first: that is then the answer. Only a search that holds without meeting the error
    // (a model that is not deterministic) leaves the worker's error to report.
    const one = await singleCore('model-error');
    if (one.result === 'holds') throw e;
    return { ...one, memory: one.memory && { ...one.memory, workers: opts.workers } };
  }
  if (!('handOver' in fast)) return fast;
  const one = await singleCore(fast.handOver);
  const memory = one.memory && { ...one.memory, workers: opts.workers };
  return { ...one, seconds: fast.seconds + one.seconds, memory };
}
