// One thread of the shared-table stress test (test/state/shared-table.test.ts): waits at a start line
// shared with the other threads, inserts the given fingerprints into the shared table, and reports which
// inserts it won (returned true).

import { parentPort, workerData } from 'node:worker_threads';
import { insertShared, scaleOf } from '../../checker/state/shared-table.ts';

const { table, capacity, fps, start } = workerData as { table: SharedArrayBuffer; capacity: number; fps: Uint32Array; start: SharedArrayBuffer };
const t = new Uint32Array(table);
const gate = new Int32Array(start);
Atomics.add(gate, 0, 1);
while (Atomics.load(gate, 1) === 0);
const won: number[] = [];
for (let i = 0; i < fps.length; i += 2) if (insertShared(t, capacity * 2, scaleOf(capacity), fps[i], fps[i + 1])) won.push(i / 2);
parentPort!.postMessage(won);
