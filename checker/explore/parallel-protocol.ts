// Messages between the parallel search's coordinator (parallel-bfs.ts) and its workers
// (parallel-worker.ts), and how a worker finds its model: the same target, constants, variant and
// invariant selection the CLI was given, loaded afresh in each thread (each has its own instance).

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

export interface TableInfo {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
}

export interface ViolationFound {
  readonly hi: number;
  readonly lo: number;
  readonly invariant: string;
  /** Global ref: localId * workers + worker. */
  readonly ref: number;
}

export type ToWorker =
  | { type: 'init'; load: LoadSpec; index: number; workers: number; memoryBudget?: number; maxStates?: number; counter: SharedArrayBuffer; deadline: number; puritySample: number }
  | { type: 'expand'; tables: TableInfo[]; last: boolean }
  | { type: 'insert'; batches: { buffer: ArrayBuffer; used: number }[] }
  | { type: 'parent'; local: number }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'ready'; table: TableInfo }
  | { type: 'expanded'; generated: number; outboxes: { buffer: ArrayBuffer; used: number }[]; beyondDepth: boolean; stopped?: 'time-limit' | 'memory' }
  | { type: 'inserted'; added: number; violation?: ViolationFound; table: TableInfo; tableBytes: number; parentBytes: number; frontierBytes: number; stopped?: 'max-states' | 'memory' }
  | { type: 'parent'; parent: number; index: number }
  | { type: 'error'; message: string; hint?: string; model: boolean; exitCode?: number };
