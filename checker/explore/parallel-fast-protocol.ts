// Messages between the fast mode of the parallel search (parallel-fast.ts) and its workers
// (parallel-fast-worker.ts). One 'step' a level: take the records the others sent, expand the level.

import type { Batch, LoadSpec, TableInfo } from './parallel-protocol.ts';

export type Stop = 'time-limit' | 'memory';

export type FastToWorker =
  | { type: 'init'; load: LoadSpec; index: number; workers: number; memoryBudget?: number; deadline: number; puritySample: number }
  /**
   * Add `batches` (records from the other workers, or the initial states) to the level, then, if `expand`,
   * expand the whole level; `tables` are the other shards' tables, `reuse[w]` a spent buffer for worker w.
   * With `last`, successors are only looked up (to tell whether the depth bound cut the search).
   */
  | { type: 'step'; batches: Batch[]; expand: boolean; tables: TableInfo[]; last: boolean; reuse: (ArrayBuffer | null)[] };

export type FastFromWorker =
  | { type: 'ready'; table: TableInfo }
  | {
      type: 'stepped';
      /** States added from the batches (they belong to the level just expanded). */
      incoming: number;
      /** States of the next level this worker found itself while expanding. */
      own: number;
      generated: number;
      /** Records for each worker (empty for this one). */
      outboxes: Batch[];
      /** The batches' buffers, spent, sent back (in the order received) for their senders to reuse. */
      spent: ArrayBuffer[];
      beyondDepth: boolean;
      /** A new state broke an invariant: the coordinator re-runs the exact mode for the trace. */
      violation: boolean;
      stopped?: Stop;
      table: TableInfo;
      tableBytes: number;
      frontierBytes: number;
    }
  | { type: 'error'; message: string; hint?: string; model: boolean; exitCode?: number };
