// Entry point of a parallel-search worker thread: registers tsx's loader in this thread (loaders are
// per thread) and then runs the TypeScript worker: the fast mode's (parallel-fast-worker.ts) when the
// coordinator asks for it in workerData, else the exact mode's (parallel-worker.ts).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData?.fast ? './parallel-fast-worker.ts' : './parallel-worker.ts');
