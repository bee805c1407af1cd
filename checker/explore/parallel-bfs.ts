// Parallel breadth-first search over worker_threads (`clab check --workers N`). parallelBfs runs the fast
// mode (parallel-fast.ts) first and falls back to the exact ordered mode below on a violation or a
// --max-states bound. Exact mode: the coordinator (this
// file) only runs the levels: twice a level it hands each worker the buffers the others produced; it does
// nothing per state. The workers (parallel-worker.ts) own the shards of the visited set and do all the
// work, both phases of a level in parallel. Counts equal the single-core search's (distinct, generated,
// depth), and so does the counterexample: states are ordered by discovery key (parent rank, successor
// index), the order the single-core search meets them, so each state keeps the single-core parent and the
// violation chosen (the smallest key of the first violating level) is the single-core one, on every run.
// Initial states and traces are computed here, on the coordinator's own instance.

import { Encoder, encodeValue } from '../encode.ts';
import type { Instance } from '../model.ts';
import { initialOutboxes } from './outbox.ts';
import { fastParallelBfs } from './parallel-fast.ts';
import { expectReply, Peer } from './parallel-peer.ts';
import { replayIndices } from './parent-table.ts';
import type { Batch, FromWorker, LoadSpec, TableInfo, ToWorker, ViolationFound } from './parallel-protocol.ts';
import type { Bound, Progress, SearchResult } from './types.ts';

export interface ParallelOptions {
  readonly workers: number;
  readonly maxStates?: number;
  readonly maxDepth?: number;
  readonly timeLimit?: number;
  readonly memoryBudget?: number;
  readonly puritySample?: number;
  readonly onProgress?: (p: Progress) => void;
  /** Writes the canonical encoding (symmetry reduction), as the workers do. */
  readonly canonical?: (s: unknown, w: Encoder) => void;
}

/**
 * The parallel search: the fast mode (parallel-fast.ts) unless a --max-states bound asks for the exact
 * stop point; on a violation, or with that bound, the exact ordered mode below, whose verdict, counts and
 * counterexample are the single-core search's. CLAB_PARALLEL_EXACT=1 forces the exact mode.
 */
export async function parallelBfs<S>(inst: Instance<S>, load: LoadSpec, opts: ParallelOptions): Promise<SearchResult<S>> {
  if (opts.maxStates !== undefined || process.env.CLAB_PARALLEL_EXACT) return exactParallelBfs(inst, load, opts);
  const fast = await fastParallelBfs(inst, load, opts);
  if (!('violation' in fast && fast.violation === true)) return fast as SearchResult<S>;
  const exact = await exactParallelBfs(inst, load, opts);
  return { ...exact, seconds: exact.seconds + fast.seconds };
}

type Worker = Peer<ToWorker, FromWorker>;
function expect<T extends FromWorker['type']>(m: Parameters<typeof expectReply<FromWorker, T>>[0], type: T): Extract<FromWorker, { type: T }> {
  return expectReply<FromWorker, T>(m, type);
}

export async function exactParallelBfs<S>(inst: Instance<S>, load: LoadSpec, opts: ParallelOptions): Promise<SearchResult<S>> {
  const start = performance.now();
  const N = opts.workers;
  const counter = new SharedArrayBuffer(4);
  const deadline = opts.timeLimit !== undefined ? Date.now() + opts.timeLimit * 1000 : Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  const peers: Worker[] = Array.from({ length: N }, () => new Peer<ToWorker, FromWorker>(new URL('./worker-entry.mjs', import.meta.url)));
  try {
    const ready = await Promise.all(
      peers.map((p, index) =>
        p.ask({ type: 'init', load, index, workers: N, memoryBudget: opts.memoryBudget, maxStates: opts.maxStates, counter, deadline, puritySample: opts.puritySample ?? 997 }),
      ),
    );
    let tables: TableInfo[] = ready.map((m) => expect(m, 'ready').table);
    // The clock starts once the workers have loaded the model (thread start-up is reported apart).
    const startup = (performance.now() - start) / 1000;
    const searchStart = performance.now();
    let tExpand = 0;
    let tInsert = 0;

    // Level 1: the initial states, one batch per owner, discovery keys (0, index in init()).
    const encodeFn = inst.encode ? inst.encode.bind(inst) : (s: S, w: Encoder) => encodeValue(s, w);
    const keyFn = (opts.canonical as ((s: S, w: Encoder) => void) | undefined) ?? encodeFn;
    const inits = inst.init();
    const initBoxes = initialOutboxes(inits, keyFn, encodeFn, N, -1 >>> 0);
    let generated = inits.length;
    let depth = 0;
    let distinct = 0;
    let bound: Bound | undefined;
    let violation: ViolationFound | undefined;
    let tableBytes = 0;
    let parentBytes = 0;
    let frontierPeak = 0;

    let keys: SharedArrayBuffer[] = [];
    // reuse[src][dst]: a spent outbox buffer worker src may fill again with records for worker dst.
    let reuse: (ArrayBuffer | null)[][] = peers.map(() => peers.map(() => null));
    let expandedLevel = false;
    const insert = async (batchesFor: (dst: number) => Batch[]): Promise<number> => {
      const replies = await Promise.all(
        peers.map((p, dst) => {
          const batches = batchesFor(dst);
          return p.ask({ type: 'insert', batches }, batches.map((b) => b.buffer));
        }),
      );
      let added = 0;
      let frontier = 0;
      tableBytes = 0;
      parentBytes = 0;
      tables = replies.map((r) => {
        const m = expect(r, 'inserted');
        added += m.added;
        frontier += m.frontierBytes;
        tableBytes += m.tableBytes;
        parentBytes += m.parentBytes;
        if (m.stopped) bound = bound ?? m.stopped;
        if (m.violation && (!violation || m.violation.key < violation.key)) violation = m.violation;
        return m.table;
      });
      keys = replies.map((r) => (r as Extract<FromWorker, { type: 'inserted' }>).keys);
      reuse = peers.map(() => peers.map(() => null));
      if (expandedLevel) {
        replies.forEach((r, dst) => {
          const spent = (r as Extract<FromWorker, { type: 'inserted' }>).spent;
          peers.forEach((_, src) => {
            if (src !== dst) reuse[src][dst] = spent[src < dst ? src : src - 1] ?? null;
          });
        });
      }
      frontierPeak = Math.max(frontierPeak, frontier);
      distinct += added;
      return added;
    };

    let added = await insert((dst) => [{ buffer: initBoxes[dst].words.buffer as ArrayBuffer, used: initBoxes[dst].used }]);
    if (added > 0) depth = 1;
    while (!violation && !bound && added > 0) {
      if (Date.now() > deadline) {
        bound = 'time-limit';
        break;
      }
      const last = depth >= maxDepth;
      const t0 = performance.now();
      const expandedReplies = await Promise.all(
        peers.map((p, src) => {
          const buffers = reuse[src].filter((b): b is ArrayBuffer => b !== null);
          return p.ask({ type: 'expand', tables, keys, last, reuse: reuse[src] }, buffers);
        }),
      );
      expandedLevel = true;
      tExpand += performance.now() - t0;
      const boxes = expandedReplies.map((r) => expect(r, 'expanded'));
      for (const b of boxes) {
        generated += b.generated;
        if (b.stopped) bound = bound ?? b.stopped;
      }
      if (last) {
        if (!bound && boxes.some((b) => b.beyondDepth)) bound = 'max-depth';
        break;
      }
      // Each worker takes the other workers' records for it, in worker order (even after a stop, so that
      // the states already added are counted).
      const t1 = performance.now();
      added = await insert((dst) => boxes.filter((_, src) => src !== dst).map((b) => b.outboxes[dst]));
      tInsert += performance.now() - t1;
      if (bound) break;
      if (added > 0) depth++;
      opts.onProgress?.({ distinctStates: distinct, statesGenerated: generated, queue: added, depth, seconds: (performance.now() - searchStart) / 1000 });
    }
    const seconds = (performance.now() - searchStart) / 1000;
    if (process.env.CLAB_PARALLEL_DEBUG) console.error({ startup, expand: tExpand / 1000, insert: tInsert / 1000, seconds });

    let path;
    if (violation) {
      const indices: number[] = [];
      for (let ref = violation.ref; ref !== -1; ) {
        const shard = ref % N;
        const m = expect(await peers[shard].ask({ type: 'parent', local: Math.floor(ref / N) }), 'parent');
        indices.push(m.index);
        ref = m.parent;
      }
      path = replayIndices(inst, indices.reverse());
    }
    const v = violation as ViolationFound | undefined;
    return {
      result: v ? 'violation' : bound ? 'incomplete' : 'holds',
      distinctStates: distinct,
      statesGenerated: generated,
      depth: path ? Math.max(depth, path.length) : depth,
      seconds,
      bound: v ? undefined : bound,
      visitedBytes: tableBytes + parentBytes,
      memory: { fingerprintBytes: tableBytes, parentBytes, frontierPeakBytes: frontierPeak, peakRssBytes: process.resourceUsage().maxRSS * 1024, workers: N },
      violation: v && path ? { invariant: v.invariant, path } : undefined,
      witnesses: new Map(),
    };
  } finally {
    await Promise.all(peers.map((p) => p.worker.terminate()));
  }
}
