// The parallel ceiling of this machine: a trivially parallel loop (hash a buffer of words over and over,
// no shared data, no communication) timed on one thread and then split over N worker threads. Parallel
// search speedups are reported raw and as a fraction of this ceiling, since 2 vCPUs of a VM rarely give 2x.

import { Worker } from 'node:worker_threads';

const LOOP = `
function work(rounds) {
  const w = new Uint32Array(64);
  for (let i = 0; i < 64; i++) w[i] = Math.imul(i + 1, 2654435761);
  let a = 0;
  for (let r = 0; r < rounds; r++) {
    w[r & 63] ^= r;
    for (let i = 0; i < 64; i++) { let k = Math.imul(w[i], 0xcc9e2d51); k = (k << 15) | (k >>> 17); a = Math.imul(a ^ k, 5) + 0xe6546b64 | 0; }
  }
  return a;
}`;

function runWorker(rounds: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const w = new Worker(`${LOOP}\nrequire('node:worker_threads').parentPort.postMessage(work(${rounds}));`, { eval: true });
    w.once('message', () => {
      void w.terminate();
      resolve();
    });
    w.once('error', reject);
  });
}

/** Speedup of `threads` workers each doing the one-thread amount of work, over one thread. */
export async function measureCeiling(threads: number, rounds = 4_000_000): Promise<{ speedup: number; oneThreadSeconds: number; parallelSeconds: number }> {
  const work = new Function(`${LOOP}; return work;`)() as (r: number) => number;
  work(rounds / 20); // warm up
  const t0 = performance.now();
  work(rounds);
  const one = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  await Promise.all(Array.from({ length: threads }, () => runWorker(rounds)));
  const par = (performance.now() - t1) / 1000;
  return { speedup: (threads * one) / par, oneThreadSeconds: one, parallelSeconds: par };
}
