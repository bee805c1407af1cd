// What every search strategy takes and returns, so the CLI and reports do not care which one ran.

import type { Encoder } from '../state/encode.ts';
import type { Action } from '../model.ts';
import type { Coverage } from './coverage.ts';

/** A named state predicate: an invariant (must always hold) or a witness target (should be reachable). */
export interface Predicate<S> {
  readonly name: string;
  readonly holds: (s: S) => boolean;
  /** Lines saying why a state breaks it (a model invariant's `explain`, a spec expression's parts); see checker/trace/explain.ts. */
  readonly explain?: (s: S) => readonly string[];
}

export interface Progress {
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly queue: number;
  readonly depth: number;
  readonly seconds: number;
}

export interface SearchOptions<S> {
  /** Invariants to check (each state, when first reached). */
  readonly invariants: readonly Predicate<S>[];
  /** Reachability targets: the shortest path to a state satisfying each is recorded. */
  readonly witnesses?: readonly Predicate<S>[];
  readonly maxStates?: number;
  /** Largest BFS level explored (initial states are level 1). */
  readonly maxDepth?: number;
  /** Seconds. */
  readonly timeLimit?: number;
  /** Called at every periodic check (about every thousand expansions; parallel searches: every level). */
  readonly onProgress?: (p: Progress) => void;
  /** Check purity on the first 16 states and then every `puritySample`-th expansion (0: never). */
  readonly puritySample?: number;
  /** Deep-freeze every state (debug: a mutation throws where it happens). */
  readonly freeze?: boolean;
  /** Keep searching after a violation: record the first (shortest) violation of each invariant. */
  readonly allViolations?: boolean;
  /** Bytes of memory (resident set) the search may use; past it the result is incomplete, bound 'memory'. */
  readonly memoryBudget?: number;
  /**
   * Symmetry reduction: writes the canonical encoding of a state's orbit (checker/state/symmetry.ts). States
   * are then counted once per orbit; traces stay concrete.
   */
  readonly canonical?: (s: S, w: Encoder) => void;
  /** Sample the time split between next(), fingerprinting and invariants (default true). */
  readonly phaseTimes?: boolean;
  /**
   * Report a reachable state with no successor that the model does not call terminal (Instance.terminal)
   * as a violation named "deadlock", as TLC does (default false here; the command line turns it on).
   */
  readonly deadlock?: boolean;
  /** Coverage: count every successor per action too, not only new states (costs ~20% on cheap models). */
  readonly countFired?: boolean;
}

/** The name a deadlock violation is reported under (a violation with `deadlock: true`). */
export const DEADLOCK = 'deadlock';

export type Verdict = 'holds' | 'violation' | 'incomplete';
/** Which bound stopped a search; 'interrupted': the user's signal (Ctrl-C) asked it to stop. */
export type Bound = 'max-states' | 'max-depth' | 'time-limit' | 'memory' | 'interrupted';

/** One step of a trace: the action that led to the state (null for the initial state). */
export interface PathStep<S> {
  readonly action: Action | null;
  readonly state: S;
}

export interface SearchResult<S> {
  readonly result: Verdict;
  readonly distinctStates: number;
  readonly statesGenerated: number;
  readonly depth: number;
  readonly seconds: number;
  /** Which bound made the result incomplete. */
  readonly bound?: Bound;
  /** Bytes of the visited set and parent table. */
  readonly visitedBytes: number;
  /** Where the bytes went, at the end of the search (optional: strategies that do not measure omit it). */
  readonly memory?: MemoryFigures;
  /** Estimated seconds spent in each phase, from a sample of expansions. */
  readonly phases?: PhaseTimes;
  readonly violation?: Violation<S>;
  /** With `allViolations`: one shortest violation per violated invariant, in the order found (the first is `violation`). */
  readonly violations?: readonly Violation<S>[];
  /** Shortest path to each witness target that was reached (name → path). */
  readonly witnesses: ReadonlyMap<string, readonly PathStep<S>[]>;
  /** Successors and new states per action (search/coverage.ts); the single-core search's only. */
  readonly coverage?: Coverage;
}

/**
 * A violated invariant and a shortest path to a state that breaks it; with `deadlock`, a path to a state
 * with no successor that the model does not call terminal (`invariant` is then DEADLOCK).
 */
export interface Violation<S> {
  readonly invariant: string;
  readonly path: readonly PathStep<S>[];
  readonly deadlock?: true;
}

export interface MemoryFigures {
  /** Fingerprint table bytes (open addressing, 8 bytes a slot). */
  readonly fingerprintBytes: number;
  /** Parent pointers for traces (6 bytes a state). */
  readonly parentBytes: number;
  /** Largest frontier buffer seen (encoded states or references). */
  readonly frontierPeakBytes: number;
  /** Peak resident set size of the process. */
  readonly peakRssBytes: number;
  /** Parallel search: number of worker threads. */
  readonly workers?: number;
}

export interface PhaseTimes {
  /** Calls of the model's next(). */
  readonly successors: number;
  /** Encoding, hashing and visited-set lookups of successors. */
  readonly fingerprints: number;
  /** Invariants and witness predicates on new states. */
  readonly invariants: number;
  /** Rebuilding states from the encoded frontier. */
  readonly decode: number;
  /** Growing the fingerprint table (timed exactly). */
  readonly tableGrowth?: number;
}
