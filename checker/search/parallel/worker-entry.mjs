// Entry point of a parallel-search worker thread: registers tsx's loader in this thread (loaders are
// per thread) and then runs the TypeScript worker (parallel-fast-worker.ts).
import { existsSync } from 'node:fs';
import '../../load/register-ts.mjs';

// A checkout runs the TypeScript source; an installed package has only the compiled JavaScript (dist/).
const source = new URL('./parallel-fast-worker.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('./parallel-fast-worker.js', import.meta.url).href);
