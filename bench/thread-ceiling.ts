// What threads can give on this model here: one single-core search in a worker thread, then N of the same
// searches at once in N worker threads of this process (no sharing, no communication). The ceiling is
// N x (one alone) / (slowest of the N together). Threads of one process slow each other more than
// separate processes do (page faults and TLB flushes hit the one address space they share), so this,
// not the trivially parallel hashing loop of ceiling.ts, bounds what the parallel search can reach.
// Run in a process of its own: prints one JSON line {alone, together, ceiling}.

import { Worker } from 'node:worker_threads';

const spec = JSON.parse(process.argv[2]) as { model: string; variant?: string; constants: Record<string, number>; workers: number };
const entry = new URL('./thread-search.mjs', import.meta.url);

function search(): Promise<number> {
  return new Promise((resolve, reject) => {
    const w = new Worker(entry, { workerData: { model: spec.model, variant: spec.variant, constants: spec.constants } });
    w.once('message', (m: { seconds: number }) => {
      void w.terminate();
      resolve(m.seconds);
    });
    w.once('error', reject);
  });
}

const alone = await search();
const together = await Promise.all(Array.from({ length: spec.workers }, () => search()));
console.log(JSON.stringify({ alone, together, ceiling: (spec.workers * alone) / Math.max(...together) }));
