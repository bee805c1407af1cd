// Entry point of a bench worker thread: registers tsx's loader in this thread, then runs one single-core
// search (thread-search.ts).
import { register } from 'tsx/esm/api';

register();
await import('./thread-search.ts');
