// Entry point of a swarm-simulation worker thread: registers tsx's loader in this thread, then runs the
// TypeScript worker (swarm-worker.ts).
import { existsSync } from 'node:fs';
import '../../load/register-ts.mjs';

// A checkout runs the TypeScript source; an installed package has only the compiled JavaScript (dist/).
const source = new URL('./swarm-worker.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('./swarm-worker.js', import.meta.url).href);
