// The parallel fast mode's next visited table, made ready ahead of need. Touching fresh memory for the
// first time costs a page fault per page, and here page faults taken by several threads of one process
// at once run about four times slower than the same faults taken by one thread (measured: rebuilding a
// 7M-slot table took 111-123 ms on each of two workers into untouched memory, 25-31 ms into memory one
// thread had touched first). So once the table passes PREPARE_AT of its capacity, the coordinator, idle
// while the workers expand, allocates the next table and touches its pages a slice at a time; the
// rebuild then only copies. Held only over the last stretch before a rebuild, within the memory budget.

import type { MemoryGuard } from '../memory.ts';
import type { TableInfo } from './parallel-protocol.ts';
import { grownCapacity } from '../../state/shared-table.ts';

/** Load at which the next table is prepared (the table is rebuilt at SHARED_MAX_LOAD, 0.75). */
const PREPARE_AT = 0.55;
/** Bytes touched per call (about 2-4 ms of the coordinator's time; called every 8 ms). */
const SLICE_BYTES = 8 << 20;
const PAGE_WORDS = 1024;

export const newTable = (capacity: number): TableInfo => ({ buffer: new SharedArrayBuffer(capacity * 8), capacity });

export class NextTable {
  private spare: TableInfo | undefined;
  private touched = 0;

  constructor(private readonly guard: MemoryGuard) {}

  /** Call often while the workers run, with the current table's capacity and entries. */
  prepare(capacity: number, size: number): void {
    if (size < capacity * PREPARE_AT) return;
    const next = grownCapacity(capacity);
    if (this.spare?.capacity !== next) {
      if (this.guard.wouldExceed(next * 8)) return;
      this.spare = newTable(next);
      this.touched = 0;
    }
    const w = new Uint32Array(this.spare.buffer);
    const end = Math.min(w.length, this.touched + SLICE_BYTES / 4);
    for (let i = this.touched; i < end; i += PAGE_WORDS) w[i] = 0;
    this.touched = end;
  }

  /** The table to rebuild into (the prepared one if any), or undefined past the memory budget. */
  take(capacity: number): TableInfo | undefined {
    const next = grownCapacity(capacity);
    const spare = this.spare;
    this.spare = undefined;
    if (spare?.capacity === next) return spare;
    return this.guard.wouldExceed(next * 8) ? undefined : newTable(next);
  }
}
