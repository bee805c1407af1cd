// The thread that runs spec-invariant checks (isolate.ts starts it and keeps it for the next check): the
// submitted spec's predicates are evaluated here, where one that takes for ever on a state can be stopped
// (the thread is terminated) without stopping the grader.

import { parentPort } from 'node:worker_threads';
import type { SpecInvariantCheck } from '../manifest.ts';
import { specInvariantCheck } from './spec-invariant.ts';

parentPort!.on('message', async (m: { id: number; check: SpecInvariantCheck; submission: string; timeLimit: number }) => {
  try {
    parentPort!.postMessage({ id: m.id, outcome: await specInvariantCheck(m.check, m.submission, m.timeLimit) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error)?.message ?? String(e), clab: (e as Error)?.name === 'ClabError' || (e as Error)?.name === 'ModelError' });
  }
});
