// The memory budget of a search (`--memory 8GiB`): the search asks before every large allocation (and
// about once every thousand expansions) whether resident memory plus what it is about to allocate would
// pass the budget, or whether the V8 heap is close to its own limit; if so it stops cleanly with verdict
// "incomplete" (bound 'memory') instead of being killed or crashing out of memory. Also tracks peak RSS.

import { getHeapStatistics } from 'node:v8';

/** Fraction of V8's heap limit at which the search stops rather than risk a heap out-of-memory crash. */
const HEAP_STOP = 0.85;

export class MemoryGuard {
  peakRss = 0;
  private readonly heapLimit = getHeapStatistics().heap_size_limit;

  constructor(readonly budget: number = Infinity) {}

  /** True if `extra` more bytes would pass the budget (or the heap is nearly full). */
  wouldExceed(extra = 0): boolean {
    const rss = process.memoryUsage.rss();
    if (rss > this.peakRss) this.peakRss = rss;
    if (rss + extra > this.budget) return true;
    return process.memoryUsage().heapUsed > this.heapLimit * HEAP_STOP;
  }

  /** Cheap: RSS only (no heap statistics). */
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.peakRss) this.peakRss = rss;
  }
}

/** Parses `8GiB`, `512MiB`, `2G`, `1.5GB`, `1000000000` into bytes; undefined if malformed. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  const pow = unit === '' ? 0 : 'kmgt'.indexOf(unit) + 1;
  const base = m[3] && m[3].toLowerCase() === 'b' && !m[3].toLowerCase().startsWith('i') ? 1000 : 1024;
  const bytes = Number(m[1]) * base ** pow;
  return Number.isFinite(bytes) && bytes > 0 ? Math.floor(bytes) : undefined;
}
