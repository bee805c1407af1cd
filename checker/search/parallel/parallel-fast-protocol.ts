// Messages between the fast mode of the parallel search (parallel-fast.ts) and its workers
// (parallel-fast-worker.ts). A level is one 'level' message to every worker, answered by 'ran'; a worker
// that reached the shared table's load limit answers 'ran' with `paused`, the coordinator has all workers
// rebuild the table bigger ('grow'/'grown'), and the paused ones 'resume'.

import type { LoadSpec, TableInfo } from './parallel-protocol.ts';
import type { FrontierInfo } from './shared-frontier.ts';
import type { Stop } from './stop-check.ts';

/** Layout of the control words (an Int32Array on a SharedArrayBuffer), one 64-byte line each. */
export const LINE = 16;
/** ctl[STOP_AT]: set to 1 by any thread that met a violation or a bound; the others then stop too. */
export const STOP_AT = 0;
/** ctl[claimAt(f)]: chunks of frontier f handed out so far this level. */
export const claimAt = (f: number) => (1 + f) * LINE;
/** ctl[insertedAt(workers, w)]: states worker w has added to the table so far (written by w alone). */
export const insertedAt = (workers: number, w: number) => (1 + workers + w) * LINE;
export const controlWords = (workers: number) => (1 + 2 * workers) * LINE;

export interface TablePass {
  readonly table: TableInfo;
  /** Stop adding states once the table holds this many (the coordinator then grows it). */
  readonly limit: number;
  /** States in the table not counted by any worker (the initial states, added by the coordinator). */
  readonly fixed: number;
}

export type FastToWorker =
  /** `maxStates`: stop (all threads) once more states than this are in the table (Infinity: no bound). */
  | { type: 'init'; load: LoadSpec; index: number; workers: number; control: SharedArrayBuffer; memoryBudget?: number; maxStates: number; deadline: number; puritySample: number; deadlock: boolean }
  /**
   * Expand the level made of `frontiers` (with `last`, only look successors up: the depth bound); with
   * `check`, check the invariants on the level's states first (the initial states, added by the coordinator).
   */
  | ({ type: 'level'; frontiers: FrontierInfo[]; last: boolean; check: boolean } & TablePass)
  /** Go on with the level after the table was rebuilt. */
  | ({ type: 'resume' } & TablePass)
  /** Copy part `part` of `parts` of table `old` into `table` (shared-table.ts, rehashPart). */
  | { type: 'grow'; old: TableInfo; table: TableInfo; part: number; parts: number };

export type FastFromWorker =
  | { type: 'ready' }
  /** The entries left for the coordinator to add (pairs hi, lo). */
  | { type: 'grown'; spilled: number[] }
  | {
      type: 'ran';
      /** Stopped at the table's load limit, with the level unfinished. */
      paused: boolean;
      /** Successors generated since the last reply. */
      generated: number;
      /** States this worker added to the table, in all (also in ctl). */
      inserted: number;
      /** The states of the next level this worker added (when not paused). */
      next?: FrontierInfo;
      frontierBytes: number;
      beyondDepth: boolean;
      /** A state broke an invariant or deadlocked: the single-core search gives the verdict and trace (parallel-bfs.ts). */
      violation: boolean;
      stopped?: Stop | 'max-states';
    }
  | { type: 'error'; message: string; hint?: string; model: boolean; exitCode?: number };
