// A parallel-search worker thread seen from the coordinator (parallel-fast.ts): its replies queued in
// arrival order, and a thread failure turned into an error reply.

import { Worker } from 'node:worker_threads';
import { ClabError, ModelError } from '../../errors.ts';

/** The error reply a worker sends. */
export interface ErrorReply {
  type: 'error';
  message: string;
  hint?: string;
  model: boolean;
  exitCode?: number;
}

export class Peer<In, Out extends { type: string }> {
  private readonly waiting: ((m: Out | ErrorReply) => void)[] = [];
  private readonly queued: (Out | ErrorReply)[] = [];
  private failure: unknown;
  readonly worker: Worker;

  constructor(entry: URL, workerData?: unknown) {
    this.worker = new Worker(entry, { workerData });
    this.worker.on('message', (m: Out) => {
      const w = this.waiting.shift();
      if (w) w(m);
      else this.queued.push(m);
    });
    this.worker.on('error', (e) => {
      this.failure = e;
      for (const w of this.waiting.splice(0)) w(this.failed());
    });
  }

  private failed(): ErrorReply {
    return { type: 'error', message: String((this.failure as Error)?.message ?? this.failure), model: false };
  }

  ask(m: In, transfer: ArrayBuffer[] = []): Promise<Out | ErrorReply> {
    this.worker.postMessage(m, transfer);
    return this.reply();
  }

  reply(): Promise<Out | ErrorReply> {
    if (this.failure) return Promise.resolve(this.failed());
    const q = this.queued.shift();
    if (q) return Promise.resolve(q);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

/** The error reply a worker sends for an exception: a ClabError as it is, anything else as the model's. */
export function errorReply(e: unknown): ErrorReply {
  const clab = e instanceof ClabError;
  return {
    type: 'error',
    message: clab ? e.message : `the model threw an error: ${(e as Error)?.message ?? String(e)}`,
    hint: clab ? e.hint : undefined,
    model: e instanceof ModelError || !clab,
    exitCode: clab ? e.exitCode : undefined,
  };
}

/** The reply of the expected type; an error reply is thrown as the ClabError or ModelError it stands for. */
export function expectReply<Out extends { type: string }, T extends Out['type']>(m: Out | ErrorReply, type: T): Extract<Out, { type: T }> {
  if (m.type === 'error') {
    const e = m as ErrorReply;
    if (e.model) throw new ModelError(e.message, e.hint);
    throw new ClabError(e.message, e.hint, undefined, e.exitCode as ClabError['exitCode']);
  }
  if (m.type !== type) throw new Error(`parallel search: expected ${type} from a worker, got ${m.type}`);
  return m as Extract<Out, { type: T }>;
}
