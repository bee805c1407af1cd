// Messages between the parallel search's coordinator (parallel-bfs.ts) and its workers
// (parallel-worker.ts), and how a worker finds its model: the same target, constants, variant and
// invariant selection the CLI was given, loaded afresh in each thread (each has its own instance).
// The coordinator only moves buffers between workers once or twice a level; it does nothing per state.

/** What a worker loads: a model name, model file or spec, as `clab check` takes it. */
export interface LoadSpec {
  readonly target: string;
  readonly cwd: string;
  readonly consts: readonly string[];
  readonly variant?: string;
  readonly only: readonly string[];
  /** Use the model's declared symmetry (checker/symmetry.ts). */
  readonly symmetry?: boolean;
}

/** A worker's fingerprint table (its shard of the visited set), readable by the others while frozen. */
export interface TableInfo {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
}

/** A batch of candidate records (outbox.ts), moved between threads by transferring its buffer. */
export interface Batch {
  readonly buffer: ArrayBuffer;
  readonly used: number;
}

export interface ViolationFound {
  /** Discovery key (parent rank, successor index) of the violating state: the smallest wins. */
  readonly key: number;
  readonly invariant: string;
  /** Global ref: localId * workers + worker. */
  readonly ref: number;
}

export type ToWorker =
  | { type: 'init'; load: LoadSpec; index: number; workers: number; memoryBudget?: number; maxStates?: number; counter: SharedArrayBuffer; deadline: number; puritySample: number }
  /**
   * Expand this worker's frontier; `keys[w]` holds worker w's frontier keys (for the ranks); `reuse[w]`
   * is a spent outbox buffer for the records meant for worker w.
   */
  | { type: 'expand'; tables: TableInfo[]; keys: SharedArrayBuffer[]; last: boolean; reuse: (ArrayBuffer | null)[] }
  /** Take the records sent to this worker: one batch per other worker, in worker order (or the initial states). */
  | { type: 'insert'; batches: Batch[] }
  | { type: 'parent'; local: number }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'ready'; table: TableInfo }
  | { type: 'expanded'; generated: number; outboxes: Batch[]; beyondDepth: boolean; stopped?: 'time-limit' | 'memory' | 'max-states' }
  | {
      type: 'inserted';
      added: number;
      /** The discovery keys of the states added, ascending (the next level's frontier, in order). */
      keys: SharedArrayBuffer;
      /** The batches' buffers, spent, sent back (in the order received) for their senders to reuse. */
      spent: ArrayBuffer[];
      violation?: ViolationFound;
      table: TableInfo;
      tableBytes: number;
      parentBytes: number;
      frontierBytes: number;
      stopped?: 'max-states' | 'memory';
    }
  | { type: 'parent'; parent: number; index: number }
  | { type: 'error'; message: string; hint?: string; model: boolean; exitCode?: number };
