// Fast mode of the parallel search (`clab check --workers N`), tried first whenever no --max-states bound
// asks for the exact stop point. Each worker (parallel-fast-worker.ts) adds the states it owns straight
// into its shard of the visited set; nothing orders a level or records parents, so a level costs about
// what it costs the single-core search, split over the workers, and one round trip. Distinct states,
// states generated and depth equal the single-core search's: they do not depend on which parent reached
// a state first. What does depend on it, the counterexample, is left to the exact mode: as soon as a new
// state breaks an invariant this returns 'violation' and parallel-bfs.ts re-runs the exact ordered
// search, which yields the single-core search's verdict and trace.

import { Encoder, encodeValue } from '../encode.ts';
import type { Instance } from '../model.ts';
import { initialOutboxes } from './outbox.ts';
import type { ParallelOptions } from './parallel-bfs.ts';
import type { FastFromWorker, FastToWorker } from './parallel-fast-protocol.ts';
import { expectReply, Peer } from './parallel-peer.ts';
import type { Batch, LoadSpec, TableInfo } from './parallel-protocol.ts';
import type { Bound, SearchResult } from './types.ts';

type Stepped = Extract<FastFromWorker, { type: 'stepped' }>;

/** The search's result when no invariant is broken, else 'violation' (after `seconds` spent). */
export async function fastParallelBfs<S>(
  inst: Instance<S>,
  load: LoadSpec,
  opts: ParallelOptions,
): Promise<SearchResult<S> | { violation: true; seconds: number }> {
  const start = performance.now();
  const N = opts.workers;
  const deadline = opts.timeLimit !== undefined ? Date.now() + opts.timeLimit * 1000 : Infinity;
  const maxDepth = opts.maxDepth ?? Infinity;
  const entry = new URL('./worker-entry.mjs', import.meta.url);
  const peers = Array.from({ length: N }, () => new Peer<FastToWorker, FastFromWorker>(entry, { fast: true }));
  try {
    const ready = await Promise.all(
      peers.map((p, index) => p.ask({ type: 'init', load, index, workers: N, memoryBudget: opts.memoryBudget, deadline, puritySample: opts.puritySample ?? 997 })),
    );
    let tables: TableInfo[] = ready.map((m) => expectReply(m, 'ready').table);
    const searchStart = performance.now();

    // The initial states, one batch per owner.
    const encodeFn = inst.encode ? inst.encode.bind(inst) : (s: S, w: Encoder) => encodeValue(s, w);
    const keyFn = (opts.canonical as ((s: S, w: Encoder) => void) | undefined) ?? encodeFn;
    const inits = inst.init();
    const initBoxes = initialOutboxes(inits, keyFn, encodeFn, N, 0);
    let pending: Batch[][] = initBoxes.map((b) => [{ buffer: b.words.buffer as ArrayBuffer, used: b.used }]);
    let reuse: (ArrayBuffer | null)[][] = peers.map(() => peers.map(() => null));
    let fromExpansion = false;
    let generated = inits.length;
    let distinct = 0;
    let depth = 0;
    let ownNext = 0;
    let bound: Bound | undefined;
    let tableBytes = 0;
    let frontierPeak = 0;

    const step = async (batchesFor: (dst: number) => Batch[], expand: boolean, last: boolean): Promise<{ replies: Stepped[]; violation: boolean }> => {
      const raw = await Promise.all(
        peers.map((p, dst) => {
          const batches = batchesFor(dst);
          const spare = reuse[dst];
          return p.ask({ type: 'step', batches, expand, tables, last, reuse: spare }, [...batches.map((b) => b.buffer), ...spare.filter((b): b is ArrayBuffer => b !== null)]);
        }),
      );
      const replies = raw.map((r) => expectReply(r, 'stepped'));
      tables = replies.map((r) => r.table);
      tableBytes = 0;
      let frontier = 0;
      let violation = false;
      const nextReuse: (ArrayBuffer | null)[][] = peers.map(() => peers.map(() => null));
      replies.forEach((r, dst) => {
        distinct += r.incoming + r.own;
        generated += r.generated;
        tableBytes += r.tableBytes;
        frontier += r.frontierBytes;
        if (r.violation) violation = true;
        if (r.stopped) bound = bound ?? r.stopped;
        if (fromExpansion) peers.forEach((_, src) => src !== dst && (nextReuse[src][dst] = r.spent[src < dst ? src : src - 1] ?? null));
      });
      reuse = nextReuse;
      frontierPeak = Math.max(frontierPeak, frontier);
      return { replies, violation };
    };

    for (let level = 1; ; level++) {
      if (Date.now() > deadline) {
        bound = 'time-limit';
        break;
      }
      const last = level >= maxDepth;
      const batchesFor = (dst: number) => pending[dst];
      let { replies, violation } = await step(batchesFor, !last, false);
      fromExpansion = true;
      if (violation) return { violation: true, seconds: (performance.now() - searchStart) / 1000 };
      const size = ownNext + replies.reduce((a, r) => a + r.incoming, 0);
      if (size === 0) break;
      depth = level;
      if (bound) break;
      if (last) {
        ({ replies } = await step(() => [], true, true));
        if (!bound && replies.some((r) => r.beyondDepth)) bound = 'max-depth';
        break;
      }
      ownNext = replies.reduce((a, r) => a + r.own, 0);
      pending = peers.map((_, dst) => replies.filter((_, src) => src !== dst).map((r) => r.outboxes[dst]));
      opts.onProgress?.({ distinctStates: distinct, statesGenerated: generated, queue: size, depth, seconds: (performance.now() - searchStart) / 1000 });
    }
    const seconds = (performance.now() - searchStart) / 1000;
    if (process.env.CLAB_PARALLEL_DEBUG) console.error({ mode: 'fast', startup: (searchStart - start) / 1000, seconds });
    return {
      result: bound ? 'incomplete' : 'holds',
      distinctStates: distinct,
      statesGenerated: generated,
      depth,
      seconds,
      bound,
      visitedBytes: tableBytes,
      memory: { fingerprintBytes: tableBytes, parentBytes: 0, frontierPeakBytes: frontierPeak, peakRssBytes: process.resourceUsage().maxRSS * 1024, workers: N },
      violation: undefined,
      witnesses: new Map(),
    };
  } finally {
    await Promise.all(peers.map((p) => p.worker.terminate()));
  }
}
