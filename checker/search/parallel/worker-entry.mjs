// Entry point of a parallel-search worker thread: registers tsx's loader in this thread (loaders are
// per thread) and then runs the TypeScript worker (parallel-fast-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./parallel-fast-worker.ts');
