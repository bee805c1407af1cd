// Entry point of a swarm-simulation worker thread: registers tsx's loader in this thread, then runs the
// TypeScript worker (swarm-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./swarm-worker.ts');
