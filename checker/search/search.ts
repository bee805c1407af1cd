// The one entry point of the exhaustive search. One options type (SearchRequest) picks the strategy: the
// single-core breadth-first search (bfs.ts), or with `workers` > 1 the parallel search (parallel/), which
// gives the same answer in every figure. A request for workers that cannot be honoured (no decode(), a
// reachability target, --all-violations, --debug-freeze) falls back to one core with a note saying why.

import type { Instance } from '../model.ts';
import { bfs } from './bfs.ts';
import { parallelBfs, type SingleCoreReason } from './parallel/parallel-bfs.ts';
import type { LoadSpec } from './parallel/parallel-protocol.ts';
import type { SearchOptions, SearchResult } from './types.ts';

export interface SearchRequest<S> extends SearchOptions<S> {
  /** Threads for the parallel search (1 or absent: one core). */
  readonly workers?: number;
  /** How a worker thread builds its own instance of the same configuration (needed with workers > 1). */
  readonly load?: LoadSpec;
  /** Told when the strategy is not the one asked for, or when the single-core search gives the answer. */
  readonly onNote?: (note: SearchNote) => void;
}

export type SearchNote =
  /** --workers was asked for but the search runs on one core, for this reason. */
  | { readonly kind: 'one-core'; readonly why: string }
  /** The parallel search handed over to the single-core search (a violation, --max-states, a model error). */
  | { readonly kind: 'single-core-answer'; readonly why: SingleCoreReason };

/** Why a request for workers runs on one core, if it does. */
export function whyOneCore<S>(inst: Instance<S>, req: SearchRequest<S>): string | undefined {
  if (typeof inst.decode !== 'function') return 'the model has no decode()';
  if ((req.witnesses ?? []).length > 0) return 'the spec has reachability (sometimes) targets';
  if (req.allViolations) return '--all-violations needs the sequential search';
  if (req.freeze) return '--debug-freeze needs the sequential search';
  if (req.countFired) return '--coverage is counted by the sequential search';
  if (!req.load) return 'no description of the model for worker threads';
  return undefined;
}

export async function search<S>(inst: Instance<S>, req: SearchRequest<S>): Promise<SearchResult<S>> {
  if (!req.workers || req.workers <= 1) return bfs(inst, req);
  const why = whyOneCore(inst, req);
  if (why) {
    req.onNote?.({ kind: 'one-core', why });
    return bfs(inst, req);
  }
  return parallelBfs(inst, req.load!, {
    workers: req.workers,
    invariants: req.invariants,
    maxStates: req.maxStates,
    maxDepth: req.maxDepth,
    timeLimit: req.timeLimit,
    memoryBudget: req.memoryBudget,
    puritySample: req.puritySample,
    canonical: req.canonical,
    deadlock: req.deadlock,
    onProgress: req.onProgress,
    onSingleCore: (why) => req.onNote?.({ kind: 'single-core-answer', why }),
  });
}
