// Entry point of the thread that runs one spec-invariant check (spec-invariant-worker.ts): registers tsx's
// loader in this thread (loaders are per thread), then runs the TypeScript worker.
import { existsSync } from 'node:fs';
import '../../load/register-ts.mjs';

// A checkout runs the TypeScript source; an installed package has only the compiled JavaScript (dist/).
const source = new URL('./spec-invariant-worker.ts', import.meta.url);
await import(existsSync(source) ? source.href : new URL('./spec-invariant-worker.js', import.meta.url).href);
