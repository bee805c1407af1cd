// Entry point of the thread that runs a clab command under the supervisor (supervisor.ts): registers
// tsx's loader in this thread (loaders are per thread), then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./cli-worker.ts');
