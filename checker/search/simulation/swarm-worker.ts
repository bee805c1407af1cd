// One swarm-simulation worker (coordinator: swarm.ts): loads its own model instance and runs the runs
// i ≡ offset (mod stride), skipping those after the smallest violating run any worker has found, and
// stopping when the shared stop word asks (interrupt, or another worker's model asked for it).

import { parentPort, workerData } from 'node:worker_threads';
import { ClabError, ModelError } from '../../errors.ts';
import { attachStopWord } from '../interrupt.ts';
import { loadInstance } from '../load-instance.ts';
import { simulate } from './simulate.ts';
import type { SwarmReply, SwarmWorkerData } from './swarm.ts';

const d = workerData as SwarmWorkerData;
const best = new Int32Array(d.best);
attachStopWord(new Int32Array(d.stop));
let reply: SwarmReply;
try {
  const { instance, invariants } = await loadInstance(d.load);
  const r = simulate(instance, { invariants, seed: d.seed, runs: d.runs, depth: d.depth, timeLimit: d.timeLimit, stride: d.stride, offset: d.offset, skip: (i) => i > Atomics.load(best, 0), deadlock: d.deadlock });
  if (r.violation) {
    // Atomic minimum: keep the smallest violating run index.
    for (let cur = Atomics.load(best, 0); r.violation.run < cur; cur = Atomics.load(best, 0)) if (Atomics.compareExchange(best, 0, cur, r.violation.run) === cur) break;
  }
  reply = { type: 'done', runs: r.runs, steps: r.steps, ...(r.stopped ? { stopped: r.stopped } : {}), violationRun: r.violation?.run };
} catch (e) {
  reply = { type: 'error', message: (e as Error)?.message ?? String(e), hint: e instanceof ClabError ? e.hint : undefined, model: e instanceof ModelError || !(e instanceof ClabError) };
}
parentPort!.postMessage(reply);
