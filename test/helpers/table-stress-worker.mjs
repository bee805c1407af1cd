// Entry point of the shared-table stress test's worker threads: registers tsx's loader in this thread,
// then runs table-stress-worker.ts.
import { register } from 'tsx/esm/api';

register();
await import('./table-stress-worker.ts');
