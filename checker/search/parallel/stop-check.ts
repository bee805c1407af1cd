// The periodic stop check of the parallel search's workers (called every thousand or so expansions):
// the time limit, and the memory budget at most every GUARD_MS, since reading the resident set size
// costs from ten microseconds to milliseconds (it waits for the other threads' page faults).

import type { MemoryGuard } from '../memory.ts';

export type Stop = 'time-limit' | 'memory';

const GUARD_MS = 20;

export class StopCheck {
  private nextGuard = 0;

  constructor(
    private readonly deadline: number,
    private readonly guard: MemoryGuard,
  ) {}

  /** Why the search must stop now, if it must. */
  due(): Stop | undefined {
    const now = Date.now();
    if (now > this.deadline) return 'time-limit';
    if (this.guard.budget !== Infinity && now >= this.nextGuard) {
      this.nextGuard = now + GUARD_MS;
      if (this.guard.wouldExceed()) return 'memory';
    }
    return undefined;
  }
}
