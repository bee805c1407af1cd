// What the parallel search's worker threads are given to find their model, and how a shared table is
// passed between threads. Each worker builds its own instance from a LoadSpec: the same target,
// constants, variant and invariant selection the CLI was given (load-instance.ts); the swarm simulation's
// workers load theirs the same way.

/** What a worker loads: a model name, model file or spec, as `clab check` takes it. */
export interface LoadSpec {
  readonly target: string;
  readonly cwd: string;
  readonly consts: readonly string[];
  readonly variant?: string;
  readonly only: readonly string[];
  /** Use the model's declared symmetry (checker/state/symmetry.ts). */
  readonly symmetry?: boolean;
}

/** A fingerprint table in shared memory (shared-table.ts), readable and writable by every thread. */
export interface TableInfo {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
}
