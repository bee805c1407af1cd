// Runs spec-invariant checks in a worker thread with a wall-clock limit and a heap limit. The submitted
// spec is data, parsed and compiled by the grader, but its predicates can cost any time on one state
// (`forall i in 0..100000: forall j in 0..100000: ...`) or any memory, and the search's time limit is
// only looked at between states: a thread can be terminated mid-predicate, the grader's own thread cannot.
// One thread serves the checks one after the other (starting one costs a second of loading); a thread
// that was stopped is replaced for the next check. It does not keep the process alive while idle.

import { Worker } from 'node:worker_threads';
import { ClabError } from '../../errors.ts';
import type { SpecInvariantCheck } from '../manifest.ts';
import type { Outcome } from '../result.ts';
import type { Limits } from '../sandbox/options.ts';

const ENTRY = new URL('./spec-invariant-entry.mjs', import.meta.url);

type Reply = { id: number; outcome?: Outcome; error?: string; clab?: boolean };

let current: { worker: Worker; heapMiB: number } | undefined;
let nextId = 0;
/** Checks run one at a time (a batch grades in turn; this keeps two callers from sharing a timer). */
let queue: Promise<unknown> = Promise.resolve();

function workerFor(heapMiB: number): Worker {
  if (current && current.heapMiB === heapMiB) return current.worker;
  if (current) void current.worker.terminate();
  const worker = new Worker(ENTRY, { resourceLimits: { maxOldGenerationSizeMb: heapMiB }, stdout: true, stderr: true });
  worker.unref();
  current = { worker, heapMiB };
  return worker;
}

function drop(worker: Worker): void {
  if (current?.worker === worker) current = undefined;
  void worker.terminate();
}

function runOne(check: SpecInvariantCheck, submission: string, limits: Limits): Promise<Outcome> {
  const worker = workerFor(limits.heapMiB);
  const id = ++nextId;
  return new Promise<Outcome>((resolve, reject) => {
    const stopped = (what: string): Outcome => ({ passed: false, verdict: `the grader stopped checking ${check.file}: ${what}`, blocked: [what] });
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
    };
    const onMessage = (m: Reply) => {
      if (m.id !== id) return;
      cleanup();
      if (m.outcome) resolve(m.outcome);
      else reject(m.clab ? new ClabError(m.error ?? 'error') : new Error(m.error));
    };
    const onError = (e: Error & { code?: string }) => {
      cleanup();
      drop(worker);
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve(stopped(`memory limit (heap ${limits.heapMiB} MiB)`));
      else reject(e);
    };
    const onExit = (code: number) => {
      cleanup();
      drop(worker);
      reject(new Error(`the check's thread ended (exit code ${code})`));
    };
    // The searches stop themselves at the time limit; this is for a predicate that never returns.
    const timer = setTimeout(() => {
      cleanup();
      drop(worker);
      resolve(stopped(`time limit (wall clock ${2 * limits.wallSeconds} s)`));
    }, 2 * limits.wallSeconds * 1000);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.ref();
    worker.postMessage({ id, check, submission, timeLimit: limits.wallSeconds });
  });
}

export function isolatedSpecInvariant(check: SpecInvariantCheck, submission: string, limits: Limits): Promise<Outcome> {
  const run = queue.then(() => runOne(check, submission, limits));
  queue = run.catch(() => undefined);
  return run;
}
