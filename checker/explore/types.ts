// What every search strategy takes and returns, so the CLI and reports do not care which one ran.

import type { Action } from '../model.ts';

/** A named state predicate: an invariant (must always hold) or a witness target (should be reachable). */
export interface Predicate<S> {
  readonly name: string;
  readonly holds: (s: S) => boolean;
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
  /** Called about once a second. */
  readonly onProgress?: (p: Progress) => void;
  /** Check purity on the first 16 states and then every `puritySample`-th expansion (0: never). */
  readonly puritySample?: number;
  /** Deep-freeze every state (debug: a mutation throws where it happens). */
  readonly freeze?: boolean;
}

export type Verdict = 'holds' | 'violation' | 'incomplete';
export type Bound = 'max-states' | 'max-depth' | 'time-limit' | 'memory';

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
  readonly violation?: { readonly invariant: string; readonly path: readonly PathStep<S>[] };
  /** Shortest path to each witness target that was reached (name → path). */
  readonly witnesses: ReadonlyMap<string, readonly PathStep<S>[]>;
}
